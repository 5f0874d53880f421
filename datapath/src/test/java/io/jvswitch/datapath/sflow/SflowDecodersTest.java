package io.jvswitch.datapath.sflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the agent on synthetic samples and counters, captures what a UDP collector on 127.0.0.1
 * receives into a pcap file, and decodes that file with the real decoders users run: Wireshark's
 * tshark and pmacct's sfacctd (ovs-compat.md §4.5). Skips when they are not installed.
 */
class SflowDecodersTest {
    private static final long SECOND = 1_000_000_000L;
    private static final int RATE = 64;
    private static final int[] TAGGED_PER_SECOND = {10, 10, 10};
    private static final int[] FLOODED_PER_SECOND = {4, 3, 3};
    private static final int TAGGED_IN = 1003;
    private static final int FLOODED_IN = 1004;
    private static final byte[] TAGGED_FRAME =
        TestFrames.icmpEcho("50:54:00:00:00:07", "50:54:00:00:00:05", (3 << 13) | 10, 64);
    private static final byte[] UNTAGGED_FRAME =
        TestFrames.icmpEcho("50:54:00:00:00:08", "ff:ff:ff:ff:ff:ff", -1, 300);

    @TempDir
    static Path dir;
    private static Path capture;
    private static int datagramCount;

    @BeforeAll
    static void captureAgentOutput() throws IOException {
        CachedNanoClock clock = new CachedNanoClock();
        clock.update(5_000 * SECOND);
        SflowSampleRing ring = new SflowSampleRing(1 << 18);
        TestCounterSource counters = new TestCounterSource().port(TAGGED_IN, 1000).port(FLOODED_IN, 5000);
        List<byte[]> received = new ArrayList<>();
        try (DatagramSocket collector = SflowAgentTest.listener()) {
            SflowConfig config = SflowConfig.fromColumns("127.0.0.1", List.of("127.0.0.1:" + collector.getLocalPort()),
                null, RATE, 1, 0);
            SflowAgent agent = new SflowAgent(config, ring, counters, clock, 7);
            SflowSampler tagged = new SflowSampler(RATE, 11);
            SflowSampler flooded = new SflowSampler(RATE, 12);
            try {
                for (int second = 0; second < TAGGED_PER_SECOND.length; second++) {
                    feed(ring, tagged, TAGGED_FRAME, TAGGED_IN, SflowInterfaces.single(FLOODED_IN), (3 << 13) | 10, 20,
                        TAGGED_PER_SECOND[second]);
                    feed(ring, flooded, UNTAGGED_FRAME, FLOODED_IN, SflowInterfaces.multiple(2), 0, 0,
                        FLOODED_PER_SECOND[second]);
                    agent.doWork();
                    clock.advance(SECOND);
                    agent.doWork();
                }
            } finally {
                agent.close();
            }
            collector.setSoTimeout(300);
            try {
                while (true) {
                    byte[] buffer = new byte[2048];
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    collector.receive(packet);
                    received.add(Arrays.copyOf(buffer, packet.getLength()));
                }
            } catch (SocketTimeoutException done) {
                // everything the agent sent has arrived
            }
        }
        capture = dir.resolve("sflow.pcap");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (PcapWriter pcap = new PcapWriter(capture, loopback, loopback, SflowTarget.DEFAULT_PORT)) {
            long time = 1_700_000_000_000_000L;
            for (byte[] datagram : received) {
                pcap.write(datagram, time);
                time += 1_000;
            }
        }
        datagramCount = received.size();
    }

    /** Feeds packets to {@code sampler} until it has taken {@code samples} more samples, offering each. */
    private static void feed(SflowSampleRing ring, SflowSampler sampler, byte[] frame, int input, int output,
                             int inTci, int outTci, int samples) {
        UnsafeBuffer memory = new UnsafeBuffer(frame);
        int taken = 0;
        while (taken < samples) {
            if (sampler.sample()) {
                assertThat(ring.offer(sampler, memory, 0, frame.length, input, output, inTci, outTci)).isTrue();
                taken++;
            }
        }
    }

    private static boolean installed(String tool) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/usr/bin", tool));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(dir, "out", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /** Runs tshark on the capture printing {@code fields}, one row per datagram matching {@code filter}. */
    private static List<Map<String, List<String>>> tsharkFields(String filter, String... fields) throws Exception {
        List<String> command = new ArrayList<>(List.of("tshark", "-r", capture.toString(), "-T", "fields",
            "-E", "separator=/t", "-E", "aggregator=,", "-E", "occurrence=a"));
        if (!filter.isEmpty()) {
            command.addAll(List.of("-Y", filter));
        }
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        List<Map<String, List<String>>> rows = new ArrayList<>();
        for (String line : run(command).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] columns = line.split("\t", -1);
            Map<String, List<String>> row = new LinkedHashMap<>();
            for (int i = 0; i < fields.length; i++) {
                row.put(fields[i], i < columns.length && !columns[i].isEmpty()
                    ? List.of(columns[i].split(",")) : List.of());
            }
            rows.add(row);
        }
        return rows;
    }

    /** All values of {@code field} over all rows, in order. */
    private static List<String> all(List<Map<String, List<String>>> rows, String field) {
        List<String> values = new ArrayList<>();
        rows.forEach(row -> values.addAll(row.get(field)));
        return values;
    }

    @Test
    void shouldDecodeEveryDatagramCleanlyInTshark() throws Exception {
        assumeTrue(installed("tshark"), "tshark not installed");
        String tree = run(List.of("tshark", "-r", capture.toString(), "-V"));

        assertThat(tree).doesNotContainIgnoringCase("malformed").doesNotContain("Expert Info (Error");
        assertThat(tree.split("InMon sFlow", -1)).hasSize(datagramCount + 1);
        assertThat(datagramCount).isGreaterThanOrEqualTo(4);
        List<Map<String, List<String>>> datagrams = tsharkFields("sflow", "sflow_245.version",
            "sflow_245.agent", "sflow_245.sub_agent_id", "sflow_245.sequence_number", "sflow_245.numsamples");
        assertThat(datagrams).hasSize(datagramCount);
        assertThat(all(datagrams, "sflow_245.version")).containsOnly("5");
        assertThat(all(datagrams, "sflow_245.agent")).containsOnly("127.0.0.1");
        assertThat(all(datagrams, "sflow_245.sub_agent_id")).containsOnly("0");
        assertThat(all(datagrams, "sflow_245.sequence_number"))
            .containsExactlyElementsOf(IntStream.rangeClosed(1, datagramCount).mapToObj(String::valueOf).toList());
    }

    @Test
    void shouldShowSamplingRatePoolInterfacesVlansAndHeaderInTsharkFlowFields() throws Exception {
        assumeTrue(installed("tshark"), "tshark not installed");
        List<Map<String, List<String>>> rows = tsharkFields("sflow_245.sampletype == 1",
            "sflow.flow_sample.sequence_number", "sflow.flow_sample.source_id_class", "sflow.flow_sample.index",
            "sflow.flow_sample.sampling_rate", "sflow.flow_sample.sample_pool", "sflow.flow_sample.dropped_packets",
            "sflow.flow_sample.input_interface", "sflow.flow_sample.output_interface", "sflow_245.vlan.in",
            "sflow_245.pri.in", "sflow_245.vlan.out", "sflow_245.header_protocol", "sflow_245.header.frame_length",
            "sflow_245.header.payload_stripped", "sflow_245.header.sampled_header_length");

        List<String> inputs = all(rows, "sflow.flow_sample.input_interface");
        int total = IntStream.of(TAGGED_PER_SECOND).sum()
            + IntStream.of(FLOODED_PER_SECOND).sum();
        assertThat(all(rows, "sflow.flow_sample.sequence_number"))
            .containsExactlyElementsOf(IntStream.rangeClosed(1, total).mapToObj(String::valueOf).toList());
        assertThat(all(rows, "sflow.flow_sample.source_id_class")).containsOnly("2");
        assertThat(all(rows, "sflow.flow_sample.index")).containsOnly("1000");
        assertThat(all(rows, "sflow.flow_sample.sampling_rate")).containsOnly(String.valueOf(RATE));
        assertThat(all(rows, "sflow.flow_sample.dropped_packets")).containsOnly("0");
        List<Long> pools = all(rows, "sflow.flow_sample.sample_pool").stream().map(Long::parseLong).toList();
        assertThat(pools).isSorted();
        // Both samplers together saw about RATE packets per sample.
        assertThat(pools.get(pools.size() - 1)).isBetween(total * RATE / 3L, total * RATE * 3L);
        assertThat(inputs.stream().filter(String.valueOf(TAGGED_IN)::equals).count())
            .isEqualTo(IntStream.of(TAGGED_PER_SECOND).sum());
        assertThat(inputs.stream().filter(String.valueOf(FLOODED_IN)::equals).count())
            .isEqualTo(IntStream.of(FLOODED_PER_SECOND).sum());
        for (int i = 0; i < inputs.size(); i++) {
            boolean tagged = inputs.get(i).equals(String.valueOf(TAGGED_IN));
            assertThat(all(rows, "sflow.flow_sample.output_interface").get(i))
                .isEqualTo(tagged ? "0x000003ec" : "0x80000002");
            assertThat(all(rows, "sflow_245.vlan.in").get(i)).isEqualTo(tagged ? "10" : "0");
            assertThat(all(rows, "sflow_245.pri.in").get(i)).isEqualTo(tagged ? "3" : "0");
            assertThat(all(rows, "sflow_245.vlan.out").get(i)).isEqualTo(tagged ? "20" : "0");
            assertThat(all(rows, "sflow_245.header_protocol").get(i)).isEqualTo("1");
            assertThat(all(rows, "sflow_245.header.frame_length").get(i))
                .isEqualTo(String.valueOf((tagged ? TAGGED_FRAME : UNTAGGED_FRAME).length + 4));
            assertThat(all(rows, "sflow_245.header.payload_stripped").get(i)).isEqualTo("4");
            assertThat(all(rows, "sflow_245.header.sampled_header_length").get(i))
                .isEqualTo(tagged ? String.valueOf(TAGGED_FRAME.length) : "128");
        }
    }

    @Test
    void shouldShowPortCountersInTsharkCounterFields() throws Exception {
        assumeTrue(installed("tshark"), "tshark not installed");
        List<Map<String, List<String>>> rows = tsharkFields("sflow_245.sampletype == 2",
            "sflow.counters_sample.sequence_number", "sflow.counters_sample.source_id_index", "sflow_245.ifindex",
            "sflow_245.ifspeed", "sflow_245.ifadmin_status", "sflow_245.ifoper_status", "sflow_245.ifinoct",
            "sflow_245.ifinpkt", "sflow_245.ifinbcast", "sflow_245.ifoutpkt", "sflow_245.dot3StatsFCSErrors");

        List<String> ifIndexes = all(rows, "sflow_245.ifindex");
        assertThat(ifIndexes).containsExactlyInAnyOrder("1003", "1003", "1003", "1004", "1004", "1004");
        assertThat(all(rows, "sflow.counters_sample.source_id_index")).isEqualTo(ifIndexes);
        assertThat(all(rows, "sflow_245.ifspeed")).containsOnly("10000000000");
        assertThat(all(rows, "sflow_245.ifadmin_status")).containsOnly("1");
        assertThat(all(rows, "sflow_245.ifoper_status")).containsOnly("1");
        assertThat(all(rows, "sflow_245.ifinbcast")).containsOnly("4294967295");
        assertThat(all(rows, "sflow_245.dot3StatsFCSErrors")).containsOnly("4294967295");
        List<String> packets = all(rows, "sflow_245.ifinpkt");
        List<String> sequences = all(rows, "sflow.counters_sample.sequence_number");
        List<String> tagged = new ArrayList<>();
        List<String> taggedSequences = new ArrayList<>();
        for (int i = 0; i < ifIndexes.size(); i++) {
            if (ifIndexes.get(i).equals("1003")) {
                tagged.add(packets.get(i));
                taggedSequences.add(sequences.get(i));
                assertThat(all(rows, "sflow_245.ifinoct").get(i))
                    .isEqualTo(String.valueOf(Long.parseLong(packets.get(i)) * 100));
            }
        }
        assertThat(tagged).containsExactly("1000", "1010", "1020");
        assertThat(taggedSequences).containsExactly("1", "2", "3");
    }

    @Test
    void shouldDecodeIpv6AgentAddressCleanlyInTshark() throws Exception {
        assumeTrue(installed("tshark"), "tshark not installed");
        SflowDatagramEncoder encoder = new SflowDatagramEncoder();
        encoder.reset(InetAddress.getByName("2001:db8::7"), 4);
        UnsafeBuffer sampleBuffer = new UnsafeBuffer(new byte[FlowSampleFlyweight.length(128)]);
        FlowSampleFlyweight sample = new FlowSampleFlyweight().wrap(sampleBuffer, 0).input(1).output(2)
            .frameLength(UNTAGGED_FRAME.length).samplingRate(RATE).header(new UnsafeBuffer(UNTAGGED_FRAME), 0, 128);
        encoder.appendFlowSample(1, SflowDatagramEncoder.sourceId(2, 1004), RATE, 0, sample);
        PortCounters counters = new PortCounters();
        counters.ifIndex = 1;
        encoder.appendCounterSample(1, 1, counters);
        Path file = dir.resolve("v6.pcap");
        try (PcapWriter pcap = new PcapWriter(file, InetAddress.getByName("127.0.0.1"),
            InetAddress.getByName("127.0.0.1"), SflowTarget.DEFAULT_PORT)) {
            pcap.write(SflowTestDecoder.copy(encoder.finish(1, 5)), 1_700_000_000_000_000L);
        }

        String tree = run(List.of("tshark", "-r", file.toString(), "-V"));
        assertThat(tree).doesNotContainIgnoringCase("malformed").contains("Agent address: 2001:db8::7");
        String fields = run(List.of("tshark", "-r", file.toString(), "-T", "fields", "-e", "sflow_245.agenttype",
            "-e", "sflow_245.agent.v6", "-e", "sflow_245.sub_agent_id", "-e", "sflow_245.numsamples"));
        assertThat(fields.trim()).isEqualTo("2\t2001:db8::7\t4\t2");
    }

    @Test
    void shouldListSampledFlowsInSfacctd() throws Exception {
        assumeTrue(installed("sfacctd"), "sfacctd not installed");
        String csv = run(List.of("sfacctd", "-I", capture.toString(), "-P", "print", "-O", "csv", "-r", "1", "-c",
            "src_mac,dst_mac,vlan,in_iface,out_iface,etype,src_host,dst_host,proto"));

        List<String> lines = csv.lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines)
            .contains("SRC_MAC,DST_MAC,VLAN,ETYPE,IN_IFACE,OUT_IFACE,SRC_IP,DST_IP,PROTOCOL,PACKETS,BYTES");
        int tagged = IntStream.of(TAGGED_PER_SECOND).sum();
        int flooded = IntStream.of(FLOODED_PER_SECOND).sum();
        assertThat(lines.stream().filter(line -> !line.startsWith("SRC_MAC")).toList()).containsExactlyInAnyOrder(
            "50:54:00:00:00:07,50:54:00:00:00:05,10,800,1003,1004,198.18.0.2,198.18.0.1,icmp," + tagged + ","
                + tagged * (TAGGED_FRAME.length + 4),
            "50:54:00:00:00:08,ff:ff:ff:ff:ff:ff,0,800,1004,2147483650,198.18.0.2,198.18.0.1,icmp," + flooded + ","
                + flooded * (UNTAGGED_FRAME.length + 4));
    }
}

package io.jvswitch.it.sflow;

import static io.jvswitch.it.sflow.SflowDecoders.all;
import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.it.l2.SwitchTopology;
import io.jvswitch.it.support.DaemonLogOnFailure;
import io.jvswitch.it.support.Exec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real pings between two namespaces on access ports of one VLAN, through a real daemon with sFlow configured by
 * jvs-vsctl (sampling 1, polling 1), sampled to a collector on 127.0.0.1; what the collector received is decoded
 * by tshark and sfacctd (ovs-compat.md §4.4-4.5, SPEC §6).
 */
@Tag("system")
@ExtendWith(DaemonLogOnFailure.class)
class SflowDecodersIT {
    private static final int VLAN = 37;
    private static final int PINGS = 5;
    /** A default ping: 56 data bytes + 8 ICMP + 20 IPv4 + 14 Ethernet. */
    private static final int PING_FRAME = 98;
    private static final String FLOW_FIELDS_FILTER = "sflow_245.sampletype == 1";

    private static SwitchTopology topo;
    private static SflowCollector collector;
    private static String bridge;
    private static SwitchTopology.Host a;
    private static SwitchTopology.Host b;
    private static int ifIndexA;
    private static int ifIndexB;
    private static Path dir;
    private static SflowDecoders decoders;
    private static int datagrams;
    private static LiveSfacctd live;

    @BeforeAll
    static void pingWithSflowAndCapture() throws Exception {
        topo = SwitchTopology.start();
        dir = Files.createTempDirectory("jvs-sflow-it");
        collector = new SflowCollector();
        if (SflowDecoders.isInstalled("sfacctd")) {
            // A second target: the same stream, decoded live.
            live = LiveSfacctd.start(dir.resolve("live.csv"));
        }
        bridge = topo.addBridge();
        a = topo.addHost(bridge, 1, "tag=" + VLAN);
        b = topo.addHost(bridge, 2, "tag=" + VLAN);
        ifIndexA = SflowHosts.ifIndex(a.port());
        ifIndexB = SflowHosts.ifIndex(b.port());
        topo.awaitPing(a, b.ip());
        configureSflow(1);
        SflowHosts.awaitFlowSample(collector, a, b.ip());
        // Let the warm-up samples be flushed (1-s tick) before recording what the measured pings cause.
        Thread.sleep(1_500);
        collector.clear();
        assertThat(a.ping(b.ip(), PINGS)).as("pings through the switch with sFlow on").isTrue();
        // At least two counter polls (polling=1) and the flush of the last flow samples.
        Thread.sleep(2_500);
        Path capture = dir.resolve("sflow.pcap");
        datagrams = collector.writePcap(capture);
        decoders = new SflowDecoders(capture, collector.port());
    }

    private static void configureSflow(int sampling) {
        String targets = live == null ? collector.target()
            : "targets=[\"127.0.0.1:" + collector.port() + "\", \"" + live.target() + "\"]";
        topo.cli().vsctl("--", "--id=@s", "create", "sflow", "agent=127.0.0.1", targets, "header=128",
            "sampling=" + sampling, "polling=1", "--", "set", "bridge", bridge, "sflow=@s").orFail();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (collector != null) {
            collector.close();
        }
        if (live != null) {
            live.close();
        }
        if (topo != null) {
            topo.close();
        }
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    @Test
    void shouldDecodeEveryDatagramCleanlyInTsharkWhenRealTrafficIsSampled() {
        SflowDecoders.assumeInstalled("tshark");
        String tree = decoders.tsharkTree();

        assertThat(datagrams).isGreaterThanOrEqualTo(3);
        assertThat(tree).doesNotContainIgnoringCase("malformed").doesNotContain("Expert Info (Error");
        assertThat(tree.split("InMon sFlow", -1)).hasSize(datagrams + 1);
        List<Map<String, List<String>>> rows = decoders.tsharkFields("sflow", "sflow_245.version",
            "sflow_245.agent", "sflow_245.sub_agent_id", "sflow_245.sequence_number");
        assertThat(rows).hasSize(datagrams);
        assertThat(all(rows, "sflow_245.version")).containsOnly("5");
        assertThat(all(rows, "sflow_245.agent")).containsOnly("127.0.0.1");
        List<Long> sequences = all(rows, "sflow_245.sequence_number").stream().map(Long::parseLong).toList();
        for (int i = 1; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).as("datagram sequence numbers count up").isEqualTo(sequences.get(i - 1) + 1);
        }
    }

    @Test
    void shouldReportEveryPingWithRateInterfacesVlansAndHeaderWhenSamplingIsOne() {
        SflowDecoders.assumeInstalled("tshark");
        List<FlowSample> samples = flowSamples();

        assertThat(samples).isNotEmpty();
        for (FlowSample s : samples) {
            assertThat(s.rate()).as("sampling rate").isEqualTo(1);
            assertThat(s.pool()).as("sample pool >= samples taken").isGreaterThanOrEqualTo(s.sequence());
        }
        List<FlowSample> requests = samples.stream().filter(s -> s.isEcho(a, b, 8)).toList();
        List<FlowSample> replies = samples.stream().filter(s -> s.isEcho(b, a, 0)).toList();
        assertThat(requests).as("one sample per echo request (sampling=1)").hasSize(PINGS);
        assertThat(replies).as("one sample per echo reply (sampling=1)").hasSize(PINGS);
        for (FlowSample s : requests) {
            assertThat(s.input()).as("input ifIndex = Linux ifindex of the ingress port").isEqualTo(ifIndexA);
            assertThat(s.output()).as("output ifIndex").isEqualTo(String.format("0x%08x", ifIndexB));
        }
        for (FlowSample s : replies) {
            assertThat(s.input()).isEqualTo(ifIndexB);
            assertThat(s.output()).isEqualTo(String.format("0x%08x", ifIndexA));
        }
        for (FlowSample s : requests) {
            assertThat(s.frameLength()).as("frame length counts the FCS").isEqualTo(PING_FRAME + 4);
            assertThat(s.headerLength()).isEqualTo(PING_FRAME);
            assertThat(s.header()).startsWith(SflowHosts.macHex(b) + SflowHosts.macHex(a) + "0800");
            assertThat(s.vlanIn()).as("untagged into an access port: incoming VLAN").isEqualTo(0);
            assertThat(s.vlanOut()).as("access port tag=" + VLAN + ": outgoing VLAN (ovs-compat §4.4)")
                .isEqualTo(VLAN);
        }
    }

    @Test
    void shouldReportNonZeroPortCountersForBothPorts() {
        SflowDecoders.assumeInstalled("tshark");
        List<Map<String, List<String>>> rows = decoders.tsharkFields("sflow_245.sampletype == 2",
            "sflow.counters_sample.source_id_index", "sflow_245.ifindex", "sflow_245.ifinpkt", "sflow_245.ifoutoct",
            "sflow_245.ifoutpkt");
        List<String> ifIndexes = all(rows, "sflow_245.ifindex");
        List<String> inPackets = all(rows, "sflow_245.ifinpkt");
        List<String> outOctets = all(rows, "sflow_245.ifoutoct");
        assertThat(all(rows, "sflow.counters_sample.source_id_index")).isEqualTo(ifIndexes);
        for (int port : List.of(ifIndexA, ifIndexB)) {
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < ifIndexes.size(); i++) {
                if (ifIndexes.get(i).equals(Integer.toString(port))) {
                    at.add(i);
                }
            }
            assertThat(at).as("counter samples of ifIndex %d in %s", port, ifIndexes).hasSizeGreaterThanOrEqualTo(2);
            int last = at.get(at.size() - 1);
            assertThat(Long.parseLong(inPackets.get(last))).as("ifInUcastPkts of %d", port)
                .isGreaterThanOrEqualTo(PINGS).isLessThan(0xFFFF_FFFFL);
            assertThat(Long.parseLong(outOctets.get(last))).as("ifOutOctets of %d", port)
                .isGreaterThanOrEqualTo((long) PINGS * PING_FRAME);
        }
    }

    @Test
    void shouldListThePingedHostsInSfacctd() {
        SflowDecoders.assumeInstalled("sfacctd");
        Exec.Result sfacctd = decoders.sfacctdFlows();
        List<String> lines = sfacctd.stdout().lines().filter(line -> !line.isBlank()).toList();

        assertThat(lines).as(sfacctd.toString())
            .contains("SRC_MAC,DST_MAC,VLAN,ETYPE,IN_IFACE,OUT_IFACE,SRC_IP,DST_IP,PROTOCOL,PACKETS,BYTES");
        int bytes = PINGS * (PING_FRAME + 4);
        assertThat(lines).as(sfacctd.toString()).contains(
            String.join(",", SflowHosts.mac(a), SflowHosts.mac(b), Integer.toString(VLAN), "800",
                Integer.toString(ifIndexA), Integer.toString(ifIndexB), a.ip(), b.ip(), "icmp",
                Integer.toString(PINGS), Integer.toString(bytes)),
            String.join(",", SflowHosts.mac(b), SflowHosts.mac(a), Integer.toString(VLAN), "800",
                Integer.toString(ifIndexB), Integer.toString(ifIndexA), b.ip(), a.ip(), "icmp",
                Integer.toString(PINGS), Integer.toString(bytes)));
    }

    @Test
    void shouldListThePingedHostsInLiveSfacctdAsSecondTarget() {
        SflowDecoders.assumeInstalled("sfacctd");
        assertThat(live.isAlive()).as("sfacctd running").isTrue();
        List<String> lines = live.lines();

        // Rows are per one-second interval and include the warm-up pings: sum the echo requests' packets.
        String requestFlow = String.join(",", SflowHosts.mac(a), SflowHosts.mac(b), Integer.toString(VLAN), "800",
            Integer.toString(ifIndexA), Integer.toString(ifIndexB), a.ip(), b.ip(), "icmp") + ",";
        long requests = lines.stream().filter(line -> line.startsWith(requestFlow))
            .mapToLong(line -> Long.parseLong(line.split(",")[9])).sum();
        assertThat(requests).as("echo requests sfacctd counted live, in %s", lines).isGreaterThanOrEqualTo(PINGS);
    }

    @Test
    void shouldCarryTheConfiguredRateWhenSamplingOneInFour() throws Exception {
        SflowDecoders.assumeInstalled("tshark");
        configureSflow(4);
        Thread.sleep(1_500);
        collector.clear();
        int pings = 100;
        assertThat(a.ping(b.ip(), pings, "-i", "0.01", "-q")).isTrue();
        Thread.sleep(1_500);
        Path capture = dir.resolve("rate4.pcap");
        collector.writePcap(capture);
        SflowDecoders rate4 = new SflowDecoders(capture, collector.port());

        assertThat(rate4.tsharkTree()).doesNotContainIgnoringCase("malformed");
        List<Map<String, List<String>>> rows = rate4.tsharkFields(FLOW_FIELDS_FILTER,
            "sflow.flow_sample.sampling_rate", "sflow.flow_sample.sample_pool", "sflow.flow_sample.sequence_number");
        List<String> rates = all(rows, "sflow.flow_sample.sampling_rate");
        List<Long> pools = all(rows, "sflow.flow_sample.sample_pool").stream().map(Long::parseLong).toList();
        // 2 * pings echo frames (plus maybe ARP) at 1 in 4: about 50 samples; bounds far outside chance.
        assertThat(rates).hasSizeBetween(20, 100).containsOnly("4");
        assertThat(pools).isSorted();
        long poolGrowth = pools.get(pools.size() - 1) - pools.get(0);
        assertThat(poolGrowth).as("packets the samplers saw between first and last sample")
            .isBetween((long) rates.size() - 1, 2L * pings + 20);
    }

    /** The per-sample tshark fields of every flow sample in the capture. */
    private static List<FlowSample> flowSamples() {
        List<Map<String, List<String>>> rows = decoders.tsharkFields(FLOW_FIELDS_FILTER,
            "sflow.flow_sample.sequence_number", "sflow.flow_sample.sampling_rate", "sflow.flow_sample.sample_pool",
            "sflow.flow_sample.input_interface", "sflow.flow_sample.output_interface", "sflow_245.vlan.in",
            "sflow_245.vlan.out", "sflow_245.header.frame_length", "sflow_245.header.sampled_header_length",
            "sflow_245.header");
        List<String> sequence = all(rows, "sflow.flow_sample.sequence_number");
        List<String> rate = all(rows, "sflow.flow_sample.sampling_rate");
        List<String> pool = all(rows, "sflow.flow_sample.sample_pool");
        List<String> input = all(rows, "sflow.flow_sample.input_interface");
        List<String> output = all(rows, "sflow.flow_sample.output_interface");
        List<String> vlanIn = all(rows, "sflow_245.vlan.in");
        List<String> vlanOut = all(rows, "sflow_245.vlan.out");
        List<String> frameLength = all(rows, "sflow_245.header.frame_length");
        List<String> headerLength = all(rows, "sflow_245.header.sampled_header_length");
        List<String> header = all(rows, "sflow_245.header");
        int n = sequence.size();
        for (List<String> column : List.of(rate, pool, input, output, vlanIn, vlanOut, frameLength, headerLength,
            header)) {
            assertThat(column).as("one value per flow sample").hasSize(n);
        }
        List<FlowSample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            samples.add(new FlowSample(Long.parseLong(sequence.get(i)), Integer.parseInt(rate.get(i)),
                Long.parseLong(pool.get(i)), Integer.parseInt(input.get(i)), output.get(i),
                Integer.parseInt(vlanIn.get(i)), Integer.parseInt(vlanOut.get(i)), Integer.parseInt(frameLength.get(i)),
                Integer.parseInt(headerLength.get(i)), header.get(i).replace(":", "").toLowerCase()));
        }
        return samples;
    }

    /** One flow sample as tshark decoded it; {@code header} in lower-case hex. */
    private record FlowSample(long sequence, int rate, long pool, int input, String output, int vlanIn, int vlanOut,
                              int frameLength, int headerLength, String header) {
        /** Whether the sampled frame is an untagged ICMP echo (type {@code type}) from {@code src} to {@code dst}. */
        boolean isEcho(SwitchTopology.Host src, SwitchTopology.Host dst, int type) {
            String ip = "0800" + "45";
            HexFormat hex = HexFormat.of();
            return header.length() >= 2 * 35
                && header.startsWith(SflowHosts.macHex(dst) + SflowHosts.macHex(src) + ip)
                && header.substring(2 * 23, 2 * 24).equals("01")
                && header.substring(2 * 26, 2 * 30).equals(SflowHosts.ipHex(src.ip()))
                && header.substring(2 * 30, 2 * 34).equals(SflowHosts.ipHex(dst.ip()))
                && header.substring(2 * 34, 2 * 35).equals(hex.toHexDigits((byte) type));
        }
    }
}

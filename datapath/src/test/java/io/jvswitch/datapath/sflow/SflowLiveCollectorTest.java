package io.jvswitch.datapath.sflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent on its own thread sending to a live pmacct sfacctd on 127.0.0.1 (ovs-compat.md §4.5,
 * CLI form); sfacctd prints what it decoded as CSV every second. Skips when sfacctd is missing.
 */
@Tag("slow")
class SflowLiveCollectorTest {
    private static final long WAIT_NS = 15_000_000_000L;

    @TempDir
    Path dir;

    private static boolean installed() {
        return Files.isExecutable(Path.of("/usr/sbin/sfacctd")) || Files.isExecutable(Path.of("/usr/bin/sfacctd"));
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits until something else holds UDP {@code port} on 127.0.0.1 (sfacctd bound it). */
    private static boolean awaitBound(int port, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NS;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                new DatagramSocket(port, InetAddress.getLoopbackAddress()).close();
                Thread.sleep(50);
            } catch (BindException bound) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    private static long packetsOfFlow(String csv, String flowPrefix) {
        long packets = 0;
        for (String line : csv.split("\\n")) {
            if (line.startsWith(flowPrefix)) {
                String[] columns = line.split(",");
                packets += Long.parseLong(columns[columns.length - 2]);
            }
        }
        return packets;
    }

    @Test
    void shouldBeDecodedByLiveSfacctdWhenAgentRunsOnItsThread() throws Exception {
        assumeTrue(installed(), "sfacctd not installed");
        int port = freeUdpPort();
        Path output = dir.resolve("sfacctd.csv");
        Process sfacctd = new ProcessBuilder("sfacctd", "-L", "127.0.0.1", "-l", String.valueOf(port), "-P", "print",
            "-O", "csv", "-r", "1", "-c", "src_mac,dst_mac,vlan,in_iface,out_iface,etype,src_host,dst_host,proto")
            .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<ProcessHandle> children = List.of();
        SflowSampleRing ring = new SflowSampleRing(1 << 16);
        SflowAgent agent = new SflowAgent(
            SflowConfig.fromColumns("198.18.0.50", List.of("127.0.0.1:" + port), 128, 16, 1, 0), ring,
            new TestCounterSource().port(7, 100));
        try {
            assumeTrue(awaitBound(port, sfacctd), "sfacctd did not start");
            children = sfacctd.descendants().toList();
            agent.start();
            byte[] frame = TestFrames.icmpEcho("50:54:00:00:00:0a", "50:54:00:00:00:0b", 30, 40);
            UnsafeBuffer memory = new UnsafeBuffer(frame);
            SflowSampler sampler = new SflowSampler(16, 99);
            int samples = 0;
            while (samples < 25) {
                if (sampler.sample()) {
                    assertThat(ring.offer(sampler, memory, 0, frame.length, 7, SflowInterfaces.single(8), 30, 30))
                        .isTrue();
                    samples++;
                }
            }
            String flow = "50:54:00:00:00:0a,50:54:00:00:00:0b,30,800,7,8,198.18.0.2,198.18.0.1,icmp,";
            long deadline = System.nanoTime() + WAIT_NS;
            long seen = 0;
            while (System.nanoTime() < deadline && seen < samples) {
                Thread.sleep(200);
                seen = packetsOfFlow(Files.readString(output), flow);
            }
            assertThat(seen).as("sfacctd output:%n%s", Files.readString(output)).isEqualTo(samples);
            assertThat(agent.sendFailures()).isZero();
        } finally {
            agent.close();
            sfacctd.destroy();
            if (!sfacctd.waitFor(5, TimeUnit.SECONDS)) {
                sfacctd.destroyForcibly();
            }
            for (ProcessHandle child : children) {
                child.destroy();
            }
        }
    }
}

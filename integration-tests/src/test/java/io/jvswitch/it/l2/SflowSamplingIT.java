package io.jvswitch.it.l2;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** sFlow configured with jvs-vsctl samples the frames a bridge forwards (SPEC §6), live. */
@Tag("system")
class SflowSamplingIT {

    @Test
    void shouldSendSflowDatagramsWhenBridgeHasSflowAndTrafficFlows() throws Exception {
        try (SwitchTopology topo = SwitchTopology.start();
             DatagramSocket collector = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            collector.setSoTimeout(500);
            String bridge = topo.addBridge();
            SwitchTopology.Host a = topo.addHost(bridge, 1);
            SwitchTopology.Host b = topo.addHost(bridge, 2);
            topo.awaitPing(a, b.ip());
            topo.cli().vsctl("--", "--id=@s", "create", "sflow", "agent=127.0.0.1",
                    "target=\"127.0.0.1:" + collector.getLocalPort() + "\"", "header=128", "sampling=1", "polling=1",
                    "--", "set", "bridge", bridge, "sflow=@s").orFail();
            boolean flowSample = false;
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (!flowSample && System.nanoTime() < deadline) {
                a.ping(b.ip(), 2);
                DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
                try {
                    collector.receive(packet);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                ByteBuffer d = ByteBuffer.wrap(packet.getData(), 0, packet.getLength());
                assertThat(d.getInt(0)).as("sFlow version").isEqualTo(5);
                flowSample = containsFlowSample(d);
            }
            assertThat(flowSample).as("a flow sample arrived").isTrue();
            topo.cli().vsctl("clear", "bridge", bridge, "sflow").orFail();
            assertThat(a.ping(b.ip(), 2)).isTrue();
        }
    }

    /** Walks the samples of an IPv4-agent datagram looking for a flow sample (enterprise 0, format 1). */
    private static boolean containsFlowSample(ByteBuffer d) {
        int count = d.getInt(24);
        int at = 28;
        for (int k = 0; k < count && at + 8 <= d.limit(); k++) {
            int format = d.getInt(at);
            if (format == 1) {
                return true;
            }
            at += 8 + d.getInt(at + 4);
        }
        return false;
    }
}

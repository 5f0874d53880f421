package io.jvswitch.datapath.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.datapath.Datapath;
import io.jvswitch.datapath.normal.PortVlanConfig;
import io.jvswitch.datapath.packet.MacAddresses;
import io.jvswitch.datapath.packet.TestFrames;
import io.jvswitch.datapath.pmd.PortWaiter;
import io.jvswitch.datapath.pmd.ThreadingMode;
import io.jvswitch.datapath.port.memory.MemoryPortIo;
import io.jvswitch.datapath.sflow.SflowConfig;
import io.jvswitch.flowtable.FlowTables;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Frames switched by a bridge with sFlow reach a collector as flow samples; turning sFlow off stops them. */
class SflowTapTest {
    @Test
    void shouldSendFlowSamplesWhenBridgeHasSflow() throws Exception {
        Map<String, MemoryPortIo> ports = new HashMap<>();
        Datapath datapath = new Datapath((name, type) -> ports.computeIfAbsent(name, MemoryPortIo::new),
                ThreadingMode.INVOKER, (PortWaiter) null, System::nanoTime, 2048);
        try (DatagramSocket collector = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            collector.setSoTimeout(200);
            datapath.addBridge("br0", FlowTables.newBridge(System::nanoTime, 1));
            datapath.addPort("br0", "p1", "", 1, PortVlanConfig.TRUNK_ALL);
            datapath.addPort("br0", "p2", "", 2, PortVlanConfig.TRUNK_ALL);
            datapath.setSflow("br0", SflowConfig.withTargets("127.0.0.1:" + collector.getLocalPort())
                    .withAgent("127.0.0.1").withSamplingRate(1));
            byte[] frame = TestFrames.frame().ethSrc(MacAddresses.parse("00:00:00:00:00:0a"))
                    .ethDst(MacAddresses.parse("00:00:00:00:00:0b")).etherType(0x0800).ipv4(1, 2)
                    .l4(TestFrames.UDP, 1, 2).payload(10).build();
            boolean sampled = false;
            for (int round = 0; round < 50 && !sampled; round++) {
                ports.get("p1").inject(frame);
                datapath.pmd().doWork();
                DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
                try {
                    collector.receive(packet);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                ByteBuffer d = ByteBuffer.wrap(packet.getData(), 0, packet.getLength());
                assertThat(d.getInt(0)).isEqualTo(5);
                sampled = d.getInt(24) > 0 && d.getInt(28) == 1;
            }
            assertThat(sampled).as("a flow sample arrived").isTrue();
            datapath.setSflow("br0", null);
            assertThat(ports.get("p2").sentFrames()).isPositive();
        } finally {
            datapath.close();
        }
    }

    @Test
    void shouldReportAccessTagAsOutgoingVlanWhenUntaggedFrameEntersAccessPort() throws Exception {
        Map<String, MemoryPortIo> ports = new HashMap<>();
        Datapath datapath = new Datapath((name, type) -> ports.computeIfAbsent(name, MemoryPortIo::new),
                ThreadingMode.INVOKER, (PortWaiter) null, System::nanoTime, 2048);
        try (DatagramSocket collector = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            collector.setSoTimeout(200);
            datapath.addBridge("br0", FlowTables.newBridge(System::nanoTime, 1));
            datapath.addPort("br0", "p1", "", 1, PortVlanConfig.access(37));
            datapath.addPort("br0", "p2", "", 2, PortVlanConfig.access(37));
            datapath.setSflow("br0", SflowConfig.withTargets("127.0.0.1:" + collector.getLocalPort())
                    .withAgent("127.0.0.1").withSamplingRate(1));
            byte[] frame = TestFrames.frame().ethSrc(MacAddresses.parse("00:00:00:00:00:0a"))
                    .ethDst(MacAddresses.parse("00:00:00:00:00:0b")).etherType(0x0800).ipv4(1, 2)
                    .l4(TestFrames.UDP, 1, 2).payload(10).build();
            ByteBuffer sample = null;
            for (int round = 0; round < 50 && sample == null; round++) {
                ports.get("p1").inject(frame);
                datapath.pmd().doWork();
                DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
                try {
                    collector.receive(packet);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                ByteBuffer d = ByteBuffer.wrap(packet.getData(), 0, packet.getLength());
                if (d.getInt(24) > 0 && d.getInt(28) == 1) {
                    sample = d;
                }
            }
            assertThat(sample).as("a flow sample arrived").isNotNull();
            // Header 28 bytes, flow sample format+length 8, 8 fields 32: the extended switch record at 68.
            assertThat(sample.getInt(68)).as("extended switch record").isEqualTo(1001);
            assertThat(sample.getInt(76)).as("incoming VLAN: untagged").isZero();
            assertThat(sample.getInt(84)).as("outgoing VLAN: the access port's tag").isEqualTo(37);
        } finally {
            datapath.close();
        }
    }
}

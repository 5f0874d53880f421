package io.jvswitch.datapath.port.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.jvswitch.datapath.linux.NetDevices;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.port.PortIo;
import io.jvswitch.datapath.port.tap.TapPortIo;

/** The receive and send paths allocate nothing in steady state (measured per thread). */
@Tag("system")
class PortIoAllocationTest {
    private static final int WARM_UP_ROUNDS = 3_000;
    private static final int MEASURED_ROUNDS = 3_000;

    private final NetDevices devices = new NetDevices();

    @BeforeAll
    static void sweep() {
        assumeTrue(NetDevices.systemTestsPossible(), "needs root and the ip tool");
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        NetDevices.sweepStale();
    }

    @AfterEach
    void cleanUp() {
        devices.close();
    }

    @Test
    void shouldAllocateNothingPerBatchWhenMovingFramesOverAfPacket() throws Exception {
        String a = NetDevices.uniqueName("a");
        String b = a.substring(0, a.length() - 1) + "b";
        devices.vethPair(a, b);
        try (PortIo port = AfPacketPortIo.open(a); PortIo peer = AfPacketPortIo.open(b)) {
            assertThat(allocatedBytesPerRound(port, peer)).isZero();
        }
    }

    @Test
    void shouldAllocateNothingPerBatchWhenMovingFramesOverATap() throws Exception {
        String name = NetDevices.uniqueName("t");
        devices.own(name);
        try (PortIo port = TapPortIo.open(name); PortIo peer = AfPacketPortIo.open(name)) {
            assertThat(allocatedBytesPerRound(port, peer)).isZero();
        }
    }

    /** Rounds of: peer sends 32 frames, port receives, port sends them back, peer receives. */
    private static long allocatedBytesPerRound(PortIo port, PortIo peer) {
        PacketBatch outgoing = new PacketBatch(2048);
        for (int i = 0; i < PacketBatch.MAX_BURST; i++) {
            int slot = outgoing.claim();
            int offset = outgoing.frameOffset(slot);
            outgoing.memory().setMemory(offset, 64, (byte) i);
            outgoing.memory().putLong(offset, 0x0200_0000_0002_024aL);
            outgoing.memory().putShort(offset + 12, (short) 0xB588);
            outgoing.setFrameLength(slot, 64);
        }
        PacketBatch portBatch = new PacketBatch(2048);
        PacketBatch peerBatch = new PacketBatch(2048);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        rounds(port, peer, outgoing, portBatch, peerBatch, WARM_UP_ROUNDS);
        long before = threads.getCurrentThreadAllocatedBytes();
        long moved = rounds(port, peer, outgoing, portBatch, peerBatch, MEASURED_ROUNDS);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(moved).as("frames moved while measuring").isGreaterThan(MEASURED_ROUNDS);
        // getCurrentThreadAllocatedBytes itself may allocate a few bytes: anything below one byte per round is noise.
        return allocated / MEASURED_ROUNDS;
    }

    private static long rounds(PortIo port, PortIo peer, PacketBatch outgoing, PacketBatch portBatch,
        PacketBatch peerBatch, int rounds) {
        long moved = 0;
        for (int round = 0; round < rounds; round++) {
            peer.send(outgoing);
            portBatch.clear();
            moved += port.receive(portBatch);
            port.send(portBatch);
            peerBatch.clear();
            moved += peer.receive(peerBatch);
        }
        return moved;
    }
}

package io.jvswitch.datapath.linux;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.port.PortIo;
import io.jvswitch.datapath.port.system.AfPacketPortIo;
import io.jvswitch.datapath.port.tap.TapPortIo;

/**
 * Micro-measurement, not a test: how many 64-byte frames per second one thread receives through
 * a port while another floods it, for AF_PACKET (recvmmsg/sendmmsg) and TAP (readv/writev).
 * Needs root. Run from the datapath module after {@code mvn test-compile}:
 *
 * <pre>
 *   java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp target/classes:target/test-classes:$CP \
 *       io.jvswitch.datapath.linux.PortIoThroughputMain [seconds]
 * </pre>
 */
public final class PortIoThroughputMain {
    private PortIoThroughputMain() {
    }

    /** Runs each measurement for the given seconds (default 3) and prints frames/s. */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        NetDevices.sweepStale();
        try (NetDevices devices = new NetDevices()) {
            String a = NetDevices.uniqueName("a");
            String b = a.substring(0, a.length() - 1) + "b";
            devices.vethPair(a, b);
            try (PortIo port = AfPacketPortIo.open(a); PortIo peer = AfPacketPortIo.open(b)) {
                idlePollCost("AF_PACKET idle receive()", port);
                measure("AF_PACKET rx (veth, recvmmsg)", port, peer, seconds);
                measure("AF_PACKET tx (veth, sendmmsg)", peer, port, seconds);
            }
            String tap = NetDevices.uniqueName("t");
            devices.own(tap);
            try (PortIo port = TapPortIo.open(tap); PortIo peer = AfPacketPortIo.open(tap)) {
                idlePollCost("TAP idle receive()", port);
                measure("TAP rx (readv loop)", port, peer, seconds);
                measure("TAP tx (writev per frame)", peer, port, seconds);
            }
        }
    }

    /** What one receive() on a port with nothing waiting costs: the busy-poll overhead per idle port. */
    private static void idlePollCost(String label, PortIo port) {
        PacketBatch batch = new PacketBatch(2048);
        for (int i = 0; i < 200_000; i++) {
            batch.clear();
            port.receive(batch);
        }
        int calls = 1_000_000;
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            batch.clear();
            port.receive(batch);
        }
        System.out.printf("%-32s %,8.0f ns per call%n", label, (System.nanoTime() - start) / (double) calls);
    }

    /** Floods {@code receiver} from {@code sender} on another thread; prints what each side moved. */
    private static void measure(String label, PortIo receiver, PortIo sender, int seconds) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        Thread generator = new Thread(() -> {
            PacketBatch batch = frames();
            long count = 0;
            while (running.get()) {
                count += sender.send(batch);
            }
            sent.set(count);
        });
        generator.start();
        PacketBatch batch = new PacketBatch(2048);
        long received = 0;
        long calls = 0;
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            batch.clear();
            received += receiver.receive(batch);
            calls++;
        }
        long elapsed = System.nanoTime() - start;
        running.set(false);
        generator.join();
        double perSecond = received * 1e9 / elapsed;
        System.out.printf("%-32s received %,12.0f frames/s (%.1f frames per receive call), offered %,12.0f/s%n",
            label, perSecond, (double) received / calls, sent.get() * 1e9 / elapsed);
    }

    private static PacketBatch frames() {
        PacketBatch batch = new PacketBatch(2048);
        for (int i = 0; i < PacketBatch.MAX_BURST; i++) {
            int slot = batch.claim();
            int offset = batch.frameOffset(slot);
            batch.memory().setMemory(offset, 64, (byte) i);
            batch.memory().putLong(offset, 0x0200_0000_0002_024aL);
            batch.memory().putShort(offset + 12, (short) 0xB588);
            batch.setFrameLength(slot, 64);
        }
        return batch;
    }
}

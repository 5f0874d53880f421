package io.jvswitch.bench.datapath;

import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.port.PortIo;
import io.jvswitch.datapath.port.system.AfPacketPortIo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The I/O stages of the datapath on a veth pair, in thread CPU time: AF_PACKET receive from the memory-mapped
 * ring ({@code AfPacketPortIo.receive}) while another thread floods the pair with {@code sendmmsg}, and
 * {@code sendmmsg} transmit of 32-frame batches alone. Frames are 60 bytes (64 on a wire) of the local
 * experimental EtherType 0x88B5, so no protocol stack takes them.
 *
 * <p>Receive: CPU per frame of the receiving thread counts its empty polls too (it spins when it is faster than
 * the sender), so the line also gives the wall time inside calls that returned frames, per frame: the cost of
 * taking a frame off the ring. Transmit: the sender never waits, so CPU per frame is the cost of one frame of
 * {@code sendmmsg}, which on a veth includes the kernel's delivery to the peer (no socket there: dropped).
 *
 * <p>Needs root. Devices are {@code jvsst<pid>a/b} (deleted at exit; pairs of dead runs are swept at start),
 * with no addresses. Usage: {@code java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED
 * -cp benchmarks/target/benchmarks.jar io.jvswitch.bench.datapath.PortIoCpuTime [seconds]} (default 3).
 */
public final class PortIoCpuTime {
    private static final String PREFIX = "jvsst";
    private static final int FRAME_LENGTH = 60;
    private static final int DRAIN_BATCHES = 4;

    private PortIoCpuTime() {
    }

    /** Creates the pair, runs both measurements, removes the pair. */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        sweepStale();
        long pid = ProcessHandle.current().pid();
        String a = PREFIX + pid + "a";
        String b = PREFIX + pid + "b";
        run("ip", "link", "add", a, "type", "veth", "peer", "name", b);
        try {
            for (String dev : new String[] {a, b}) {
                run("sysctl", "-q", "-w", "net.ipv6.conf." + dev + ".disable_ipv6=1");
                run("ip", "link", "set", dev, "up");
            }
            try (AfPacketPortIo port = AfPacketPortIo.open(a); AfPacketPortIo peer = AfPacketPortIo.open(b, false)) {
                System.out.printf("receive from ring: %s%n", port.receivesFromRing());
                receive(port, peer, seconds, a, b);
                drain(port, peer, seconds);
            }
            try (AfPacketPortIo peer = AfPacketPortIo.open(b, false)) {
                transmit(peer, seconds);
            }
        } finally {
            run("ip", "link", "del", a);
        }
    }

    private static void receive(AfPacketPortIo receiver, PortIo sender, int seconds, String rxDev, String txDev)
        throws InterruptedException, IOException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong offered = new AtomicLong();
        Thread generator = new Thread(() -> {
            PacketBatch batch = frames();
            while (running.get()) {
                offered.addAndGet(sender.send(batch));
            }
        }, "generator");
        generator.start();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        PacketBatch batch = new PacketBatch(2048);
        spin(receiver, batch, 1_000_000_000L);
        long devRx0 = deviceCounter(rxDev, "rx_packets");
        long devTx0 = deviceCounter(txDev, "tx_packets");
        long devTxDrop0 = deviceCounter(txDev, "tx_dropped");
        long socketDrops0 = receiver.kernelRxDrops();
        long offered0 = offered.get();
        long backlogDrops0 = backlogDrops();
        long frames = 0;
        long calls = 0;
        long busyCalls = 0;
        long busyNanos = 0;
        long cpu0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
        long now = t0;
        while (now < end) {
            batch.clear();
            int n = receiver.receive(batch);
            long after = System.nanoTime();
            calls++;
            if (n > 0) {
                frames += n;
                busyCalls++;
                busyNanos += after - now;
            }
            now = after;
        }
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        long wall = now - t0;
        long offeredInWindow = offered.get() - offered0;
        long socketDrops = receiver.kernelRxDrops() - socketDrops0;
        long devRx = deviceCounter(rxDev, "rx_packets") - devRx0;
        long devTx = deviceCounter(txDev, "tx_packets") - devTx0;
        long devTxDrop = deviceCounter(txDev, "tx_dropped") - devTxDrop0;
        long backlogDrops = backlogDrops() - backlogDrops0;
        running.set(false);
        generator.join();
        System.out.printf("  device counters: %.2f Mpps out of the sending veth (%.2f Mpps tx_dropped there),"
            + " %.2f Mpps into the receiving one%n", devTx * 1e3 / wall, devTxDrop * 1e3 / wall, devRx * 1e3 / wall);
        System.out.printf("  lost on the way: %.2f Mpps at the socket/ring (PACKET_STATISTICS), %.2f Mpps in the"
            + " kernel's per-CPU backlogs (softnet_stat)%n", socketDrops * 1e3 / wall, backlogDrops * 1e3 / wall);
        System.out.printf("AF_PACKET rx (ring)  %8.1f cpu-ns/frame (incl. empty polls)  %6.1f ns/frame in calls"
            + " with frames  %5.1f frames/non-empty call  %4.0f%% of calls empty  rx %.2f Mpps of %.2f offered%n",
            cpu / (double) frames, busyNanos / (double) frames, frames / (double) busyCalls,
            100.0 * (calls - busyCalls) / calls, frames * 1e3 / wall, offeredInWindow * 1e3 / wall);
    }

    /**
     * One thread: sends {@link #DRAIN_BATCHES} batches, then times taking them off the ring in full batches
     * (the slots are hot in this core's cache, so this is the ring's best case, without the cross-core misses
     * of the streaming measurement).
     */
    private static void drain(PortIo receiver, PortIo sender, int seconds) {
        PacketBatch out = frames();
        PacketBatch batch = new PacketBatch(2048);
        long frames = 0;
        long calls = 0;
        long nanos = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 1L);
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (int k = 0; k < DRAIN_BATCHES; k++) {
                sender.send(out);
            }
            boolean measured = System.nanoTime() > warmEnd;
            long t0 = System.nanoTime();
            int n;
            long got = 0;
            long c = 0;
            do {
                batch.clear();
                n = receiver.receive(batch);
                got += n;
                c++;
            } while (n > 0);
            long t1 = System.nanoTime();
            if (measured) {
                frames += got;
                calls += c;
                nanos += t1 - t0;
            }
        }
        System.out.printf("AF_PACKET rx (ring, same-thread drain)  %6.1f ns/frame  %5.1f frames/call%n",
            nanos / (double) frames, frames / (double) calls);
    }

    private static long deviceCounter(String dev, String name) throws IOException {
        return Long.parseLong(java.nio.file.Files.readString(
            java.nio.file.Path.of("/sys/class/net/" + dev + "/statistics/" + name)).trim());
    }

    /** Frames the kernel dropped at its per-CPU input backlogs (/proc/net/softnet_stat, column 2, all CPUs). */
    private static long backlogDrops() throws IOException {
        long sum = 0;
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/softnet_stat"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 1) {
                sum += Long.parseLong(f[1], 16);
            }
        }
        return sum;
    }

    private static void spin(PortIo receiver, PacketBatch batch, long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            batch.clear();
            receiver.receive(batch);
        }
    }

    private static void transmit(PortIo sender, int seconds) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        PacketBatch batch = frames();
        long warm = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warm) {
            sender.send(batch);
        }
        long sent = 0;
        long calls = 0;
        long cpu0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            sent += sender.send(batch);
            calls++;
        }
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        long wall = System.nanoTime() - t0;
        System.out.printf("AF_PACKET tx (sendmmsg of %d)  %8.1f cpu-ns/frame  %.1f%% accepted  %.2f Mpps%n",
            PacketBatch.MAX_BURST, cpu / (double) sent, 100.0 * sent / (calls * (double) PacketBatch.MAX_BURST),
            sent * 1e3 / wall);
    }

    private static PacketBatch frames() {
        PacketBatch batch = new PacketBatch(2048);
        for (int i = 0; i < PacketBatch.MAX_BURST; i++) {
            int slot = batch.claim();
            int offset = batch.frameOffset(slot);
            batch.memory().setMemory(offset, FRAME_LENGTH, (byte) i);
            batch.memory().putLong(offset, 0x0200_0000_0002_024aL);
            batch.memory().putByte(offset + 12, (byte) 0x88);
            batch.memory().putByte(offset + 13, (byte) 0xb5);
            batch.setFrameLength(slot, FRAME_LENGTH);
        }
        return batch;
    }

    /** Deletes pairs named by earlier runs whose process is gone. */
    private static void sweepStale() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "-o", "link", "show").redirectErrorStream(true).start();
        List<String> stale = new ArrayList<>();
        for (String line : new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
            .split("\n")) {
            String[] f = line.split(": ");
            if (f.length < 2) {
                continue;
            }
            String name = f[1].replaceAll("@.*", "");
            if (name.startsWith(PREFIX) && name.endsWith("a")) {
                String digits = name.substring(PREFIX.length(), name.length() - 1);
                if (digits.matches("[0-9]+") && ProcessHandle.of(Long.parseLong(digits)).isEmpty()) {
                    stale.add(name);
                }
            }
        }
        p.waitFor();
        for (String name : stale) {
            run("ip", "link", "del", name);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.trim());
        }
    }
}

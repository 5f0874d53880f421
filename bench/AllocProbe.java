import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.ThreadMXBean;
import com.sun.tools.attach.VirtualMachine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Measures what the packet threads of a running JVM allocate per packet, from outside.
 *
 * <p>What: attaches to the process (the JDK attach API starts its local JMX agent), finds the
 * threads whose names match a pattern (jvswitch's PMD agents: {@code pmd-.*}), reads their
 * allocated bytes and CPU time, waits a measuring window while someone else drives traffic,
 * reads them again together with a packet counter (a sysfs statistics file: the packets the
 * switch forwarded), and prints bytes per packet. Garbage collections that end inside the window
 * are collected from JMX notifications with their durations. Exit status 0 when the threads
 * allocated at most {@code --max-bytes} (default 0) and no pause exceeded {@code --max-pause-ms};
 * 1 otherwise, with the reason on stderr; 2 on a usage or attach error.
 *
 * <p>Run as a single source file (Java 11+), as the same user as the target:
 * {@code java bench/AllocProbe.java --pid PID --seconds 60 --packets /sys/class/net/X/statistics/tx_packets}
 *
 * <p>Why from outside: it needs nothing from the daemon but a thread name, so it measures the
 * production binary under real kernel traffic (not a harness), and the probe's own JMX work runs
 * on other threads of the target that are not counted.
 */
public final class AllocProbe {

    private AllocProbe() {
    }

    /** Entry point; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        if (o == null) {
            System.err.println("usage: AllocProbe --pid PID [--threads REGEX] [--seconds N] [--warmup N]"
                    + " [--packets FILE]... [--max-bytes N] [--max-pause-ms N]");
            System.exit(2);
        }
        VirtualMachine vm = VirtualMachine.attach(o.pid);
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            System.exit(measure(connector.getMBeanServerConnection(), o));
        }
    }

    private static int measure(MBeanServerConnection mbs, Options o) throws Exception {
        ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(mbs,
                ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
        Thread.sleep(o.warmupMillis);
        long[] ids = matchingThreads(threads, o.threadPattern);
        if (ids.length == 0) {
            System.err.println("AllocProbe: no thread of pid " + o.pid + " matches " + o.threadPattern);
            return 2;
        }
        GcWatch gc = GcWatch.start(mbs);
        long[] bytes0 = threads.getThreadAllocatedBytes(ids);
        long[] cpu0 = threads.getThreadCpuTime(ids);
        long packets0 = o.packets();
        long t0 = System.nanoTime();
        Thread.sleep(o.seconds * 1000L);
        long[] bytes1 = threads.getThreadAllocatedBytes(ids);
        long[] cpu1 = threads.getThreadCpuTime(ids);
        long packets1 = o.packets();
        long t1 = System.nanoTime();
        gc.stop();

        double secs = (t1 - t0) / 1e9;
        long packets = packets1 - packets0;
        long total = 0;
        boolean lost = false;
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            String name = infos[i] == null ? "(gone)" : infos[i].getThreadName();
            if (bytes0[i] < 0 || bytes1[i] < 0) {
                lost = true;
                System.out.printf(Locale.ROOT, "thread=%s allocated_bytes=unknown%n", name);
                continue;
            }
            long b = bytes1[i] - bytes0[i];
            total += b;
            System.out.printf(Locale.ROOT, "thread=%s allocated_bytes=%d cpu_pct=%.1f%n", name, b,
                    100.0 * (cpu1[i] - cpu0[i]) / (t1 - t0));
        }
        System.out.printf(Locale.ROOT, "window_s=%.1f packets=%d pps=%.0f pmd_allocated_bytes=%d"
                + " bytes_per_packet=%s gc_count=%d gc_max_pause_ms=%d gc_total_ms=%d%n",
                secs, packets, packets / secs, total,
                packets > 0 ? String.format(Locale.ROOT, "%.6f", (double) total / packets) : "nan",
                gc.count.get(), gc.maxMillis.get(), gc.totalMillis.get());

        int rc = 0;
        if (lost) {
            System.err.println("AllocProbe: FAIL a matched thread ended during the window");
            rc = 1;
        }
        if (packets <= 0) {
            System.err.println("AllocProbe: FAIL no packets were counted in the window (no traffic?)");
            rc = 1;
        }
        if (total > o.maxBytes) {
            System.err.printf(Locale.ROOT, "AllocProbe: FAIL packet threads allocated %d bytes (%s per packet)"
                    + " in steady state; allowed %d%n", total,
                    packets > 0 ? String.format(Locale.ROOT, "%.3f", (double) total / packets) : "?", o.maxBytes);
            rc = 1;
        }
        if (gc.maxMillis.get() > o.maxPauseMillis) {
            System.err.printf(Locale.ROOT, "AllocProbe: FAIL a GC pause of %d ms (limit %d ms)%n",
                    gc.maxMillis.get(), o.maxPauseMillis);
            rc = 1;
        }
        if (rc == 0) {
            System.err.println("AllocProbe: OK zero allocation per packet on the packet threads");
        }
        return rc;
    }

    private static long[] matchingThreads(ThreadMXBean threads, Pattern pattern) {
        long[] all = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(all);
        List<Long> ids = new ArrayList<>();
        for (ThreadInfo info : infos) {
            if (info != null && pattern.matcher(info.getThreadName()).matches()) {
                ids.add(info.getThreadId());
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** Counts the collections of every collector of the target that end while it listens. */
    private static final class GcWatch {
        final AtomicInteger count = new AtomicInteger();
        final AtomicLong maxMillis = new AtomicLong();
        final AtomicLong totalMillis = new AtomicLong();
        private final MBeanServerConnection mbs;
        private final List<ObjectName> names = new ArrayList<>();
        private final NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long ms = info.getGcInfo().getDuration();
                count.incrementAndGet();
                totalMillis.addAndGet(ms);
                maxMillis.accumulateAndGet(ms, Math::max);
                System.out.printf(Locale.ROOT, "gc=%s cause=%s duration_ms=%d%n",
                        info.getGcName(), info.getGcCause(), ms);
            }
        };

        private GcWatch(MBeanServerConnection mbs) {
            this.mbs = mbs;
        }

        static GcWatch start(MBeanServerConnection mbs) throws Exception {
            GcWatch w = new GcWatch(mbs);
            for (ObjectName n : mbs.queryNames(new ObjectName(
                    ManagementFactory.GARBAGE_COLLECTOR_MXBEAN_DOMAIN_TYPE + ",*"), null)) {
                if (mbs.isInstanceOf(n, NotificationEmitter.class.getName())) {
                    mbs.addNotificationListener(n, w.listener, null, null);
                    w.names.add(n);
                }
            }
            return w;
        }

        void stop() {
            for (ObjectName n : names) {
                try {
                    mbs.removeNotificationListener(n, listener);
                } catch (Exception e) {
                    // the connection closes right after; nothing left to undo
                }
            }
        }
    }

    /** Command-line options. */
    private static final class Options {
        String pid;
        Pattern threadPattern = Pattern.compile("pmd-.*");
        int seconds = 60;
        long warmupMillis = 2000;
        final List<Path> packetFiles = new ArrayList<>();
        long maxBytes;
        long maxPauseMillis = 1;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i + 1 < args.length; i += 2) {
                String v = args[i + 1];
                switch (args[i]) {
                    case "--pid" -> o.pid = v;
                    case "--threads" -> o.threadPattern = Pattern.compile(v);
                    case "--seconds" -> o.seconds = Integer.parseInt(v);
                    case "--warmup" -> o.warmupMillis = (long) (Double.parseDouble(v) * 1000);
                    case "--packets" -> o.packetFiles.add(Path.of(v));
                    case "--max-bytes" -> o.maxBytes = Long.parseLong(v);
                    case "--max-pause-ms" -> o.maxPauseMillis = Long.parseLong(v);
                    default -> {
                        return null;
                    }
                }
            }
            return o.pid == null || args.length % 2 != 0 ? null : o;
        }

        /** Sum of the packet counter files (0 without any). */
        long packets() throws Exception {
            long sum = 0;
            for (Path p : packetFiles) {
                sum += Long.parseLong(Files.readString(p).trim());
            }
            return sum;
        }
    }
}

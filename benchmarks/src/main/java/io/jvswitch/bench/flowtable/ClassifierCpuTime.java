package io.jvswitch.bench.flowtable;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Lookups per CPU-second of the thread doing them, for the same tables and packets as
 * {@link ClassifierLookupBenchmark}. JMH reports wall-clock throughput, which on a shared machine mostly
 * measures the neighbours; thread CPU time measures what one core achieves while it runs.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.jvswitch.bench.flowtable.ClassifierCpuTime}
 * [rules masks priorities ...] (default: the full 1k/10k/100k x 1/8/32 x random/byMask grid).
 */
public final class ClassifierCpuTime {
    private static final long WARMUP_NANOS = 1_000_000_000L;
    private static final long MEASURE_NANOS = 2_000_000_000L;

    private ClassifierCpuTime() {
    }

    /** Runs the grid (or the given combinations) and prints one line each. */
    public static void main(String[] args) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf("%-8s %-6s %-8s %15s%n", "rules", "masks", "prio", "lookups/cpu-s");
        if (args.length >= 3) {
            for (int i = 0; i + 2 < args.length; i += 3) {
                run(mx, Integer.parseInt(args[i]), Integer.parseInt(args[i + 1]), args[i + 2]);
            }
            return;
        }
        for (String prio : new String[] {"random", "byMask"}) {
            for (int masks : new int[] {1, 8, 32}) {
                for (int rules : new int[] {1000, 10000, 100000}) {
                    run(mx, rules, masks, prio);
                }
            }
        }
    }

    private static void run(ThreadMXBean mx, int rules, int masks, String prio) throws Exception {
        ClassifierLookupBenchmark b = new ClassifierLookupBenchmark();
        b.rules = rules;
        b.masks = masks;
        b.priorities = prio;
        b.setUp();
        long sink = 0;
        long start = mx.getCurrentThreadCpuTime();
        while (mx.getCurrentThreadCpuTime() - start < WARMUP_NANOS) {
            sink += b.lookupAllPackets();
        }
        long lookups = 0;
        start = mx.getCurrentThreadCpuTime();
        long elapsed;
        do {
            for (int i = 0; i < 16; i++) {
                sink += b.lookupAllPackets();
            }
            lookups += 16L * ClassifierLookupBenchmark.packets();
            elapsed = mx.getCurrentThreadCpuTime() - start;
        } while (elapsed < MEASURE_NANOS);
        System.out.printf("%-8d %-6d %-8s %15.0f%s%n", rules, masks, prio, lookups * 1e9 / elapsed,
                sink == 42 ? " " : "");
    }
}

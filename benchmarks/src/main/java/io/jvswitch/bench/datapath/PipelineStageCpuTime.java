package io.jvswitch.bench.datapath;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Nanoseconds of thread CPU time per frame for every stage of {@link PipelineStageBenchmark}, both tables. On a
 * shared machine JMH's wall clock mostly measures the neighbours; thread CPU time measures what the core did
 * while this thread ran (see {@code io.jvswitch.bench.flowtable.ClassifierCpuTime}).
 *
 * <p>Usage: {@code java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED
 * -cp benchmarks/target/benchmarks.jar io.jvswitch.bench.datapath.PipelineStageCpuTime [seconds] [table ...]}
 * (default 2 s per stage after 1 s of warm-up, tables normal and flows10k; {@code -Dstages=bridge,upcall} runs
 * only the named stages). Each stage is measured in
 * {@code ROUNDS} windows and the best window is printed (the one least disturbed by preemption).
 */
public final class PipelineStageCpuTime {
    private static final long WARMUP_NANOS = 1_000_000_000L;
    private static final int ROUNDS = 3;

    private PipelineStageCpuTime() {
    }

    /** Prints one line per stage and table. */
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        String[] tables = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length)
            : new String[] {"normal", "flows10k"};
        java.util.List<String> only = java.util.Arrays.asList(System.getProperty("stages", "").split(","));
        if (only.size() == 1 && only.get(0).isEmpty()) {
            only = java.util.List.of();
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf("%-10s %-16s %12s%n", "table", "stage", "cpu-ns/frame");
        for (String table : tables) {
            PipelineStageBenchmark b = new PipelineStageBenchmark();
            b.table = table;
            b.setUp();
            try {
                Map<String, LongSupplier> stages = new LinkedHashMap<>();
                stages.put("extract", b::extract);
                stages.put("emcHit", b::emcHit);
                stages.put("megaflowHit", b::megaflowHit);
                stages.put("upcall", b::upcall);
                stages.put("executeOutput", b::executeOutput);
                stages.put("executeNormal", b::executeNormal);
                stages.put("headerParse", b::headerParse);
                stages.put("bridge", b::bridge);
                stages.put("bridgeManyFlows", b::bridgeManyFlows);
                stages.put("pmdCycle", b::pmdCycle);
                stages.put("injectOnly", b::injectOnly);
                for (Map.Entry<String, LongSupplier> e : stages.entrySet()) {
                    if (!only.isEmpty() && !only.contains(e.getKey())) {
                        continue;
                    }
                    long[] before = b.lookupCounters();
                    double ns = measure(mx, e.getValue(), (long) (seconds * 1e9 / ROUNDS));
                    long[] after = b.lookupCounters();
                    long emc = after[0] - before[0];
                    long mega = after[1] - before[1];
                    long cls = after[2] - before[2];
                    long all = emc + mega + cls;
                    String lookups = all == 0 ? ""
                        : String.format("   lookups: EMC %.1f%%, megaflow %.1f%%, classifier %.2f%%",
                            100.0 * emc / all, 100.0 * mega / all, 100.0 * cls / all);
                    System.out.printf("%-10s %-16s %12.1f%s%n", table, e.getKey(), ns, lookups);
                }
                System.out.printf("%-10s %-16s %12d%n", table, "(megaflow masks)", b.megaflowMasks());
            } finally {
                b.tearDown();
            }
        }
    }

    /** Best CPU nanoseconds per frame over {@link #ROUNDS} windows of {@code windowNanos}. */
    private static double measure(ThreadMXBean mx, LongSupplier stage, long windowNanos) {
        long sink = 0;
        long start = mx.getCurrentThreadCpuTime();
        while (mx.getCurrentThreadCpuTime() - start < WARMUP_NANOS) {
            for (int i = 0; i < 64; i++) {
                sink += stage.getAsLong();
            }
        }
        double best = Double.MAX_VALUE;
        for (int r = 0; r < ROUNDS; r++) {
            long frames = 0;
            long elapsed;
            start = mx.getCurrentThreadCpuTime();
            do {
                for (int i = 0; i < 256; i++) {
                    sink += stage.getAsLong();
                }
                frames += 256L * PipelineStageBenchmark.BURST;
                elapsed = mx.getCurrentThreadCpuTime() - start;
            } while (elapsed < windowNanos);
            best = Math.min(best, elapsed / (double) frames);
        }
        if (sink == 42) {
            System.out.print("");
        }
        return best;
    }
}

package io.jvswitch.bench.flowtable;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Nanoseconds of thread CPU time per extracted frame, for the frames of {@link FlowKeyExtractionBenchmark}
 * (see {@link ClassifierCpuTime} for why CPU time next to JMH's wall clock).
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.jvswitch.bench.flowtable.FlowKeyExtractionCpuTime}
 */
public final class FlowKeyExtractionCpuTime {
    private static final int FRAMES = 20_000_000;

    private FlowKeyExtractionCpuTime() {
    }

    /** Prints one line per frame kind. */
    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (String kind : new String[] {"tcp4", "udp4_vlan", "tcp6", "arp"}) {
            FlowKeyExtractionBenchmark b = new FlowKeyExtractionBenchmark();
            b.frame = kind;
            b.setUp();
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                long start = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < FRAMES; i++) {
                    sink += b.extract().tpDst();
                }
                best = Math.min(best, (mx.getCurrentThreadCpuTime() - start) / (double) FRAMES);
            }
            System.out.printf("%-10s %6.1f ns/frame (thread CPU time)%n", kind, best);
        }
        if (sink == 42) {
            System.out.println();
        }
    }
}

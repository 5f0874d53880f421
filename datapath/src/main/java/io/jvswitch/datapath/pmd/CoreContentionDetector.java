package io.jvswitch.datapath.pmd;

import java.util.concurrent.TimeUnit;

/**
 * Tells an idle strategy whether its thread shares its core with other busy threads, from how often
 * the thread is preempted ({@link PreemptionSource}).
 *
 * <p>What: at most once per {@link #SAMPLE_INTERVAL_NS} of the caller's clock it reads the
 * preemption count (one {@code getrusage} system call natively). The core counts as contended when
 * {@code preemptions} preemptions fell within {@code windowNs} (by default
 * {@value #DEFAULT_PREEMPTIONS} within {@value #DEFAULT_WINDOW_MS} ms, 200 a second), and stays so
 * for {@code holdNs} (default {@value #DEFAULT_HOLD_MS} ms) after the last time that held.
 *
 * <p>Why a rate and not any preemption: a thread spinning on a core nobody else wants is still
 * preempted now and then, and a light load does not need the core back. Measured on this
 * project's 2-vCPU host (the daemon's PMD sampled every ~140 ms from {@code /proc}, and a probe):
 * <ul>
 *   <li>a spinning JVM thread on a quiet host: a lone preemption a few times a second from kernel
 *       workers, plus one every 50 ms from the JVM's own performance-data sampler thread (gone with
 *       {@code -XX:-UsePerfData}). "Any rise" would have kept the PMD in shared-core mode for good;</li>
 *   <li>{@code ping -i 0.01} through the switch: about 10 a second with the PMD spinning, but about 65
 *       a second once it sleeps (each reply it sends wakes the ping onto its core). Rules of three
 *       within 20 ms and six within 50 ms both let a ping hold the PMD in shared-core mode, which
 *       took the ping's average round trip from 10-27 us to 32-49 us;</li>
 *   <li>one TCP stream through the switch: 150 to 800 a second with the PMD spinning, thousands
 *       once it sleeps; {@code ping -f}: about 14000; threads that run 200 us and sleep 50 us, more
 *       of them than CPUs: about 1700;</li>
 *   <li>purely CPU-bound threads sharing the core: one every 4 to 8 ms (a time slice at HZ=250).</li>
 * </ul>
 * Ten within 50 ms is three times what a ping keeps up and far below what traffic or busy,
 * often-waking neighbours cause. The price: a neighbour that only computes and never sleeps
 * (125 to 250 preemptions a second) is not always seen, and the PMD keeps its spin window there.
 *
 * <p>Threading: the PMD thread only (the count it samples is the calling thread's).
 *
 * <p>Invariants: no allocation after construction; {@link #isShared} makes at most one call to the
 * source per {@link #SAMPLE_INTERVAL_NS}; the first sample only sets the baseline.
 */
public final class CoreContentionDetector {
    /** Shortest time between two samples of the preemption count. */
    public static final long SAMPLE_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Default number of preemptions within the window that means the core is shared. */
    public static final int DEFAULT_PREEMPTIONS = 10;
    /** Default window those preemptions must fall within, in milliseconds. */
    public static final int DEFAULT_WINDOW_MS = 50;
    /** Default time shared-core mode lasts after the last evidence of contention, in milliseconds. */
    public static final int DEFAULT_HOLD_MS = 100;

    private final PreemptionSource source;
    private final long windowNs;
    private final long holdNs;
    /** Sample times of the last {@code recent.length} preemptions, a ring; {@code next} is the oldest. */
    private final long[] recent;
    private int next;
    private int filled;
    private boolean sampled;
    private long lastSampleNs;
    private boolean primed;
    private long lastCount;
    private boolean shared;
    private long sharedUntilNs;
    private long entries;

    /** A detector with the default rule and hold. */
    public CoreContentionDetector(PreemptionSource source) {
        this(source, DEFAULT_PREEMPTIONS, TimeUnit.MILLISECONDS.toNanos(DEFAULT_WINDOW_MS),
            TimeUnit.MILLISECONDS.toNanos(DEFAULT_HOLD_MS));
    }

    /**
     * A detector that calls the core shared when {@code preemptions} (at least 1) preemptions fall
     * within {@code windowNs}, until {@code holdNs} after the last time they did.
     */
    public CoreContentionDetector(PreemptionSource source, int preemptions, long windowNs, long holdNs) {
        if (preemptions < 1) {
            throw new IllegalArgumentException("preemptions must be at least 1: " + preemptions);
        }
        this.source = source;
        this.windowNs = windowNs;
        this.holdNs = holdNs;
        this.recent = new long[preemptions];
    }

    /**
     * Whether the core counts as shared at {@code nowNs} (the caller's clock, non-decreasing),
     * sampling the preemption count first if the last sample is {@link #SAMPLE_INTERVAL_NS} old.
     */
    public boolean isShared(long nowNs) {
        if (!sampled || nowNs - lastSampleNs >= SAMPLE_INTERVAL_NS) {
            sampled = true;
            lastSampleNs = nowNs;
            sample(nowNs);
        }
        if (shared && nowNs - sharedUntilNs >= 0) {
            shared = false;
        }
        return shared;
    }

    private void sample(long nowNs) {
        long count = source.preemptions();
        if (count < 0) {
            return;
        }
        if (!primed) {
            primed = true;
            lastCount = count;
            return;
        }
        long rise = count - lastCount;
        lastCount = count;
        if (rise <= 0) {
            return;
        }
        long toRecord = Math.min(rise, recent.length);
        for (long k = 0; k < toRecord; k++) {
            recent[next] = nowNs;
            next = next + 1 == recent.length ? 0 : next + 1;
        }
        filled = (int) Math.min(recent.length, filled + toRecord);
        if (filled == recent.length && nowNs - recent[next] <= windowNs) {
            if (!shared) {
                shared = true;
                entries++;
            }
            sharedUntilNs = nowNs + holdNs;
        }
    }

    /** What the last {@link #isShared} answered, without sampling. */
    public boolean wasShared() {
        return shared;
    }

    /** How many times the core went from unshared to shared. */
    public long sharedEntries() {
        return entries;
    }
}

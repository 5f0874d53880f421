package io.jvswitch.datapath.stats;

import java.util.Arrays;

/**
 * The engine and drop counters of one PMD, copied at one moment (each counter read once; the copy is not
 * atomic across counters, which monitoring tolerates), or the difference of two such copies. What the
 * {@code dpif-netdev/pmd-*} reports are computed from, so that they can be tested with fixed numbers.
 *
 * <p>Immutable. Control plane only: taking a snapshot allocates.
 */
public final class PmdStatsSnapshot {
    private final int pmdId;
    private final long[] counters;
    private final long[] drops;

    private PmdStatsSnapshot(int pmdId, long[] counters, long[] drops) {
        this.pmdId = pmdId;
        this.counters = counters;
        this.drops = drops;
    }

    /** The current values of {@code stats}. Any thread. */
    public static PmdStatsSnapshot of(PmdStats stats) {
        long[] counters = new long[DatapathCounter.count()];
        for (DatapathCounter c : DatapathCounter.values()) {
            counters[c.id()] = stats.get(c);
        }
        long[] drops = new long[DropReason.count()];
        for (DropReason r : DropReason.values()) {
            drops[r.id()] = stats.get(r);
        }
        return new PmdStatsSnapshot(stats.pmdId(), counters, drops);
    }

    /** All counters zero, for PMD {@code pmdId}; start from here with {@link #with} to build fixed numbers. */
    public static PmdStatsSnapshot zero(int pmdId) {
        return new PmdStatsSnapshot(pmdId, new long[DatapathCounter.count()], new long[DropReason.count()]);
    }

    /** A copy with {@code counter} set to {@code value}. */
    public PmdStatsSnapshot with(DatapathCounter counter, long value) {
        long[] c = counters.clone();
        c[counter.id()] = value;
        return new PmdStatsSnapshot(pmdId, c, drops);
    }

    /** A copy with the drops for {@code reason} set to {@code value}. */
    public PmdStatsSnapshot with(DropReason reason, long value) {
        long[] d = drops.clone();
        d[reason.id()] = value;
        return new PmdStatsSnapshot(pmdId, counters, d);
    }

    /**
     * What was counted since {@code baseline} (an earlier snapshot of the same PMD). A counter below its
     * baseline (counters that restarted) counts from zero rather than going negative.
     */
    public PmdStatsSnapshot since(PmdStatsSnapshot baseline) {
        return new PmdStatsSnapshot(pmdId, minus(counters, baseline.counters), minus(drops, baseline.drops));
    }

    private static long[] minus(long[] now, long[] then) {
        long[] out = new long[now.length];
        for (int i = 0; i < now.length; i++) {
            long d = now[i] - then[i];
            out[i] = d >= 0 ? d : now[i];
        }
        return out;
    }

    /** Number of the PMD counted. */
    public int pmdId() {
        return pmdId;
    }

    /** Value of {@code counter}. */
    public long get(DatapathCounter counter) {
        return counters[counter.id()];
    }

    /** Frames dropped for {@code reason}. */
    public long get(DropReason reason) {
        return drops[reason.id()];
    }

    @Override
    public String toString() {
        return "pmd-" + pmdId + Arrays.toString(counters) + Arrays.toString(drops);
    }
}

package io.jvswitch.datapath.stats;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * What {@code dpif-netdev/pmd-stats-clear} leaves behind: per PMD, a snapshot of its counters at the last clear,
 * which later reports subtract. The PMD's own counters are never written by anyone but the PMD, so clearing
 * costs the hot path nothing and other readers ({@code dpif/show}, port statistics, metrics) keep their totals
 * since start.
 *
 * <p>Threading: control plane only; methods are synchronized against concurrent appctl commands. PMDs are keyed
 * by identity (a restarted PMD has new counters and starts without a baseline) and weakly, so a retired PMD's
 * baseline does not outlive it.
 */
public final class PmdStatsBaselines {
    private final Map<PmdStats, PmdStatsSnapshot> baselines = new WeakHashMap<>();

    /** Makes later {@link #sinceClear} reports of {@code stats} count from now. */
    public synchronized void clear(PmdStats stats) {
        baselines.put(stats, PmdStatsSnapshot.of(stats));
    }

    /** The counters of {@code stats} since its last {@link #clear} (since the PMD started when never cleared). */
    public synchronized PmdStatsSnapshot sinceClear(PmdStats stats) {
        PmdStatsSnapshot now = PmdStatsSnapshot.of(stats);
        PmdStatsSnapshot baseline = baselines.get(stats);
        return baseline == null ? now : now.since(baseline);
    }
}

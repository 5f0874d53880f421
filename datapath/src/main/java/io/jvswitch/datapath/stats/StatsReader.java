package io.jvswitch.datapath.stats;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sums the counters of every PMD, for {@code jvs-appctl dpif/show}, {@code jvs-ofctl dump-ports},
 * the Interface {@code statistics} column and metrics scrapes. Nothing here runs on the hot path.
 *
 * <p>Threading: PMDs are registered and unregistered by the control plane; reads may run on any
 * thread at any time and see each counter's latest published value (sums are not a snapshot
 * across counters, which is fine for monitoring).
 */
public final class StatsReader {
    private final List<PmdStats> pmds = new CopyOnWriteArrayList<>();
    private final long[] retiredCounters = new long[DatapathCounter.count()];
    private final long[] retiredDrops = new long[DropReason.count()];

    /** Includes {@code stats} in the sums. */
    public void register(PmdStats stats) {
        pmds.add(stats);
    }

    /**
     * Excludes {@code stats} from the sums, keeping its engine and drop counters in a retired total
     * so that totals never go backwards when a PMD stops. Per-port counters of a stopped PMD are
     * not kept: a port restarts counting on the PMD it moves to.
     */
    public synchronized void unregister(PmdStats stats) {
        if (pmds.remove(stats)) {
            for (DatapathCounter c : DatapathCounter.values()) {
                retiredCounters[c.id()] += stats.get(c);
            }
            for (DropReason r : DropReason.values()) {
                retiredDrops[r.id()] += stats.get(r);
            }
        }
    }

    /** Number of registered PMDs. */
    public int pmdCount() {
        return pmds.size();
    }

    /** Sum of {@code counter} over all PMDs. */
    public synchronized long get(DatapathCounter counter) {
        long sum = retiredCounters[counter.id()];
        for (PmdStats s : pmds) {
            sum += s.get(counter);
        }
        return sum;
    }

    /** Sum of drops for {@code reason} over all PMDs. */
    public synchronized long get(DropReason reason) {
        long sum = retiredDrops[reason.id()];
        for (PmdStats s : pmds) {
            sum += s.get(reason);
        }
        return sum;
    }

    /** Sum of a port counter over all PMDs. */
    public long getPort(int dpPortIndex, PortCounter counter) {
        long sum = 0;
        for (PmdStats s : pmds) {
            sum += s.getPort(dpPortIndex, counter);
        }
        return sum;
    }

    /** The per-PMD counters, for per-PMD reports such as {@code dpif/show}. */
    public List<PmdStats> pmds() {
        return List.copyOf(pmds);
    }
}

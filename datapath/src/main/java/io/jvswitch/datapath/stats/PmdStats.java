package io.jvswitch.datapath.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The counters of one PMD: engine counters ({@link DatapathCounter}), drops per
 * {@link DropReason}, and per-port counters ({@link PortCounter}) for datapath port indices
 * {@code 0 .. portCapacity-1}.
 *
 * <p>Threading: exactly one writer, the PMD that owns this object; any thread may read. Writes
 * are opaque stores of a value the writer computed from its own last write, so readers see
 * whole 64-bit values (never torn) that only grow, at no cost on the hot path (a plain store on
 * x86). Readers sum across PMDs with {@link StatsReader}.
 *
 * <p>Layout of the single {@code long[]}:
 * <pre>
 *  [0, C)                 DatapathCounter by id        (C = DatapathCounter.count())
 *  [C, C+D)               DropReason by id             (D = DropReason.count())
 *  [C+D + p*P + k]        PortCounter k of port p      (P = PortCounter.count())
 * </pre>
 */
public final class PmdStats {
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int DROP_BASE = DatapathCounter.count();
    private static final int PORT_BASE = DROP_BASE + DropReason.count();
    private static final int PER_PORT = PortCounter.count();

    private final int pmdId;
    private final int portCapacity;
    private final long[] values;

    /** Creates zeroed counters for PMD {@code pmdId} with room for {@code portCapacity} ports. */
    public PmdStats(int pmdId, int portCapacity) {
        if (portCapacity < 1) {
            throw new IllegalArgumentException("port capacity must be positive: " + portCapacity);
        }
        this.pmdId = pmdId;
        this.portCapacity = portCapacity;
        this.values = new long[PORT_BASE + portCapacity * PER_PORT];
    }

    /** Id of the PMD that writes these counters. */
    public int pmdId() {
        return pmdId;
    }

    /** Number of datapath port indices these counters cover. */
    public int portCapacity() {
        return portCapacity;
    }

    private void add(int index, long delta) {
        LONGS.setOpaque(values, index, values[index] + delta);
    }

    private long read(int index) {
        return (long) LONGS.getOpaque(values, index);
    }

    /** Adds {@code delta} to {@code counter}. Owner thread only. */
    public void add(DatapathCounter counter, long delta) {
        add(counter.id(), delta);
    }

    /** Adds one to {@code counter}. Owner thread only. */
    public void increment(DatapathCounter counter) {
        add(counter.id(), 1);
    }

    /** Counts {@code count} frames dropped for {@code reason} (and in {@link DatapathCounter#DROP}). Owner only. */
    public void drop(DropReason reason, long count) {
        add(DROP_BASE + reason.id(), count);
        add(DatapathCounter.DROP.id(), count);
    }

    /** Counts one frame dropped for {@code reason}. Owner thread only. */
    public void drop(DropReason reason) {
        drop(reason, 1);
    }

    /**
     * Adds {@code delta} to a counter of port {@code dpPortIndex}; an index outside the capacity
     * is ignored (counted nowhere) rather than thrown on the hot path. Owner thread only.
     */
    public void addPort(int dpPortIndex, PortCounter counter, long delta) {
        if (dpPortIndex >= 0 && dpPortIndex < portCapacity) {
            add(PORT_BASE + dpPortIndex * PER_PORT + counter.id(), delta);
        }
    }

    /** Current value of {@code counter}. Any thread. */
    public long get(DatapathCounter counter) {
        return read(counter.id());
    }

    /** Frames dropped for {@code reason}. Any thread. */
    public long get(DropReason reason) {
        return read(DROP_BASE + reason.id());
    }

    /** Current value of a port counter (0 for an index outside the capacity). Any thread. */
    public long getPort(int dpPortIndex, PortCounter counter) {
        if (dpPortIndex < 0 || dpPortIndex >= portCapacity) {
            return 0;
        }
        return read(PORT_BASE + dpPortIndex * PER_PORT + counter.id());
    }
}

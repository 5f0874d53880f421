package io.jvswitch.flowtable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Packet and byte counters and the last-use time of one flow, updated by datapath threads without locks
 * or atomic read-modify-write instructions.
 *
 * <p>Design: one cell per writer thread ("slot"), each cell 64 bytes apart so two threads never write the
 * same cache line. A thread only ever writes its own slot, so a plain read followed by an opaque write is
 * an exact increment; readers (the control plane) sum the slots with opaque reads and may see a total
 * that is a few packets old, never a torn or lost one. The datapath gives each PMD thread a distinct slot
 * in {@code [0, slots)}; a slot outside that range is folded in ({@code slot % slots}), which is only
 * exact if no two concurrent writers fold onto the same slot.
 *
 * <p>Memory: {@code 64 * slots} bytes per flow.
 */
public final class FlowStats {
    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int STRIDE = 8;
    private static final int PACKETS = 0;
    private static final int BYTES = 1;
    private static final int LAST_USED = 2;

    private final long[] cells;
    private final int slots;

    /** Counters with {@code slots} writer slots (at least 1). */
    public FlowStats(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("at least one counter slot");
        }
        this.slots = slots;
        this.cells = new long[slots * STRIDE];
    }

    /** Number of writer slots. */
    public int slots() {
        return slots;
    }

    /**
     * Adds {@code packets} and {@code bytes} and records {@code nowNanos} as the last use. Called only by
     * the thread owning {@code slot}. Allocation-free.
     */
    public void record(int slot, long packets, long bytes, long nowNanos) {
        int base = (slot < slots ? slot : slot % slots) * STRIDE;
        CELLS.setOpaque(cells, base + PACKETS, cells[base + PACKETS] + packets);
        CELLS.setOpaque(cells, base + BYTES, cells[base + BYTES] + bytes);
        CELLS.setOpaque(cells, base + LAST_USED, nowNanos);
    }

    /** Packets counted so far (sum over slots). */
    public long packets() {
        return sum(PACKETS);
    }

    /** Bytes counted so far (sum over slots). */
    public long bytes() {
        return sum(BYTES);
    }

    /** The latest last-use time recorded by any slot, or {@link Long#MIN_VALUE} if never used. */
    public long lastUsedNanos() {
        long max = Long.MIN_VALUE;
        boolean any = false;
        for (int s = 0; s < slots; s++) {
            int base = s * STRIDE;
            if ((long) CELLS.getOpaque(cells, base + PACKETS) != 0) {
                long t = (long) CELLS.getOpaque(cells, base + LAST_USED);
                max = any ? Math.max(max, t) : t;
                any = true;
            }
        }
        return max;
    }

    private long sum(int field) {
        long total = 0;
        for (int s = 0; s < slots; s++) {
            total += (long) CELLS.getOpaque(cells, s * STRIDE + field);
        }
        return total;
    }
}

package io.jvswitch.datapath.stats;

/**
 * Per-PMD counters of the forwarding engine, each with a dense id (its slot in
 * {@link PmdStats}) and the label {@code jvs-appctl dpif/show} prints.
 *
 * <p>The lookup stages follow Open vSwitch's {@code PMD_STAT_*} names so that the numbers read the
 * same way: a frame is counted by exactly one of {@link #EMC_HIT}, {@link #MEGAFLOW_HIT},
 * {@link #CLASSIFIER_HIT} or {@link #MISS}; {@link #LOST} counts misses that could not be
 * handled. Drops are counted separately per {@link DropReason}.
 */
public enum DatapathCounter {
    /** Frames received from all ports. */
    RX(0, "rx packets"),
    /** Frames handed to ports for transmission (before the port's own drops). */
    TX(1, "tx packets"),
    /** Frames found in the exact-match cache. */
    EMC_HIT(2, "emc hits"),
    /** Frames found in the megaflow cache. */
    MEGAFLOW_HIT(3, "megaflow hits"),
    /** Frames decided by the full classifier. */
    CLASSIFIER_HIT(4, "classifier hits"),
    /** Frames that matched no flow. */
    MISS(5, "miss"),
    /** Misses that could not be handled (e.g. the upcall path was full). */
    LOST(6, "lost"),
    /** Frames dropped for any reason (the sum of the per-reason drop counters). */
    DROP(7, "dropped"),
    /** Receive batches processed (for packets per batch). */
    RX_BATCHES(8, "rx batches"),
    /** Duty cycles that did some work. */
    BUSY_CYCLES(9, "busy cycles"),
    /** Duty cycles that found nothing to do. */
    IDLE_CYCLES(10, "idle cycles"),
    /** Frames switched by the NORMAL action. */
    NORMAL(11, "normal"),
    /** Frames flooded (unknown destination, broadcast or multicast). */
    FLOOD(12, "flooded"),
    /** Control commands run on the PMD. */
    COMMANDS(13, "commands"),
    /** Nanoseconds spent in duty cycles that did work (measured from cycle start to next cycle start). */
    BUSY_NS(14, "busy ns"),
    /** Nanoseconds spent in duty cycles that found nothing, including the idle strategy's waits. */
    IDLE_NS(15, "idle ns");

    private static final DatapathCounter[] BY_ID = values();

    private final int id;
    private final String label;

    DatapathCounter(int id, String label) {
        this.id = id;
        this.label = label;
    }

    /** Dense id: this counter's slot in {@link PmdStats}. */
    public int id() {
        return id;
    }

    /** Human-readable label, as printed by {@code jvs-appctl dpif/show}. */
    public String label() {
        return label;
    }

    /** The counter with the given id. */
    public static DatapathCounter byId(int id) {
        return BY_ID[id];
    }

    /** Number of counters. */
    public static int count() {
        return BY_ID.length;
    }
}

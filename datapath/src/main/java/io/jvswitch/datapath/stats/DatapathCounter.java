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
    RX("rx packets"),
    /** Frames handed to ports for transmission (before the port's own drops). */
    TX("tx packets"),
    /** Frames found in the exact-match cache. */
    EMC_HIT("emc hits"),
    /** Frames found in the megaflow cache. */
    MEGAFLOW_HIT("megaflow hits"),
    /** Frames decided by the full classifier. */
    CLASSIFIER_HIT("classifier hits"),
    /** Frames that matched no flow. */
    MISS("miss"),
    /** Misses that could not be handled (e.g. the upcall path was full). */
    LOST("lost"),
    /** Frames dropped for any reason (the sum of the per-reason drop counters). */
    DROP("dropped"),
    /** Receive batches processed (for packets per batch). */
    RX_BATCHES("rx batches"),
    /** Duty cycles that did some work. */
    BUSY_CYCLES("busy cycles"),
    /** Duty cycles that found nothing to do. */
    IDLE_CYCLES("idle cycles"),
    /** Frames switched by the NORMAL action. */
    NORMAL("normal"),
    /** Frames flooded (unknown destination, broadcast or multicast). */
    FLOOD("flooded"),
    /** Control commands run on the PMD. */
    COMMANDS("commands"),
    /** Nanoseconds spent in duty cycles that did work (measured from cycle start to next cycle start). */
    BUSY_NS("busy ns"),
    /** Nanoseconds spent in duty cycles that found nothing, including the idle strategy's waits. */
    IDLE_NS("idle ns"),
    /** Non-empty transmit batches handed to a port (one per send call), for packets per output batch. */
    TX_BATCHES("tx batches"),
    /** Frames in those transmit batches, including any the device refused ({@link DropReason#TX_FULL}). */
    TX_OFFERED("tx offered"),
    /**
     * Megaflow masks (subtables) probed by the lookups that hit the megaflow cache, counting the one that hit;
     * divided by {@link #MEGAFLOW_HIT} it is Open vSwitch's "avg. subtable lookups per megaflow hit".
     */
    MEGAFLOW_MASKS_PROBED("megaflow masks probed"),
    /**
     * Times the PMD's idle strategy found its core shared with other busy threads and began to sleep
     * early ({@code io.jvswitch.datapath.pmd.CoreContentionDetector}).
     */
    SHARED_CORE_ENTRIES("shared-core entries"),
    /** Times the PMD's idle strategy slept waiting for input on the ports' fds. */
    IDLE_WAITS("idle waits");

    private static final DatapathCounter[] BY_ID = values();

    private final String label;

    DatapathCounter(String label) {
        this.label = label;
    }

    /** Dense id: this counter's slot in {@link PmdStats}. */
    public int id() {
        return ordinal();
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

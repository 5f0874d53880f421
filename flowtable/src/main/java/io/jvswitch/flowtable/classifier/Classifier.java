package io.jvswitch.flowtable.classifier;

/**
 * The published classifier of one bridge: a tuple-space search over OpenFlow tables 0..254.
 *
 * <h2>What</h2>
 * Holds the current {@link ClassifierVersion}. Each table is a {@link TupleSpace}: one {@link Subtable} per
 * distinct mask, each an immutable hash table of masked match values; lookup probes subtables in order of
 * their highest priority and stops when no remaining subtable can beat the best match found, and reports
 * (through {@link LookupScratch}) the union of the masks it probed so the datapath can install a megaflow.
 *
 * <h2>Threading</h2>
 * One writer (the control plane, serialized by the flow table owner) builds a new version off to the side
 * and publishes it with {@link #publish}: a single volatile write. Any number of datapath threads call
 * {@link #current()} once per batch of packets and look up in that version without locks or allocation.
 *
 * <h2>Invariants</h2>
 * Versions are immutable; generations strictly increase with each publication; a version never observed
 * by a reader is simply dropped (so a rejected batch changes nothing).
 */
public final class Classifier<R extends ClassifierRule> {
    /** Written by the control plane, read by datapath threads once per batch. */
    private volatile ClassifierVersion<R> current;

    /** A classifier with every table empty (generation 0). */
    public Classifier() {
        this.current = ClassifierVersion.empty();
    }

    /** The version to use for the next batch of packets. */
    public ClassifierVersion<R> current() {
        return current;
    }

    /**
     * Makes {@code next} current. Its generation must be greater than the current one.
     *
     * @throws IllegalArgumentException when the generation does not increase
     */
    public void publish(ClassifierVersion<R> next) {
        if (next.generation() <= current.generation()) {
            throw new IllegalArgumentException("generation must increase: " + next.generation()
                    + " after " + current.generation());
        }
        current = next;
    }
}

package io.jvswitch.flowtable.classifier;

import io.jvswitch.flowtable.match.FlowKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One OpenFlow table as a tuple space: its {@link Subtable}s sorted by descending maximum priority.
 * Immutable.
 *
 * <p>Lookup probes subtables in that order and stops as soon as the next subtable's best priority cannot
 * beat the match already found (ties may stop early too: any of the equally best rules is a correct answer,
 * as OpenFlow leaves overlapping equal-priority flows undefined).
 */
public final class TupleSpace<R extends ClassifierRule> {
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final TupleSpace<?> EMPTY = new TupleSpace(new Subtable[0]);

    private final Subtable<R>[] subtables;
    private final int ruleCount;

    private TupleSpace(Subtable<R>[] subtables) {
        this.subtables = subtables;
        int n = 0;
        for (Subtable<R> s : subtables) {
            n += s.size();
        }
        this.ruleCount = n;
    }

    /** The table with no rules. */
    @SuppressWarnings("unchecked")
    public static <R extends ClassifierRule> TupleSpace<R> empty() {
        return (TupleSpace<R>) EMPTY;
    }

    /** A table made of these subtables (any order; sorted here). */
    public static <R extends ClassifierRule> TupleSpace<R> of(List<Subtable<R>> subtables) {
        if (subtables.isEmpty()) {
            return empty();
        }
        @SuppressWarnings("unchecked")
        Subtable<R>[] array = (Subtable<R>[]) subtables.toArray(new Subtable<?>[0]);
        Arrays.sort(array, Comparator.comparingInt((Subtable<R> s) -> s.maxPriority()).reversed());
        return new TupleSpace<>(array);
    }

    /**
     * The highest-priority rule matching {@code key}, or {@code null}. Adds the mask of every subtable it
     * probes to {@code scratch}'s consulted mask. Allocation-free.
     */
    public R lookup(FlowKey key, LookupScratch scratch) {
        R best = null;
        int bestPriority = -1;
        final Subtable<R>[] subs = subtables;
        for (int i = 0; i < subs.length; i++) {
            Subtable<R> s = subs[i];
            if (s.maxPriority() <= bestPriority) {
                break;
            }
            scratch.subtablesVisited++;
            s.addMaskTo(scratch.consulted);
            int slot = s.find(key, scratch);
            if (slot >= 0 && s.slotPriority(slot) > bestPriority) {
                bestPriority = s.slotPriority(slot);
                best = s.slotRule(slot);
            }
        }
        return best;
    }

    /** Number of rules in the table. */
    public int size() {
        return ruleCount;
    }

    /** Number of subtables (distinct masks). */
    public int subtableCount() {
        return subtables.length;
    }

    /** Subtable {@code i} in probe order. */
    public Subtable<R> subtable(int i) {
        return subtables[i];
    }

    /** All rules, subtable by subtable (a copy; control plane use). */
    public List<R> rules() {
        List<R> all = new ArrayList<>(ruleCount);
        for (Subtable<R> s : subtables) {
            for (int i = 0; i < s.size(); i++) {
                all.add(s.rule(i));
            }
        }
        return all;
    }
}

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
    /**
     * {@code prefixUnion[i]}: union of the masks of subtables {@code 0..i-1}, flattened with
     * {@link FlowKey#WORDS} words per entry. Lookups always probe a prefix of the subtables, so the consulted
     * mask is one precomputed entry instead of per-probe work.
     */
    private final long[] prefixUnion;
    private final int ruleCount;

    private TupleSpace(Subtable<R>[] subtables) {
        this.subtables = subtables;
        int n = 0;
        for (Subtable<R> s : subtables) {
            n += s.size();
        }
        this.ruleCount = n;
        this.prefixUnion = new long[(subtables.length + 1) * FlowKey.WORDS];
        for (int i = 0; i < subtables.length; i++) {
            for (int w = 0; w < FlowKey.WORDS; w++) {
                prefixUnion[(i + 1) * FlowKey.WORDS + w] = prefixUnion[i * FlowKey.WORDS + w]
                        | subtables[i].mask().word(w);
            }
        }
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
        int i = 0;
        for (; i < subs.length; i++) {
            Subtable<R> s = subs[i];
            if (s.maxPriority() <= bestPriority) {
                break;
            }
            long meta = s.find(key, scratch);
            int priority = (int) (meta >>> 32) - 1;
            if (priority > bestPriority) {
                bestPriority = priority;
                best = s.rule((int) meta);
            }
        }
        scratch.subtablesVisited += i;
        final long[] consulted = scratch.consulted;
        final int base = i * FlowKey.WORDS;
        for (int w = 0; w < FlowKey.WORDS; w++) {
            consulted[w] |= prefixUnion[base + w];
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

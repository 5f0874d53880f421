package io.jvswitch.flowtable.classifier;

import io.jvswitch.flowtable.match.FlowKey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of all flow tables (0..254) of one bridge, with a generation number.
 *
 * <p>New versions are made with {@link #toBuilder()}: only the subtables a batch touched are rebuilt, the
 * rest are shared with the previous version (copy-on-write at subtable granularity). A version is
 * published by {@link Classifier#publish} with a single volatile write, so a reader that picked up a
 * version sees all of a batch or none of it, for as long as it keeps using that version.
 */
public final class ClassifierVersion<R extends ClassifierRule> {
    /** Number of OpenFlow tables. */
    public static final int TABLES = 255;

    private final TupleSpace<R>[] tables;
    private final long generation;

    private ClassifierVersion(TupleSpace<R>[] tables, long generation) {
        this.tables = tables;
        this.generation = generation;
    }

    /** The version with every table empty, generation 0. */
    public static <R extends ClassifierRule> ClassifierVersion<R> empty() {
        @SuppressWarnings("unchecked")
        TupleSpace<R>[] t = (TupleSpace<R>[]) new TupleSpace<?>[TABLES];
        for (int i = 0; i < TABLES; i++) {
            t[i] = TupleSpace.empty();
        }
        return new ClassifierVersion<>(t, 0);
    }

    /** Increases with every published change; caches built from an older generation are stale. */
    public long generation() {
        return generation;
    }

    /**
     * The best rule of table {@code table} for {@code key}, or {@code null} (a table miss). Allocation-free;
     * the probed masks are added to {@code scratch}.
     */
    public R lookup(int table, FlowKey key, LookupScratch scratch) {
        return tables[table].lookup(key, scratch);
    }

    /** Table {@code table}. */
    public TupleSpace<R> table(int table) {
        return tables[table];
    }

    /** Total rules in all tables. */
    public int size() {
        int n = 0;
        for (TupleSpace<R> t : tables) {
            n += t.size();
        }
        return n;
    }

    /** A builder for the next version, starting from this one. */
    public Builder<R> toBuilder() {
        return new Builder<>(this);
    }

    /** Collects replaced subtables, then builds a new version sharing everything untouched. */
    public static final class Builder<R extends ClassifierRule> {
        private final ClassifierVersion<R> base;
        private final Map<Integer, Map<Mask, Collection<? extends R>>> changes = new HashMap<>();

        private Builder(ClassifierVersion<R> base) {
            this.base = base;
        }

        /**
         * Makes {@code rules} (all with mask {@code mask}) the whole content of that subtable of table
         * {@code table}; an empty collection removes the subtable. The collection is read at {@link #build}.
         */
        public Builder<R> replaceSubtable(int table, Mask mask, Collection<? extends R> rules) {
            changes.computeIfAbsent(table, t -> new HashMap<>()).put(mask, rules);
            return this;
        }

        /** The new version with the given generation. */
        public ClassifierVersion<R> build(long generation) {
            TupleSpace<R>[] tables = base.tables.clone();
            for (Map.Entry<Integer, Map<Mask, Collection<? extends R>>> e : changes.entrySet()) {
                int t = e.getKey();
                Map<Mask, Collection<? extends R>> replaced = e.getValue();
                List<Subtable<R>> subs = new ArrayList<>();
                TupleSpace<R> old = tables[t];
                for (int i = 0; i < old.subtableCount(); i++) {
                    if (!replaced.containsKey(old.subtable(i).mask())) {
                        subs.add(old.subtable(i));
                    }
                }
                for (Map.Entry<Mask, Collection<? extends R>> r : replaced.entrySet()) {
                    if (!r.getValue().isEmpty()) {
                        subs.add(new Subtable<>(r.getKey(), r.getValue()));
                    }
                }
                tables[t] = TupleSpace.of(subs);
            }
            return new ClassifierVersion<>(tables, generation);
        }
    }
}

package io.jvswitch.flowtable.classifier;

import io.jvswitch.flowtable.match.FlowKey;

import java.util.Collection;

/**
 * All rules of one table that share one {@link Mask}, in an immutable open-addressing hash table keyed by
 * the masked key words. Only the highest-priority rule per distinct masked value is reachable by lookups
 * (a lower-priority rule with an identical match can never win); all rules are kept for iteration.
 *
 * <p>Immutable after construction, so any number of threads may look up concurrently.
 */
public final class Subtable<R extends ClassifierRule> {
    private final Mask mask;
    /** Indices of the non-zero mask words; only these are hashed and compared. */
    private final int[] wordIndex;
    private final long[] wordMask;
    private final int maxPriority;
    private final int capacityMask;
    /** Masked key words per slot, {@code wordIndex.length} longs each. */
    private final long[] slotKeys;
    private final int[] slotPriority;
    private final Object[] slotRule;
    private final Object[] rules;

    /** Builds the subtable of {@code rules}, which must all have the mask {@code mask} (not empty). */
    public Subtable(Mask mask, Collection<? extends R> rules) {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a subtable needs at least one rule");
        }
        this.mask = mask;
        int n = 0;
        for (int i = 0; i < FlowKey.WORDS; i++) {
            if (mask.word(i) != 0) {
                n++;
            }
        }
        wordIndex = new int[n];
        wordMask = new long[n];
        for (int i = 0, j = 0; i < FlowKey.WORDS; i++) {
            if (mask.word(i) != 0) {
                wordIndex[j] = i;
                wordMask[j++] = mask.word(i);
            }
        }
        int capacity = Integer.highestOneBit(Math.max(4, rules.size()) * 2 - 1) << 1;
        capacityMask = capacity - 1;
        slotKeys = new long[capacity * n];
        slotPriority = new int[capacity];
        slotRule = new Object[capacity];
        this.rules = rules.toArray();
        int max = -1;
        long[] k = new long[n];
        for (R rule : rules) {
            if (!Mask.of(rule.match()).equals(mask)) {
                throw new IllegalArgumentException("rule mask differs from the subtable mask");
            }
            max = Math.max(max, rule.priority());
            for (int j = 0; j < n; j++) {
                k[j] = rule.match().valueWord(wordIndex[j]);
            }
            insert(k, rule);
        }
        maxPriority = max;
    }

    private void insert(long[] k, R rule) {
        int n = k.length;
        int slot = hash(k) & capacityMask;
        while (slotRule[slot] != null) {
            if (keyEquals(slot, k)) {
                if (rule.priority() > slotPriority[slot]) {
                    slotRule[slot] = rule;
                    slotPriority[slot] = rule.priority();
                }
                return;
            }
            slot = (slot + 1) & capacityMask;
        }
        System.arraycopy(k, 0, slotKeys, slot * n, n);
        slotRule[slot] = rule;
        slotPriority[slot] = rule.priority();
    }

    private boolean keyEquals(int slot, long[] k) {
        int base = slot * k.length;
        for (int j = 0; j < k.length; j++) {
            if (slotKeys[base + j] != k[j]) {
                return false;
            }
        }
        return true;
    }

    private static int hash(long[] k) {
        long h = 0x2545f4914f6cdd1dL;
        for (long v : k) {
            h = mix(h, v);
        }
        return finish(h);
    }

    private static long mix(long h, long v) {
        return Long.rotateLeft(h ^ (v * 0x9e3779b97f4a7c15L), 29) * 0xbf58476d1ce4e5b9L;
    }

    private static int finish(long h) {
        return (int) (h ^ (h >>> 31) ^ (h >>> 47));
    }

    /** The subtable's mask. */
    public Mask mask() {
        return mask;
    }

    /** Highest priority of any rule here: a lookup that already has a match at least this good skips us. */
    public int maxPriority() {
        return maxPriority;
    }

    /** Number of rules (including ones shadowed by an identical match of higher priority). */
    public int size() {
        return rules.length;
    }

    /** Rule {@code i} of all rules, in insertion order. */
    @SuppressWarnings("unchecked")
    public R rule(int i) {
        return (R) rules[i];
    }

    /** Index of the slot of the best rule matching {@code key}, or -1. Allocation-free. */
    int find(FlowKey key, LookupScratch scratch) {
        final int n = wordIndex.length;
        final long[] k = scratch.masked;
        long h = 0x2545f4914f6cdd1dL;
        for (int j = 0; j < n; j++) {
            long v = key.word(wordIndex[j]) & wordMask[j];
            k[j] = v;
            h = mix(h, v);
        }
        int slot = finish(h) & capacityMask;
        while (slotRule[slot] != null) {
            int base = slot * n;
            boolean eq = true;
            for (int j = 0; j < n; j++) {
                if (slotKeys[base + j] != k[j]) {
                    eq = false;
                    break;
                }
            }
            if (eq) {
                return slot;
            }
            slot = (slot + 1) & capacityMask;
        }
        return -1;
    }

    int slotPriority(int slot) {
        return slotPriority[slot];
    }

    @SuppressWarnings("unchecked")
    R slotRule(int slot) {
        return (R) slotRule[slot];
    }

    /** Adds this subtable's mask to the consulted union. */
    void addMaskTo(long[] consulted) {
        for (int j = 0; j < wordIndex.length; j++) {
            consulted[wordIndex[j]] |= wordMask[j];
        }
    }
}

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
    private static final long SEED = 0x2545f4914f6cdd1dL;
    private static final long MULTIPLIER = 0x9e3779b97f4a7c15L;
    /**
     * Capacity is the rule count rounded up to a power of two, shifted left by this: at most 1/4 of the slots
     * are used, so a probe that misses (most probes do) usually lands on an empty slot at once, a branch
     * the CPU predicts well; at 1/2 occupancy the random empty/occupied outcome cost about one branch miss
     * per probe.
     */
    private static final int LOAD_SHIFT = 2;
    private final Mask mask;
    /** Indices of the non-zero mask words; only these are hashed and compared. */
    private final int[] wordIndex;
    private final long[] wordMask;
    private final int maxPriority;
    private final int capacityMask;
    /** 64 - log2(capacity): the hash's top bits select the slot. */
    private final int shift;
    /** Longs per slot: the masked key words, then one meta word. */
    private final int stride;
    /**
     * The open-addressing table, {@code stride} longs per slot: masked key words followed by a meta word
     * {@code (priority + 1) << 32 | index into rules}, 0 for an empty slot. Keeping key and meta side by side
     * makes a probe touch one cache line in the common case.
     */
    private final long[] slots;
    private final Object[] rules;

    /** Builds the subtable of {@code rules}, which must all have the mask {@code mask} (not empty). */
    public Subtable(Mask mask, Collection<? extends R> rules) {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a subtable needs at least one rule");
        }
        this.mask = mask;
        int used = 0;
        for (int i = 0; i < FlowKey.WORDS; i++) {
            if (mask.word(i) != 0) {
                used++;
            }
        }
        int n = used;
        wordIndex = new int[n];
        wordMask = new long[n];
        for (int i = 0, j = 0; i < FlowKey.WORDS; i++) {
            if (mask.word(i) != 0) {
                wordIndex[j] = i;
                wordMask[j++] = mask.word(i);
            }
        }
        int capacity = Integer.highestOneBit(Math.max(4, rules.size()) * 2 - 1) << LOAD_SHIFT;
        capacityMask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        stride = n + 1;
        slots = new long[capacity * stride];
        this.rules = rules.toArray();
        int max = -1;
        long[] k = new long[n];
        for (int r = 0; r < this.rules.length; r++) {
            @SuppressWarnings("unchecked")
            R rule = (R) this.rules[r];
            if (!Mask.of(rule.match()).equals(mask)) {
                throw new IllegalArgumentException("rule mask differs from the subtable mask");
            }
            max = Math.max(max, rule.priority());
            for (int j = 0; j < n; j++) {
                k[j] = rule.match().valueWord(wordIndex[j]) & wordMask[j];
            }
            insert(k, rule.priority(), r);
        }
        maxPriority = max;
    }

    private void insert(long[] k, int priority, int ruleIndex) {
        int n = k.length;
        long meta = ((long) (priority + 1) << 32) | ruleIndex;
        int slot = index(k);
        while (slots[slot * stride + n] != 0) {
            int base = slot * stride;
            if (keyEquals(base, k)) {
                if (priority + 1 > (int) (slots[base + n] >>> 32)) {
                    slots[base + n] = meta;
                }
                return;
            }
            slot = (slot + 1) & capacityMask;
        }
        System.arraycopy(k, 0, slots, slot * stride, n);
        slots[slot * stride + n] = meta;
    }

    private boolean keyEquals(int base, long[] k) {
        for (int j = 0; j < k.length; j++) {
            if (slots[base + j] != k[j]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Hash of masked key words: independent multiplies summed (short dependency chain), indexed by the top
     * bits (Fibonacci hashing), whose value depends on every input bit.
     */
    private int index(long[] k) {
        long h = SEED;
        for (int j = 0; j < k.length; j++) {
            h += Long.rotateLeft(k[j], 19 * j) * MULTIPLIER;
        }
        return (int) (h >>> shift);
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

    /**
     * The meta word ({@code (priority + 1) << 32 | rule index}) of the best rule matching {@code key}, or 0.
     * Allocation-free.
     */
    long find(FlowKey key, LookupScratch scratch) {
        final int n = wordIndex.length;
        final long[] k = scratch.masked;
        long h = SEED;
        for (int j = 0; j < n; j++) {
            long v = key.word(wordIndex[j]) & wordMask[j];
            k[j] = v;
            h += Long.rotateLeft(v, 19 * j) * MULTIPLIER;
        }
        final long[] table = slots;
        final int st = stride;
        int slot = (int) (h >>> shift);
        while (true) {
            int base = slot * st;
            long meta = table[base + n];
            if (meta == 0) {
                return 0;
            }
            boolean eq = true;
            for (int j = 0; j < n; j++) {
                if (table[base + j] != k[j]) {
                    eq = false;
                    break;
                }
            }
            if (eq) {
                return meta;
            }
            slot = (slot + 1) & capacityMask;
        }
    }
}

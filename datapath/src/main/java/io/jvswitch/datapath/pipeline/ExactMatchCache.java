package io.jvswitch.datapath.pipeline;

import io.jvswitch.flowtable.match.FlowKey;

/**
 * The first lookup stage: a two-way set-associative cache from a packet's complete {@link FlowKey} to the
 * {@link CompiledFlow} it got last time (Open vSwitch's EMC). Keys live in one primitive array, so a hit
 * costs a hash, one or two slots' word compares and no allocation.
 *
 * <p>Each key may live in two slots, one from the hash's low bits and one from its high bits. With one slot
 * per key, about 1 in 8 of 1,000 active flows shared a slot with another and the two kept evicting each
 * other (12 % of frames fell through to the megaflow cache); with two, a key is only evicted when both of
 * its slots hold other live keys, and then the one its hash picks goes.
 *
 * <p><b>Invalidation.</b> Every entry carries the epoch it was inserted in; {@link #invalidate()} bumps the
 * epoch, which empties the cache in O(1). The owner invalidates whenever the flow tables' generation or the
 * bridge's ports change.
 *
 * <p><b>Threading.</b> One per bridge per PMD; PMD thread only.
 */
public final class ExactMatchCache {
    /** Default number of entries. */
    public static final int DEFAULT_ENTRIES = 8192;

    private final int mask;
    private final long[] keys;
    private final long[] epochs;
    private final CompiledFlow[] flows;
    private long epoch = 1;

    /** A cache of {@code entries} slots (rounded up to a power of two, at least 4). */
    public ExactMatchCache(int entries) {
        int n = Integer.highestOneBit(Math.max(4, entries - 1)) << 1;
        this.mask = n - 1;
        this.keys = new long[n * FlowKey.WORDS];
        this.epochs = new long[n];
        this.flows = new CompiledFlow[n];
    }

    private int firstSlot(int hash) {
        return hash & mask;
    }

    /** The second slot: from the hash's high half, never the first slot. */
    private int secondSlot(int hash) {
        int second = ((hash >>> 16) | (hash << 16)) & mask;
        return second == (hash & mask) ? second ^ 1 : second;
    }

    /** The flow cached for exactly {@code key}, or null. */
    public CompiledFlow lookup(FlowKey key) {
        int hash = key.hash();
        int slot = firstSlot(hash);
        if (holds(slot, key)) {
            return flows[slot];
        }
        slot = secondSlot(hash);
        return holds(slot, key) ? flows[slot] : null;
    }

    private boolean holds(int slot, FlowKey key) {
        if (epochs[slot] != epoch) {
            return false;
        }
        int base = slot * FlowKey.WORDS;
        for (int w = 0; w < FlowKey.WORDS; w++) {
            if (keys[base + w] != key.word(w)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Caches {@code flow} for {@code key}: in a slot already holding the key, else in a free one of its two,
     * else replacing the entry in the slot that a bit of the hash picks.
     */
    public void insert(FlowKey key, CompiledFlow flow) {
        int hash = key.hash();
        int first = firstSlot(hash);
        int second = secondSlot(hash);
        int slot;
        if (holds(first, key) || epochs[first] != epoch) {
            slot = first;
        } else if (holds(second, key) || epochs[second] != epoch) {
            slot = second;
        } else {
            slot = (hash & 0x8000_0000) == 0 ? first : second;
        }
        int base = slot * FlowKey.WORDS;
        for (int w = 0; w < FlowKey.WORDS; w++) {
            keys[base + w] = key.word(w);
        }
        flows[slot] = flow;
        epochs[slot] = epoch;
    }

    /** Forgets every entry. */
    public void invalidate() {
        epoch++;
    }

    /** Number of live entries (a diagnostic; walks the cache). */
    public int size() {
        int n = 0;
        for (long e : epochs) {
            if (e == epoch) {
                n++;
            }
        }
        return n;
    }
}

package io.jvswitch.datapath.pipeline;

import io.jvswitch.flowtable.match.FlowKey;

/**
 * The first lookup stage: a direct-mapped cache from a packet's complete {@link FlowKey} to the
 * {@link CompiledFlow} it got last time (Open vSwitch's EMC). Keys live in one primitive array, so a hit
 * costs a hash, one slot's word compare and no allocation.
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

    /** A cache of {@code entries} slots (rounded up to a power of two). */
    public ExactMatchCache(int entries) {
        int n = Integer.highestOneBit(Math.max(2, entries - 1)) << 1;
        this.mask = n - 1;
        this.keys = new long[n * FlowKey.WORDS];
        this.epochs = new long[n];
        this.flows = new CompiledFlow[n];
    }

    /** The flow cached for exactly {@code key}, or null. */
    public CompiledFlow lookup(FlowKey key) {
        int slot = key.hash() & mask;
        if (epochs[slot] != epoch) {
            return null;
        }
        int base = slot * FlowKey.WORDS;
        for (int w = 0; w < FlowKey.WORDS; w++) {
            if (keys[base + w] != key.word(w)) {
                return null;
            }
        }
        return flows[slot];
    }

    /** Caches {@code flow} for {@code key}, replacing whatever shared its slot. */
    public void insert(FlowKey key, CompiledFlow flow) {
        int slot = key.hash() & mask;
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

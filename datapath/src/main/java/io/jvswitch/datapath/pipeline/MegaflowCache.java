package io.jvswitch.datapath.pipeline;

import io.jvswitch.flowtable.match.FlowKey;

/**
 * The second lookup stage: wildcarded cache entries, one hash table per distinct mask (tuple space, as
 * Open vSwitch's dpcls). An entry's mask is the union of the masks the classifier consulted when the flow
 * was looked up, so every packet that agrees with the entry's key under that mask gets the same answer from
 * the same classifier version.
 *
 * <p><b>Invalidation.</b> {@link #invalidate()} bumps the epoch and forgets the masks in O(1); the owner
 * calls it when the flow tables' generation or the bridge's ports change.
 *
 * <p><b>Threading.</b> One per bridge per PMD; PMD thread only. Lookups never allocate; an insert allocates
 * only when it meets a mask for the first time since construction.
 */
public final class MegaflowCache {
    /** Most distinct masks kept; when full, the cache starts over. */
    public static final int MAX_MASKS = 32;
    /** Slots per mask. */
    public static final int SLOTS = 1024;
    private static final int PROBES = 4;
    private static final int SLOT_MASK = SLOTS - 1;

    private final long[][] masks = new long[MAX_MASKS][];
    private final long[][] keys = new long[MAX_MASKS][];
    private final long[][] epochs = new long[MAX_MASKS][];
    private final CompiledFlow[][] flows = new CompiledFlow[MAX_MASKS][];
    private int maskCount;
    private long epoch = 1;
    private int masksProbedByLastHit;

    /** The cached flow for {@code key}, or null. */
    public CompiledFlow lookup(FlowKey key) {
        for (int m = 0; m < maskCount; m++) {
            long[] mk = masks[m];
            int h = maskedHash(key, mk);
            long[] ks = keys[m];
            long[] ep = epochs[m];
            for (int p = 0; p < PROBES; p++) {
                int slot = (h + p) & SLOT_MASK;
                if (ep[slot] == epoch && matches(key, mk, ks, slot * FlowKey.WORDS)) {
                    masksProbedByLastHit = m + 1;
                    return flows[m][slot];
                }
            }
        }
        return null;
    }

    /**
     * How many masks (Open vSwitch's subtables) the last successful {@link #lookup} searched, counting the one
     * that matched: 1 when the first mask hit. Meaningless after a lookup that missed.
     */
    public int masksProbedByLastHit() {
        return masksProbedByLastHit;
    }

    /** Caches {@code flow} for every key equal to {@code key} under {@code consultedMask}. */
    public void insert(FlowKey key, long[] consultedMask, CompiledFlow flow) {
        int m = findMask(consultedMask);
        if (m < 0) {
            if (maskCount == MAX_MASKS) {
                invalidate();
            }
            m = maskCount++;
            if (masks[m] == null) {
                masks[m] = new long[FlowKey.WORDS];
                keys[m] = new long[SLOTS * FlowKey.WORDS];
                epochs[m] = new long[SLOTS];
                flows[m] = new CompiledFlow[SLOTS];
            }
            System.arraycopy(consultedMask, 0, masks[m], 0, FlowKey.WORDS);
        }
        long[] mk = masks[m];
        int h = maskedHash(key, mk);
        int slot = h & SLOT_MASK;
        for (int p = 0; p < PROBES; p++) {
            int s = (h + p) & SLOT_MASK;
            if (epochs[m][s] != epoch) {
                slot = s;
                break;
            }
        }
        int base = slot * FlowKey.WORDS;
        for (int w = 0; w < FlowKey.WORDS; w++) {
            keys[m][base + w] = key.word(w) & mk[w];
        }
        flows[m][slot] = flow;
        epochs[m][slot] = epoch;
    }

    /** Forgets every entry and mask. */
    public void invalidate() {
        epoch++;
        maskCount = 0;
    }

    /** Number of distinct masks in use. */
    public int maskCount() {
        return maskCount;
    }

    private int findMask(long[] mask) {
        for (int m = 0; m < maskCount; m++) {
            long[] mk = masks[m];
            boolean same = true;
            for (int w = 0; w < FlowKey.WORDS && same; w++) {
                same = mk[w] == mask[w];
            }
            if (same) {
                return m;
            }
        }
        return -1;
    }

    private static boolean matches(FlowKey key, long[] mk, long[] ks, int base) {
        for (int w = 0; w < FlowKey.WORDS; w++) {
            if ((key.word(w) & mk[w]) != ks[base + w]) {
                return false;
            }
        }
        return true;
    }

    private static int maskedHash(FlowKey key, long[] mk) {
        long h = 0x9E3779B97F4A7C15L;
        for (int w = 0; w < FlowKey.WORDS; w++) {
            h = (h ^ (key.word(w) & mk[w])) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return (int) (h ^ (h >>> 32));
    }
}

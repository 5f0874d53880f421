package io.jvswitch.flowtable.classifier;

import io.jvswitch.flowtable.match.FlowKey;

/**
 * Per-thread reusable state of classifier lookups: a work area for masked key words and the union of the
 * masks of every subtable consulted since the last {@link #reset()}.
 *
 * <p>The consulted mask is what the datapath needs to install a megaflow: any packet that agrees with the
 * looked-up key on those bits gets the same answer from the same classifier version. Reset it once per
 * packet, before the first table, and read it after the last (resubmits and goto_table accumulate).
 * Not thread-safe: one per datapath thread.
 */
public final class LookupScratch {
    final long[] masked = new long[FlowKey.WORDS];
    final long[] consulted = new long[FlowKey.WORDS];
    long subtablesVisited;

    /** Clears the consulted mask. */
    public LookupScratch reset() {
        for (int i = 0; i < FlowKey.WORDS; i++) {
            consulted[i] = 0;
        }
        return this;
    }

    /** Word {@code i} of the union of the masks consulted since {@link #reset()}. */
    public long consultedMask(int i) {
        return consulted[i];
    }

    /** Copies the consulted mask into {@code dst} ({@link FlowKey#WORDS} words). */
    public void copyConsultedMask(long[] dst) {
        System.arraycopy(consulted, 0, dst, 0, FlowKey.WORDS);
    }

    /** Total subtables probed by lookups through this scratch (a statistic; never reset). */
    public long subtablesVisited() {
        return subtablesVisited;
    }
}

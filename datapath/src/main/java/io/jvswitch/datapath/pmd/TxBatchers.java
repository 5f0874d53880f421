package io.jvswitch.datapath.pmd;

import io.jvswitch.datapath.exec.OutputSink;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.stats.DropReason;
import io.jvswitch.datapath.stats.PmdStats;
import io.jvswitch.datapath.stats.PortCounter;

/**
 * The PMD's {@link OutputSink}: one {@link TxBatcher} per output port, indexed by datapath port
 * index, and the list of batchers that received frames since the last {@link #flush()}, so a
 * flush touches only those.
 *
 * <p>Threading: owned by one PMD. Adding and removing ports (control commands) may allocate;
 * output and flush never do.
 */
public final class TxBatchers implements OutputSink {
    private final TxBatcher[] batchers;
    private final int[] dirty;
    private final boolean[] isDirty;
    private final PmdStats stats;
    private int dirtyCount;

    /** Room for datapath port indices {@code 0 .. stats.portCapacity()-1}. */
    public TxBatchers(PmdStats stats) {
        this.stats = stats;
        int capacity = stats.portCapacity();
        this.batchers = new TxBatcher[capacity];
        this.dirty = new int[capacity];
        this.isDirty = new boolean[capacity];
    }

    /** Makes {@code batcher} the transmit path of its port. */
    public void add(TxBatcher batcher) {
        batchers[batcher.dpPortIndex()] = batcher;
    }

    /** Removes the transmit path of {@code dpPortIndex}, discarding frames still waiting. */
    public TxBatcher remove(int dpPortIndex) {
        TxBatcher b = batchers[dpPortIndex];
        if (b != null) {
            b.discard();
            batchers[dpPortIndex] = null;
        }
        return b;
    }

    /** The batcher of {@code dpPortIndex}, or null. */
    public TxBatcher get(int dpPortIndex) {
        return dpPortIndex >= 0 && dpPortIndex < batchers.length ? batchers[dpPortIndex] : null;
    }

    @Override
    public void output(PacketBatch batch, int i, int dpPortIndex, int vlanEdit) {
        TxBatcher b = get(dpPortIndex);
        if (b == null) {
            drop(batch, i, DropReason.NO_SUCH_PORT);
            return;
        }
        if (!isDirty[dpPortIndex]) {
            isDirty[dpPortIndex] = true;
            dirty[dirtyCount++] = dpPortIndex;
        }
        b.append(batch, i, vlanEdit);
    }

    @Override
    public void drop(PacketBatch batch, int i, DropReason reason) {
        stats.drop(reason);
        stats.addPort(batch.inPort(i), PortCounter.RX_DROPPED, 1);
    }

    @Override
    public void beforeRewrite(PacketBatch batch, int i) {
        for (int k = 0; k < dirtyCount; k++) {
            TxBatcher b = batchers[dirty[k]];
            if (b != null) {
                b.detach(batch, i);
            }
        }
    }

    /** Sends what every port received since the last flush; returns the number of frames accepted. */
    public int flush() {
        int sent = 0;
        for (int k = 0; k < dirtyCount; k++) {
            int p = dirty[k];
            isDirty[p] = false;
            TxBatcher b = batchers[p];
            if (b != null) {
                sent += b.flush();
            }
        }
        dirtyCount = 0;
        return sent;
    }
}

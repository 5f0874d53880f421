package io.jvswitch.datapath.pmd;

import io.jvswitch.datapath.exec.OutputSink;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.packet.VlanTags;
import io.jvswitch.datapath.port.PortIo;
import io.jvswitch.datapath.stats.DatapathCounter;
import io.jvswitch.datapath.stats.DropReason;
import io.jvswitch.datapath.stats.PmdStats;
import io.jvswitch.datapath.stats.PortCounter;

/**
 * The transmit batch of one output port on one PMD, sent when it is full and once at the end of
 * each receive batch. A frame sent as it is goes in by reference to the receive batch's bytes (the
 * port's send call reads them from there: no copy in user space, which for a 64 KiB GSO frame is
 * a third of the copying on its way through); a frame with a VLAN edit is copied and the edit
 * applied to the copy, so the source can go elsewhere unchanged. A reference is valid until the
 * receive batch changes: the PMD flushes before it receives again, and an action that rewrites an
 * output frame calls {@link #detach} first. Frames the device refuses are counted as the port's
 * tx drops.
 *
 * <p>Threading: owned by one PMD. Nothing allocates after construction.
 */
public final class TxBatcher {
    private final int dpPortIndex;
    private final PortIo port;
    private final PmdStats stats;
    private final PacketBatch batch;

    /** A batcher for {@code port} (datapath index {@code dpPortIndex}) with slots of {@code frameCapacity} bytes. */
    public TxBatcher(int dpPortIndex, PortIo port, PmdStats stats, int frameCapacity) {
        this.dpPortIndex = dpPortIndex;
        this.port = port;
        this.stats = stats;
        this.batch = new PacketBatch(frameCapacity);
    }

    /** The datapath port index this batcher sends to. */
    public int dpPortIndex() {
        return dpPortIndex;
    }

    /** The port this batcher sends to. */
    public PortIo port() {
        return port;
    }

    /** Number of frames waiting. */
    public int pending() {
        return batch.count();
    }

    /**
     * Copies frame {@code i} of {@code source} in, applying {@code vlanEdit} (an
     * {@link OutputSink} VLAN edit) to the copy; sends first if the batch is full. Returns false
     * (counted as a drop) when the frame does not fit a slot.
     */
    public boolean append(PacketBatch source, int i, int vlanEdit) {
        if (batch.isFull()) {
            flush();
        }
        if (vlanEdit == OutputSink.VLAN_AS_IS && !source.isReference(i)) {
            if (batch.appendReference(source, i) < 0) {
                dropOne(DropReason.TOO_LONG);
                return false;
            }
            return true;
        }
        int j = batch.appendCopy(source, i);
        if (j < 0) {
            dropOne(DropReason.TOO_LONG);
            return false;
        }
        if (vlanEdit == OutputSink.VLAN_UNTAGGED) {
            VlanTags.pop(batch, j);
        } else if (vlanEdit != OutputSink.VLAN_AS_IS && !VlanTags.setTci(batch, j, vlanEdit)) {
            VlanTags.push(batch, j, VlanTags.TPID_8021Q, vlanEdit);
        }
        return true;
    }

    /** Copies in every waiting frame that refers to frame {@code i} of {@code source}, which is about to change. */
    public void detach(PacketBatch source, int i) {
        int count = batch.count();
        for (int k = 0; k < count; k++) {
            if (batch.refersTo(k, source, i)) {
                batch.internalize(k);
            }
        }
    }

    private void dropOne(DropReason reason) {
        stats.drop(reason);
        stats.addPort(dpPortIndex, PortCounter.TX_DROPPED, 1);
    }

    /** Sends the waiting frames, counts what the device took and what it refused, and empties the batch. */
    public int flush() {
        int count = batch.count();
        if (count == 0) {
            return 0;
        }
        stats.increment(DatapathCounter.TX_BATCHES);
        stats.add(DatapathCounter.TX_OFFERED, count);
        int accepted = port.send(batch);
        if (accepted < 0) {
            accepted = 0;
        } else if (accepted > count) {
            accepted = count;
        }
        long bytes = 0;
        for (int k = 0; k < accepted; k++) {
            bytes += batch.frameLength(k);
        }
        stats.addPort(dpPortIndex, PortCounter.TX_PACKETS, accepted);
        stats.addPort(dpPortIndex, PortCounter.TX_BYTES, bytes);
        stats.add(DatapathCounter.TX, accepted);
        if (accepted < count) {
            stats.drop(DropReason.TX_FULL, count - accepted);
            stats.addPort(dpPortIndex, PortCounter.TX_DROPPED, count - accepted);
        }
        batch.clear();
        return accepted;
    }

    /** Forgets the waiting frames without sending them (counted as tx drops), e.g. when the port goes away. */
    public void discard() {
        int count = batch.count();
        if (count > 0) {
            stats.drop(DropReason.NO_SUCH_PORT, count);
            stats.addPort(dpPortIndex, PortCounter.TX_DROPPED, count);
            batch.clear();
        }
    }
}

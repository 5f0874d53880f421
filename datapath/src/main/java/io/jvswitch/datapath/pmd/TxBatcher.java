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
 * The transmit batch of one output port on one PMD: frames are copied in (with the output's VLAN
 * edit applied to the copy, so the source frame can go elsewhere unchanged), and sent when the
 * batch is full and once at the end of each receive batch. Frames the device refuses are counted
 * as the port's tx drops.
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

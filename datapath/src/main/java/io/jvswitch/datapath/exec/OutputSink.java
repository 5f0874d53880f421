package io.jvswitch.datapath.exec;

import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.stats.DropReason;

/**
 * Where executed actions send frames: output to a datapath port (copied into that port's
 * transmit batch, so the source frame may be rewritten further or sent elsewhere afterwards), or
 * a counted drop. Implemented by the PMD over its per-port transmit batchers.
 *
 * <p>Threading: PMD thread only. Implementations never allocate, block or throw per frame.
 */
public interface OutputSink {
    /** VLAN edit value meaning "send the frame as it is". */
    int VLAN_AS_IS = -1;
    /** VLAN edit value meaning "send the frame without its outer tag". */
    int VLAN_UNTAGGED = -2;

    /**
     * Queues a copy of frame {@code i} of {@code batch} for port {@code dpPortIndex}, with
     * {@code vlanEdit} applied to the copy: {@link #VLAN_AS_IS}, {@link #VLAN_UNTAGGED}, or a
     * TCI (0..0xFFFF) to set on the outer 802.1Q tag, pushing one if the frame has none.
     */
    void output(PacketBatch batch, int i, int dpPortIndex, int vlanEdit);

    /** Counts frame {@code i} of {@code batch} as dropped for {@code reason}. */
    void drop(PacketBatch batch, int i, DropReason reason);
}

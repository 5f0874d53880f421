package io.jvswitch.datapath.exec;

import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.stats.DropReason;

/**
 * Where executed actions send frames: output to a datapath port, or a counted drop. Implemented
 * by the PMD over its per-port transmit batchers, which may queue an unchanged frame by reference
 * rather than by copy: whoever rewrites a frame in place after outputting it calls
 * {@link #beforeRewrite} first, so every output still sends the frame as it was when output.
 *
 * <p>Threading: PMD thread only. Implementations never allocate, block or throw per frame.
 */
public interface OutputSink {
    /** VLAN edit value meaning "send the frame as it is". */
    int VLAN_AS_IS = -1;
    /** VLAN edit value meaning "send the frame without its outer tag". */
    int VLAN_UNTAGGED = -2;

    /**
     * Queues frame {@code i} of {@code batch} for port {@code dpPortIndex} as it is now, with
     * {@code vlanEdit} applied to what is sent (never to the source): {@link #VLAN_AS_IS}, {@link #VLAN_UNTAGGED}, or a
     * TCI (0..0xFFFF) to set on the outer 802.1Q tag, pushing one if the frame has none.
     */
    void output(PacketBatch batch, int i, int dpPortIndex, int vlanEdit);

    /** Counts frame {@code i} of {@code batch} as dropped for {@code reason}. */
    void drop(PacketBatch batch, int i, DropReason reason);

    /**
     * Frame {@code i} of {@code batch}, already output, is about to be changed in place: outputs
     * still waiting that refer to its bytes must take their own copy now. A sink that always
     * copies has nothing to do; one that wraps another must pass the call on.
     */
    default void beforeRewrite(PacketBatch batch, int i) {
    }
}

package io.jvswitch.datapath.exec;

import io.jvswitch.datapath.packet.PacketBatch;

/**
 * What {@link ActionExecutor} needs from the bridge a frame is switched in: its ports, its
 * internal port, and the NORMAL and controller actions, which need state the executor does not
 * own (the MAC table, the packet-in stream).
 *
 * <p>Threading: called on the PMD thread; implementations never allocate per frame.
 */
public interface ActionEnvironment {
    /** Datapath port indices of the bridge's ports, in a stable order; the array is not modified by callers. */
    int[] ports();

    /** Datapath port index of the bridge's internal (LOCAL) port, or -1. */
    int localPort();

    /** Applies NORMAL to frame {@code i} as it is now. */
    void normal(PacketBatch batch, int i, long nowNs, OutputSink sink);

    /** Sends up to {@code maxLength} bytes of frame {@code i} to the controller; false when it could not. */
    boolean controller(PacketBatch batch, int i, int maxLength);
}

package io.jvswitch.datapath.normal;

import io.jvswitch.datapath.stats.DropReason;

/**
 * What {@link NormalSwitch#decide} decided for one frame: a reusable list of (output port, VLAN
 * edit) pairs, or the reason for dropping. Created once per PMD; overwritten by every decision.
 */
public final class NormalDecision {
    private final int[] ports;
    private final int[] vlanEdits;
    private int count;
    private boolean flooded;
    private DropReason dropReason;

    /** A decision list with room for {@code portCapacity} outputs. */
    public NormalDecision(int portCapacity) {
        ports = new int[portCapacity];
        vlanEdits = new int[portCapacity];
    }

    void reset() {
        count = 0;
        flooded = false;
        dropReason = null;
    }

    void add(int port, int vlanEdit) {
        ports[count] = port;
        vlanEdits[count] = vlanEdit;
        count++;
    }

    void flooded() {
        flooded = true;
    }

    int drop(DropReason reason) {
        count = 0;
        dropReason = reason;
        return 0;
    }

    /** Number of outputs (0 when dropped). */
    public int count() {
        return count;
    }

    /** Datapath port index of output {@code k}. */
    public int port(int k) {
        return ports[k];
    }

    /** VLAN edit for output {@code k} (an {@code OutputSink} VLAN edit value). */
    public int vlanEdit(int k) {
        return vlanEdits[k];
    }

    /** Whether the frame was flooded (destination unknown, broadcast or multicast). */
    public boolean isFlooded() {
        return flooded;
    }

    /** Why there is no output, or null when there is. */
    public DropReason dropReason() {
        return dropReason;
    }
}

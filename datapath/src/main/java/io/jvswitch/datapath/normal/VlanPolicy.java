package io.jvswitch.datapath.normal;

import io.jvswitch.datapath.exec.OutputSink;
import io.jvswitch.datapath.packet.VlanTags;

/**
 * Open vSwitch's VLAN rules for NORMAL switching (ofproto-dpif-xlate {@code input_vid_is_valid},
 * {@code xvlan_input_translate}, {@code xvlan_output_translate}), as two pure functions over
 * "bridge TCIs": the VLAN a frame is in inside the bridge, {@code PCP << 13 | VID} (DEI and the
 * tag-present bit never set; VID 0 means the untagged VLAN 0).
 *
 * <p>The frame's priority bits travel with it: a priority-tagged or tagged frame keeps its PCP on
 * a tagged egress (a frame in VLAN 0 with a non-zero PCP leaves a trunk with a priority tag). A
 * frame leaving an access port, or its native VLAN on a native-untagged port, loses its tag and
 * PCP. These rules were checked against Open vSwitch 3.1's {@code ofproto/trace}.
 */
public final class VlanPolicy {
    /** Result meaning "drop the frame". */
    public static final int DROP = Integer.MIN_VALUE;

    private VlanPolicy() {
    }

    /**
     * The bridge TCI of a frame that arrived on port {@code in} with outer tag {@code frameTci}
     * ({@link VlanTags#NO_TAG} when untagged), or {@link #DROP}: a tagged frame (non-zero VID) on an
     * access port, or a VLAN the port does not trunk.
     */
    public static int ingress(PortVlanConfig in, int frameTci) {
        int vid = frameTci == VlanTags.NO_TAG ? 0 : VlanTags.vid(frameTci);
        int pcpBits = frameTci == VlanTags.NO_TAG ? 0 : frameTci & VlanTags.PCP_MASK;
        switch (in.mode()) {
            case ACCESS:
                return vid != 0 ? DROP : pcpBits | in.vlan();
            case NATIVE_TAGGED:
            case NATIVE_UNTAGGED:
                if (vid == 0) {
                    return pcpBits | in.vlan();
                }
                return in.trunks(vid) ? pcpBits | vid : DROP;
            case TRUNK:
            default:
                return in.trunks(vid) ? pcpBits | vid : DROP;
        }
    }

    /**
     * How a frame with bridge TCI {@code bridgeTci} leaves port {@code out}: {@link #DROP} when the
     * port is not in that VLAN, {@link OutputSink#VLAN_UNTAGGED}, or the TCI to put on its 802.1Q
     * tag (usable directly as an {@link OutputSink} VLAN edit).
     */
    public static int egress(PortVlanConfig out, int bridgeTci) {
        int vid = VlanTags.vid(bridgeTci);
        if (!out.includes(vid)) {
            return DROP;
        }
        switch (out.mode()) {
            case ACCESS:
                return OutputSink.VLAN_UNTAGGED;
            case NATIVE_UNTAGGED:
                if (vid == out.vlan()) {
                    return OutputSink.VLAN_UNTAGGED;
                }
                return tagged(bridgeTci);
            case TRUNK:
            case NATIVE_TAGGED:
            default:
                return tagged(bridgeTci);
        }
    }

    /**
     * A tagged egress: the frame carries its VLAN and priority, except that VLAN 0 with priority 0
     * leaves untagged; VLAN 0 with a non-zero priority keeps a priority tag (VID 0), as Open
     * vSwitch 3.1 does (checked with ofproto/trace).
     */
    private static int tagged(int bridgeTci) {
        return bridgeTci == 0 ? OutputSink.VLAN_UNTAGGED : bridgeTci;
    }
}

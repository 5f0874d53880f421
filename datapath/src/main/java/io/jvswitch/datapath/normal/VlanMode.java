package io.jvswitch.datapath.normal;

/**
 * A port's {@code vlan_mode} (Open vSwitch's vswitch.ovsschema Port column), which decides how
 * the port's {@code tag} and {@code trunks} are read. Empty in the database means {@link #ACCESS}
 * when a tag is set, else {@link #TRUNK}.
 */
public enum VlanMode {
    /**
     * One VLAN, the port's {@code tag}: untagged (or priority-tagged, VID 0) frames in, untagged out;
     * frames tagged with a non-zero VID arriving on it are dropped, even with the port's own VID.
     */
    ACCESS("access"),
    /**
     * The VLANs in {@code trunks} (all when empty): a frame is in the VLAN of its tag, or VLAN 0
     * when untagged; it leaves tagged unless in VLAN 0. Frames in VLANs not trunked are dropped.
     */
    TRUNK("trunk"),
    /** As a trunk, but untagged frames are in the native VLAN ({@code tag}), and leave tagged. */
    NATIVE_TAGGED("native-tagged"),
    /** As native-tagged, but frames of the native VLAN leave untagged. */
    NATIVE_UNTAGGED("native-untagged");

    private final String ovsName;

    VlanMode(String ovsName) {
        this.ovsName = ovsName;
    }

    /** The schema's spelling, e.g. {@code native-tagged}. */
    public String ovsName() {
        return ovsName;
    }

    /** Parses the schema's spelling; {@code dot1q-tunnel} and anything else are rejected. */
    public static VlanMode fromOvsName(String name) {
        for (VlanMode mode : values()) {
            if (mode.ovsName.equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unsupported vlan_mode: " + name);
    }
}

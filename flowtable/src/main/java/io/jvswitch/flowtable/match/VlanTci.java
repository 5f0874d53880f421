package io.jvswitch.flowtable.match;

/**
 * Helpers for the {@code vlan_tci} convention of {@link FlowKey} and {@link Match}: bit 0x1000
 * ({@link FlowKey#VLAN_PRESENT}, the CFI position on the wire) means "an 802.1Q header is present",
 * bits 0..11 are the VLAN id and bits 13..15 the priority. 0 means untagged.
 */
public final class VlanTci {
    /** Mask of the VLAN id bits. */
    public static final int VID_MASK = 0x0fff;
    /** Mask of the priority bits. */
    public static final int PCP_MASK = 0xe000;
    /** Shift of the priority bits. */
    public static final int PCP_SHIFT = 13;

    private VlanTci() {
    }

    /** The TCI of a tagged frame with this VLAN id (0..4095) and priority (0..7), present bit set. */
    public static int of(int vid, int pcp) {
        return FlowKey.VLAN_PRESENT | (vid & VID_MASK) | ((pcp & 7) << PCP_SHIFT);
    }

    /** The TCI as carried on the wire (present bit cleared, so the DEI/CFI bit is 0). */
    public static int toWire(int tci) {
        return tci & ~FlowKey.VLAN_PRESENT;
    }

    /** True when the TCI says a tag is present. */
    public static boolean isPresent(int tci) {
        return (tci & FlowKey.VLAN_PRESENT) != 0;
    }

    /** The VLAN id. */
    public static int vid(int tci) {
        return tci & VID_MASK;
    }

    /** The priority. */
    public static int pcp(int tci) {
        return (tci & PCP_MASK) >>> PCP_SHIFT;
    }
}

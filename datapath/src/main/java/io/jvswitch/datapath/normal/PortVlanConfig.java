package io.jvswitch.datapath.normal;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;

/**
 * The VLAN configuration of one port as NORMAL switching sees it, resolved once from the Port
 * row's {@code tag}, {@code trunks} and {@code vlan_mode} exactly as Open vSwitch resolves them
 * (ofproto-dpif {@code bundle_set}):
 * <ul>
 *   <li>empty {@code vlan_mode}: {@link VlanMode#ACCESS} if {@code tag} is set, else
 *       {@link VlanMode#TRUNK} (trunks are then ignored in favour of the implicit VLAN);</li>
 *   <li>the port's implicit VLAN is none for a trunk, else {@code tag} (0 when unset);</li>
 *   <li>an access port trunks nothing; a trunk trunks {@code trunks}, or every VLAN when empty;</li>
 *   <li>a native port always trunks its native VLAN and never VLAN 0 (an untagged frame is in the
 *       native VLAN instead).</li>
 * </ul>
 *
 * <p>Immutable; safe to share between threads.
 */
public final class PortVlanConfig {
    /** A trunk of every VLAN: a port with no VLAN configuration. */
    public static final PortVlanConfig TRUNK_ALL = new PortVlanConfig(VlanMode.TRUNK, -1, null);

    private static final int VLAN_COUNT = 4096;

    private final VlanMode mode;
    private final int vlan;
    private final long[] trunks;

    private PortVlanConfig(VlanMode mode, int vlan, long[] trunks) {
        this.mode = mode;
        this.vlan = vlan;
        this.trunks = trunks;
    }

    /**
     * Resolves a Port row's columns.
     *
     * @param tag the {@code tag} column, or null when empty
     * @param trunkVlans the {@code trunks} column (empty = all)
     * @param vlanMode the {@code vlan_mode} column, or null/empty
     */
    public static PortVlanConfig of(Integer tag, Collection<Integer> trunkVlans, String vlanMode) {
        if (tag != null) {
            checkVid(tag);
        }
        VlanMode mode = vlanMode == null || vlanMode.isEmpty()
            ? (tag != null ? VlanMode.ACCESS : VlanMode.TRUNK) : VlanMode.fromOvsName(vlanMode);
        int vlan = mode == VlanMode.TRUNK ? -1 : (tag != null ? tag : 0);
        long[] bits = null;
        if (!trunkVlans.isEmpty()) {
            bits = new long[VLAN_COUNT / 64];
            for (int vid : trunkVlans) {
                checkVid(vid);
                bits[vid >>> 6] |= 1L << vid;
            }
        }
        switch (mode) {
            case ACCESS:
                bits = new long[VLAN_COUNT / 64];
                break;
            case NATIVE_TAGGED:
            case NATIVE_UNTAGGED:
                if (vlan != 0 && (bits == null || !isSet(bits, vlan) || isSet(bits, 0))) {
                    if (bits == null) {
                        bits = new long[VLAN_COUNT / 64];
                        Arrays.fill(bits, -1L);
                    }
                    bits[vlan >>> 6] |= 1L << vlan;
                    bits[0] &= ~1L;
                }
                break;
            case TRUNK:
            default:
                break;
        }
        return new PortVlanConfig(mode, vlan, bits);
    }

    /** An access port in VLAN {@code tag}. */
    public static PortVlanConfig access(int tag) {
        return of(tag, List.of(), null);
    }

    /** A trunk of {@code vlans} (all VLANs when none given). */
    public static PortVlanConfig trunk(Integer... vlans) {
        return of(null, Arrays.asList(vlans), null);
    }

    private static void checkVid(int vid) {
        if (vid < 0 || vid >= VLAN_COUNT) {
            throw new IllegalArgumentException("VLAN out of range 0..4095: " + vid);
        }
    }

    private static boolean isSet(long[] bits, int vid) {
        return (bits[vid >>> 6] & (1L << vid)) != 0;
    }

    /** The resolved mode. */
    public VlanMode mode() {
        return mode;
    }

    /** The implicit VLAN (access or native VLAN), or -1 for a trunk. */
    public int vlan() {
        return vlan;
    }

    /** Whether the port trunks {@code vid} (Open vSwitch {@code xbundle_trunks_vlan}). */
    public boolean trunks(int vid) {
        return mode != VlanMode.ACCESS && (trunks == null || isSet(trunks, vid));
    }

    /** Whether frames of VLAN {@code vid} may leave through this port ({@code xbundle_includes_vlan}). */
    public boolean includes(int vid) {
        return vid == vlan || trunks(vid);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortVlanConfig && ((PortVlanConfig) o).mode == mode && ((PortVlanConfig) o).vlan == vlan
            && Arrays.equals(((PortVlanConfig) o).trunks, trunks);
    }

    @Override
    public int hashCode() {
        return (mode.hashCode() * 31 + vlan) * 31 + Arrays.hashCode(trunks);
    }

    @Override
    public String toString() {
        StringJoiner list = new StringJoiner(",", "[", "]");
        if (trunks == null) {
            list.add("all");
        } else if (mode != VlanMode.ACCESS) {
            for (int vid = 0; vid < VLAN_COUNT; vid++) {
                if (isSet(trunks, vid)) {
                    list.add(Integer.toString(vid));
                }
            }
        }
        return "PortVlanConfig{" + mode.ovsName() + ", vlan=" + vlan + ", trunks=" + list + "}";
    }
}

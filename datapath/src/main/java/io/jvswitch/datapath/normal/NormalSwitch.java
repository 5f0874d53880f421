package io.jvswitch.datapath.normal;

import java.util.Arrays;
import java.util.function.IntPredicate;

import io.jvswitch.datapath.packet.MacAddresses;
import io.jvswitch.datapath.stats.DropReason;

/**
 * The NORMAL action of one bridge: a per-VLAN learning switch with Open vSwitch's VLAN rules, as
 * a plain method ({@link #decide}) over a frame's ingress port, addresses and tag, and the time.
 *
 * <p>For each frame: the ingress port's VLAN rules give the frame's VLAN or drop it; frames to
 * 802.1D reserved addresses (STP, LACP...) are dropped; the source address is learned on the
 * ingress port unless it is multicast; a known unicast destination goes to its one port if that
 * port is in the VLAN and is not the ingress port (else the frame is dropped); anything else is
 * flooded to every port of the VLAN except the ingress port. Each output carries the VLAN edit
 * the egress port needs.
 *
 * <p>When the bridge's ports are spread over several PMDs, each PMD has its own switch and table,
 * joined by a {@link MacLearningShare.Member}: {@link #decide} announces what it learns from this
 * PMD's ports, and {@link #applySharedLearning} (once per receive batch) learns what the other
 * PMDs announced.
 *
 * <p>Threading: owned by one PMD (see {@link MacLearningTable}); port changes come to it through
 * that PMD's command queue. {@link #decide} and {@link #applySharedLearning} never allocate.
 */
public final class NormalSwitch {
    private final PortVlanConfig[] ports;
    private final MacLearningTable macTable;
    private final MacLearningShare.Member share;
    private final IntPredicate memberPortFilter = this::isMemberPort;
    private int[] members = new int[0];

    /** A switch for datapath port indices {@code 0 .. portCapacity-1}, learning into {@code macTable}. */
    public NormalSwitch(int portCapacity, MacLearningTable macTable) {
        this(portCapacity, macTable, null);
    }

    /**
     * A switch like {@link #NormalSwitch(int, MacLearningTable)} that shares what it learns through
     * {@code share} (this PMD's member of the bridge's {@link MacLearningShare}); null, or a member
     * without peers, means no sharing.
     */
    public NormalSwitch(int portCapacity, MacLearningTable macTable, MacLearningShare.Member share) {
        this.ports = new PortVlanConfig[portCapacity];
        this.macTable = macTable;
        this.share = share != null && share.peerCount() > 0 ? share : null;
    }

    /** This switch's member of its bridge's learning share, or null when it does not share. */
    public MacLearningShare.Member share() {
        return share;
    }

    /**
     * Learns the addresses the bridge's other PMDs announced since the last call, at this PMD's
     * {@code nowNs}; call once per receive batch before its frames. Announcements for ports no
     * longer in the bridge are skipped. Returns how many were read (0 at once without a share).
     */
    public int applySharedLearning(long nowNs) {
        MacLearningShare.Member member = share;
        return member == null ? 0 : member.drain(macTable, nowNs, memberPortFilter);
    }

    private boolean isMemberPort(int dpPortIndex) {
        return dpPortIndex >= 0 && dpPortIndex < ports.length && ports[dpPortIndex] != null;
    }

    /** The bridge's MAC learning table. */
    public MacLearningTable macTable() {
        return macTable;
    }

    /** Number of port indices this switch can hold. */
    public int portCapacity() {
        return ports.length;
    }

    /**
     * Adds port {@code dpPortIndex} to the bridge, or changes its VLAN configuration; a changed
     * configuration forgets the addresses learned on the port (they may be in other VLANs now).
     */
    public void setPort(int dpPortIndex, PortVlanConfig config) {
        PortVlanConfig old = ports[dpPortIndex];
        ports[dpPortIndex] = config;
        if (old != null && !old.equals(config)) {
            macTable.flushPort(dpPortIndex);
        }
        rebuildMembers();
    }

    /** Removes port {@code dpPortIndex} from the bridge and forgets what was learned on it. */
    public void removePort(int dpPortIndex) {
        if (ports[dpPortIndex] != null) {
            ports[dpPortIndex] = null;
            macTable.flushPort(dpPortIndex);
            rebuildMembers();
        }
    }

    /** The VLAN configuration of a port, or null when the port is not in the bridge. */
    public PortVlanConfig port(int dpPortIndex) {
        return dpPortIndex >= 0 && dpPortIndex < ports.length ? ports[dpPortIndex] : null;
    }

    /**
     * Datapath port indices of the bridge's ports, ascending. The array is replaced (never changed)
     * when ports come and go, so callers may keep it for one batch; they must not modify it.
     */
    public int[] memberPorts() {
        return members;
    }

    private void rebuildMembers() {
        int[] list = new int[ports.length];
        int n = 0;
        for (int p = 0; p < ports.length; p++) {
            if (ports[p] != null) {
                list[n++] = p;
            }
        }
        members = Arrays.copyOf(list, n);
    }

    /**
     * Decides where a frame goes, learning its source on the way.
     *
     * @param inPort datapath port index the frame arrived on
     * @param dlSrc source MAC (48 bits)
     * @param dlDst destination MAC (48 bits)
     * @param frameTci the frame's outer tag TCI, or {@code VlanTags.NO_TAG}
     * @param nowNs current time of the PMD's cycle
     * @param out receives the outputs or the drop reason
     * @return the number of outputs
     */
    public int decide(int inPort, long dlSrc, long dlDst, int frameTci, long nowNs, NormalDecision out) {
        out.reset();
        PortVlanConfig in = port(inPort);
        if (in == null) {
            return out.drop(DropReason.NO_SUCH_PORT);
        }
        int bridgeTci = VlanPolicy.ingress(in, frameTci);
        if (bridgeTci == VlanPolicy.DROP) {
            return out.drop(DropReason.VLAN_FILTERED);
        }
        if (MacAddresses.isReserved(dlDst)) {
            return out.drop(DropReason.RESERVED_MULTICAST);
        }
        int vlan = bridgeTci & 0xFFF;
        if (!MacAddresses.isMulticast(dlSrc)) {
            learnSource(vlan, dlSrc, inPort, nowNs);
        }
        if (!MacAddresses.isMulticast(dlDst)) {
            int learned = macTable.lookup(vlan, dlDst, nowNs);
            if (learned != MacLearningTable.NO_PORT) {
                PortVlanConfig outConfig = port(learned);
                int edit = learned == inPort || outConfig == null ? VlanPolicy.DROP
                    : VlanPolicy.egress(outConfig, bridgeTci);
                if (edit == VlanPolicy.DROP) {
                    return out.drop(DropReason.NO_OUTPUT);
                }
                out.add(learned, edit);
                return 1;
            }
        }
        out.flooded();
        int[] list = members;
        for (int k = 0; k < list.length; k++) {
            int p = list[k];
            if (p != inPort) {
                int edit = VlanPolicy.egress(ports[p], bridgeTci);
                if (edit != VlanPolicy.DROP) {
                    out.add(p, edit);
                }
            }
        }
        if (out.count() == 0) {
            return out.drop(DropReason.NO_OUTPUT);
        }
        return out.count();
    }

    private void learnSource(int vlan, long mac, int inPort, long nowNs) {
        MacLearningShare.Member member = share;
        if (member == null) {
            macTable.learn(vlan, mac, inPort, nowNs);
        } else if (macTable.learnShared(vlan, mac, inPort, nowNs, MacLearningShare.REFRESH_NS)
            != MacLearningTable.LEARN_UNCHANGED) {
            member.publish(vlan, mac, inPort);
        }
    }
}

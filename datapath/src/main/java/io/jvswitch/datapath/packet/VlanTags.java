package io.jvswitch.datapath.packet;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * IEEE 802.1Q tag operations on frame {@code i} of a {@link PacketBatch}, in place.
 *
 * <pre>
 *  untagged:  | dst (6) | src (6) | type (2) | payload
 *  tagged:    | dst (6) | src (6) | TPID 0x8100 (2) | TCI (2) | type (2) | payload
 *
 *  TCI:  15 14 13 | 12  | 11 ........ 0
 *          PCP    | DEI |      VID
 * </pre>
 *
 * A push moves the 12 address bytes 4 bytes back into the slot's headroom and writes the tag in
 * the gap; a pop moves them 4 bytes forward. Nothing after the addresses moves, so offsets of
 * the L3 header inside the batch memory stay valid across pushes and pops. The frame's
 * virtio-net header offsets are shifted to match.
 *
 * <p>Nothing here allocates or throws for a frame; operations that cannot apply return
 * {@code false}.
 */
public final class VlanTags {
    /** Returned by TCI readers for a frame without a tag. */
    public static final int NO_TAG = -1;
    /** The 802.1Q tag protocol identifier. */
    public static final int TPID_8021Q = 0x8100;
    /** The 802.1ad (QinQ service tag) protocol identifier. */
    public static final int TPID_8021AD = 0x88A8;
    /** Offset of the TCI of the outer tag from the frame start. */
    public static final int TCI_OFFSET = 14;
    /** Length of a tag. */
    public static final int TAG_LENGTH = 4;
    /** Length of an Ethernet header with one tag. */
    public static final int TAGGED_HEADER_LENGTH = 18;
    /** Mask of the VID in a TCI. */
    public static final int VID_MASK = 0x0FFF;
    /** Mask of the PCP in a TCI. */
    public static final int PCP_MASK = 0xE000;
    /** Shift of the PCP in a TCI. */
    public static final int PCP_SHIFT = 13;

    private static final int ADDRESSES_LENGTH = 12;

    private VlanTags() {
    }

    /** Whether {@code etherType} is a VLAN TPID (802.1Q or 802.1ad). */
    public static boolean isTpid(int etherType) {
        return etherType == TPID_8021Q || etherType == TPID_8021AD;
    }

    /** VID of a TCI. */
    public static int vid(int tci) {
        return tci & VID_MASK;
    }

    /** PCP of a TCI. */
    public static int pcp(int tci) {
        return (tci & PCP_MASK) >>> PCP_SHIFT;
    }

    /** A TCI from a PCP and VID (DEI 0). */
    public static int tci(int pcp, int vid) {
        return ((pcp << PCP_SHIFT) & PCP_MASK) | (vid & VID_MASK);
    }

    /** Whether frame {@code i} carries an outer VLAN tag. */
    public static boolean isTagged(PacketBatch batch, int i) {
        return batch.frameLength(i) >= TAGGED_HEADER_LENGTH
            && isTpid(batch.memory().getShort(batch.frameOffset(i) + EthernetView.ETH_TYPE_OFFSET,
                ByteOrder.BIG_ENDIAN) & 0xFFFF);
    }

    /** TCI of the outer tag of frame {@code i}, or {@link #NO_TAG}. */
    public static int readTci(PacketBatch batch, int i) {
        if (!isTagged(batch, i)) {
            return NO_TAG;
        }
        return batch.memory().getShort(batch.frameOffset(i) + TCI_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Pushes an outer tag ({@code tpid}, {@code tci}) onto frame {@code i} using the slot's
     * headroom. Returns false (frame untouched) when the frame is shorter than an Ethernet header
     * or no headroom is left.
     */
    public static boolean push(PacketBatch batch, int i, int tpid, int tci) {
        int start = batch.frameOffset(i);
        if (batch.frameLength(i) < EthernetView.HEADER_LENGTH || start - batch.slotOffset(i) < TAG_LENGTH) {
            return false;
        }
        UnsafeBuffer m = batch.memory();
        long first = m.getLong(start);
        int second = m.getInt(start + 8);
        int newStart = start - TAG_LENGTH;
        m.putLong(newStart, first);
        m.putInt(newStart + 8, second);
        m.putShort(newStart + EthernetView.ETH_TYPE_OFFSET, (short) tpid, ByteOrder.BIG_ENDIAN);
        m.putShort(newStart + TCI_OFFSET, (short) tci, ByteOrder.BIG_ENDIAN);
        batch.adjustFrameStart(i, -TAG_LENGTH);
        VnetHeader.shiftHeaders(batch, i, TAG_LENGTH);
        return true;
    }

    /** Removes the outer tag of frame {@code i}; false (frame untouched) when it has none. */
    public static boolean pop(PacketBatch batch, int i) {
        if (!isTagged(batch, i)) {
            return false;
        }
        UnsafeBuffer m = batch.memory();
        int start = batch.frameOffset(i);
        long first = m.getLong(start);
        int second = m.getInt(start + 8);
        m.putLong(start + TAG_LENGTH, first);
        m.putInt(start + TAG_LENGTH + 8, second);
        batch.adjustFrameStart(i, TAG_LENGTH);
        VnetHeader.shiftHeaders(batch, i, -TAG_LENGTH);
        return true;
    }

    /** Rewrites the whole TCI of the outer tag; false when untagged. */
    public static boolean setTci(PacketBatch batch, int i, int tci) {
        if (!isTagged(batch, i)) {
            return false;
        }
        batch.memory().putShort(batch.frameOffset(i) + TCI_OFFSET, (short) tci, ByteOrder.BIG_ENDIAN);
        return true;
    }

    /**
     * Sets the VID of the outer tag, keeping PCP and DEI; pushes an 802.1Q tag with this VID and
     * PCP 0 when the frame is untagged (Open vSwitch's {@code mod_vlan_vid}).
     */
    public static boolean modVid(PacketBatch batch, int i, int vid) {
        int tci = readTci(batch, i);
        if (tci == NO_TAG) {
            return push(batch, i, TPID_8021Q, vid & VID_MASK);
        }
        return setTci(batch, i, (tci & ~VID_MASK) | (vid & VID_MASK));
    }

    /**
     * Sets the PCP of the outer tag, keeping VID and DEI; pushes an 802.1Q tag with VID 0 and this
     * PCP when the frame is untagged (Open vSwitch's {@code mod_vlan_pcp}).
     */
    public static boolean modPcp(PacketBatch batch, int i, int pcp) {
        int tci = readTci(batch, i);
        if (tci == NO_TAG) {
            return push(batch, i, TPID_8021Q, tci(pcp, 0));
        }
        return setTci(batch, i, (tci & ~PCP_MASK) | ((pcp << PCP_SHIFT) & PCP_MASK));
    }
}

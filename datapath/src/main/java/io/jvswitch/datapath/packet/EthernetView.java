package io.jvswitch.datapath.packet;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Flyweight over the Ethernet header of a frame in direct memory: reads and writes fields in
 * place, never copies the frame. Wrap it once per frame; create it once per thread.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    destination MAC (6 bytes)                  |  0
 *  +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                               |                               |  4
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+      source MAC (6 bytes)     +
 *  |                                                               |  8
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   EtherType or TPID 0x8100    |  (if tagged) TCI: PCP|DEI|VID | 12
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | (if tagged) inner EtherType   |  payload ...                    16
 * </pre>
 *
 * All multi-byte fields are big-endian (network order).
 */
public final class EthernetView {
    /** Offset of the destination address. */
    public static final int DST_OFFSET = 0;
    /** Offset of the source address. */
    public static final int SRC_OFFSET = 6;
    /** Offset of the outer EtherType (or TPID of the first VLAN tag). */
    public static final int ETH_TYPE_OFFSET = 12;
    /** Length of an untagged Ethernet header. */
    public static final int HEADER_LENGTH = 14;
    /** EtherType of IPv4. */
    public static final int ETH_TYPE_IPV4 = 0x0800;
    /** EtherType of ARP. */
    public static final int ETH_TYPE_ARP = 0x0806;
    /** EtherType of IPv6. */
    public static final int ETH_TYPE_IPV6 = 0x86DD;

    private UnsafeBuffer buffer;
    private int offset;
    private int length;

    /** Points this view at the frame of {@code length} bytes at {@code offset} of {@code buffer}. */
    public EthernetView wrap(UnsafeBuffer buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        return this;
    }

    /** Points this view at frame {@code i} of {@code batch}. */
    public EthernetView wrap(PacketBatch batch, int i) {
        return wrap(batch.memory(), batch.frameOffset(i), batch.frameLength(i));
    }

    /** Whether the frame is long enough to hold an Ethernet header. */
    public boolean isValid() {
        return length >= HEADER_LENGTH;
    }

    /** Frame length in bytes. */
    public int length() {
        return length;
    }

    /** Destination MAC as a 48-bit value. */
    public long destination() {
        return readMac(buffer, offset + DST_OFFSET);
    }

    /** Source MAC as a 48-bit value. */
    public long source() {
        return readMac(buffer, offset + SRC_OFFSET);
    }

    /** Sets the destination MAC. */
    public EthernetView destination(long mac) {
        writeMac(buffer, offset + DST_OFFSET, mac);
        return this;
    }

    /** Sets the source MAC. */
    public EthernetView source(long mac) {
        writeMac(buffer, offset + SRC_OFFSET, mac);
        return this;
    }

    /** The outer EtherType (a TPID when the frame is VLAN tagged). */
    public int etherType() {
        return buffer.getShort(offset + ETH_TYPE_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /** Whether the frame carries an outer 802.1Q (or 802.1ad) tag. */
    public boolean isVlanTagged() {
        return length >= VlanTags.TAGGED_HEADER_LENGTH && VlanTags.isTpid(etherType());
    }

    /** TCI of the outer tag, or {@link VlanTags#NO_TAG}. */
    public int vlanTci() {
        return isVlanTagged() ? buffer.getShort(offset + VlanTags.TCI_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF
            : VlanTags.NO_TAG;
    }

    /** Reads a 48-bit MAC at {@code index}. */
    public static long readMac(UnsafeBuffer buffer, int index) {
        long high = buffer.getInt(index, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
        long low = buffer.getShort(index + 4, ByteOrder.BIG_ENDIAN) & 0xFFFFL;
        return (high << 16) | low;
    }

    /** Writes a 48-bit MAC at {@code index}. */
    public static void writeMac(UnsafeBuffer buffer, int index, long mac) {
        buffer.putInt(index, (int) (mac >>> 16), ByteOrder.BIG_ENDIAN);
        buffer.putShort(index + 4, (short) mac, ByteOrder.BIG_ENDIAN);
    }
}

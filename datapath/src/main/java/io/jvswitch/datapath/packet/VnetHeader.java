package io.jvswitch.datapath.packet;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Accessors for the virtio-net header kept beside each frame of a {@link PacketBatch}
 * (struct virtio_net_hdr, host byte order, {@link PacketBatch#VNET_HDR_LENGTH} bytes):
 *
 * <pre>
 *  0        1          2          4          6            8             10
 *  | flags  | gso_type | hdr_len  | gso_size | csum_start | csum_offset |
 * </pre>
 *
 * With {@link #F_NEEDS_CSUM} the L4 checksum is not complete: the field at
 * {@code csum_start + csum_offset} (offsets from the frame start) holds only the folded
 * pseudo-header sum, and whoever finally transmits must sum from {@code csum_start} to the end.
 */
public final class VnetHeader {
    /** Offset of flags (u8). */
    public static final int FLAGS_OFFSET = 0;
    /** Offset of gso_type (u8). */
    public static final int GSO_TYPE_OFFSET = 1;
    /** Offset of hdr_len (u16). */
    public static final int HDR_LEN_OFFSET = 2;
    /** Offset of gso_size (u16). */
    public static final int GSO_SIZE_OFFSET = 4;
    /** Offset of csum_start (u16). */
    public static final int CSUM_START_OFFSET = 6;
    /** Offset of csum_offset (u16). */
    public static final int CSUM_OFFSET_OFFSET = 8;
    /** Flag: the L4 checksum field holds the pseudo-header sum only. */
    public static final int F_NEEDS_CSUM = 1;
    /** Flag: the checksum was already verified. */
    public static final int F_DATA_VALID = 2;

    private VnetHeader() {
    }

    private static int base(int i) {
        return i * PacketBatch.VNET_HDR_LENGTH;
    }

    /** Flags of frame {@code i}. */
    public static int flags(PacketBatch batch, int i) {
        return batch.vnetHeaders().getByte(base(i) + FLAGS_OFFSET) & 0xFF;
    }

    /** Whether frame {@code i} carries a partial (pseudo-header only) L4 checksum. */
    public static boolean needsChecksum(PacketBatch batch, int i) {
        return (flags(batch, i) & F_NEEDS_CSUM) != 0;
    }

    /** csum_start of frame {@code i}: offset from the frame start where checksumming begins. */
    public static int checksumStart(PacketBatch batch, int i) {
        return batch.vnetHeaders().getShort(base(i) + CSUM_START_OFFSET) & 0xFFFF;
    }

    /** csum_offset of frame {@code i}: offset of the checksum field from csum_start. */
    public static int checksumOffset(PacketBatch batch, int i) {
        return batch.vnetHeaders().getShort(base(i) + CSUM_OFFSET_OFFSET) & 0xFFFF;
    }

    /** hdr_len of frame {@code i} (length of the headers, for GSO). */
    public static int headerLength(PacketBatch batch, int i) {
        return batch.vnetHeaders().getShort(base(i) + HDR_LEN_OFFSET) & 0xFFFF;
    }

    /** Marks frame {@code i} as carrying a partial checksum at {@code start + offset}. */
    public static void setNeedsChecksum(PacketBatch batch, int i, int start, int offset) {
        UnsafeBuffer h = batch.vnetHeaders();
        h.putByte(base(i) + FLAGS_OFFSET, (byte) (flags(batch, i) | F_NEEDS_CSUM));
        h.putShort(base(i) + CSUM_START_OFFSET, (short) start);
        h.putShort(base(i) + CSUM_OFFSET_OFFSET, (short) offset);
    }

    /** Clears NEEDS_CSUM on frame {@code i} (its checksum is now complete) and sets DATA_VALID. */
    public static void clearNeedsChecksum(PacketBatch batch, int i) {
        int flags = (flags(batch, i) & ~F_NEEDS_CSUM) | F_DATA_VALID;
        batch.vnetHeaders().putByte(base(i) + FLAGS_OFFSET, (byte) flags);
    }

    /**
     * Keeps the header's frame-relative offsets right after {@code delta} bytes were inserted
     * ({@code > 0}) or removed ({@code < 0}) in front of the L3 header, e.g. by a VLAN push or pop.
     */
    public static void shiftHeaders(PacketBatch batch, int i, int delta) {
        UnsafeBuffer h = batch.vnetHeaders();
        if (needsChecksum(batch, i)) {
            h.putShort(base(i) + CSUM_START_OFFSET, (short) (checksumStart(batch, i) + delta));
        }
        int hdrLen = headerLength(batch, i);
        if (hdrLen != 0) {
            h.putShort(base(i) + HDR_LEN_OFFSET, (short) (hdrLen + delta));
        }
    }
}

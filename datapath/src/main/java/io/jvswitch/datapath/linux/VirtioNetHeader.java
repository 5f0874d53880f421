package io.jvswitch.datapath.linux;

import org.agrona.concurrent.UnsafeBuffer;

import io.jvswitch.datapath.packet.PacketBatch;

/**
 * Field access to the {@code struct virtio_net_hdr} the kernel puts in front of each frame on a
 * TAP with IFF_VNET_HDR or an AF_PACKET socket with PACKET_VNET_HDR; {@link PacketBatch} keeps one
 * per slot in {@link PacketBatch#vnetHeaders()}.
 *
 * <pre>
 *  0        1          2              4              6               8               10
 *  | flags  | gso_type |   hdr_len    |   gso_size   |  csum_start   |  csum_offset  |
 *  (u16 fields in host byte order: the legacy, pre-virtio-1.0 header the kernel uses here)
 * </pre>
 *
 * <p>{@code NEEDS_CSUM} means the L4 checksum is partial: the field at {@code csum_start +
 * csum_offset} holds only the pseudo-header sum, and whoever emits the frame on the wire must fold
 * in the bytes from {@code csum_start} to the end ({@link ChecksumOffload#complete}). A
 * {@code gso_type} other than NONE means the frame is a super-frame to be cut into
 * {@code gso_size} pieces by whoever sends it out; every port of this datapath speaks vnet headers,
 * so such frames are passed on with their header and the receiving kernel does the cutting.
 */
public final class VirtioNetHeader {
    /** Bytes in the header (without the mergeable-buffers count). */
    public static final int LENGTH = PacketBatch.VNET_HDR_LENGTH;

    /** flags: the L4 checksum is partial, see csum_start/csum_offset. */
    public static final int F_NEEDS_CSUM = 1;
    /** flags: the checksum was validated already. */
    public static final int F_DATA_VALID = 2;

    /** gso_type: not a super-frame. */
    public static final int GSO_NONE = 0;
    /** gso_type: TCP over IPv4. */
    public static final int GSO_TCPV4 = 1;
    /** gso_type: UDP fragmentation offload (obsolete). */
    public static final int GSO_UDP = 3;
    /** gso_type: TCP over IPv6. */
    public static final int GSO_TCPV6 = 4;
    /** gso_type: UDP segmentation offload. */
    public static final int GSO_UDP_L4 = 5;
    /** gso_type flag: the TCP ECN bit must be kept on segments. */
    public static final int GSO_ECN = 0x80;

    static final int FLAGS_OFFSET = 0;
    static final int GSO_TYPE_OFFSET = 1;
    static final int HDR_LEN_OFFSET = 2;
    static final int GSO_SIZE_OFFSET = 4;
    static final int CSUM_START_OFFSET = 6;
    static final int CSUM_OFFSET_OFFSET = 8;

    private VirtioNetHeader() {
    }

    /** The flags byte of frame {@code i}. */
    public static int flags(PacketBatch batch, int i) {
        return batch.vnetHeaders().getByte(i * LENGTH + FLAGS_OFFSET) & 0xFF;
    }

    /** Whether frame {@code i} carries a partial checksum. */
    public static boolean needsChecksum(PacketBatch batch, int i) {
        return (flags(batch, i) & F_NEEDS_CSUM) != 0;
    }

    /** The gso_type of frame {@code i} without the ECN bit. */
    public static int gsoType(PacketBatch batch, int i) {
        return batch.vnetHeaders().getByte(i * LENGTH + GSO_TYPE_OFFSET) & 0x7F;
    }

    /** Whether frame {@code i} is a segmentation-offload super-frame. */
    public static boolean isGso(PacketBatch batch, int i) {
        return gsoType(batch, i) != GSO_NONE;
    }

    /** Bytes of headers before the GSO payload, as the kernel filled it. */
    public static int headerLength(PacketBatch batch, int i) {
        return batch.vnetHeaders().getShort(i * LENGTH + HDR_LEN_OFFSET) & 0xFFFF;
    }

    /** Payload bytes per segment of a GSO frame. */
    public static int gsoSize(PacketBatch batch, int i) {
        return batch.vnetHeaders().getShort(i * LENGTH + GSO_SIZE_OFFSET) & 0xFFFF;
    }

    /** Offset from the frame start where checksumming starts. */
    public static int checksumStart(PacketBatch batch, int i) {
        return batch.vnetHeaders().getShort(i * LENGTH + CSUM_START_OFFSET) & 0xFFFF;
    }

    /** Offset of the checksum field from {@link #checksumStart}. */
    public static int checksumOffset(PacketBatch batch, int i) {
        return batch.vnetHeaders().getShort(i * LENGTH + CSUM_OFFSET_OFFSET) & 0xFFFF;
    }

    /** Writes all fields of frame {@code i}'s header (tests and ports that synthesize frames). */
    public static void set(PacketBatch batch, int i, int flags, int gsoType, int headerLength, int gsoSize,
        int checksumStart, int checksumOffset) {
        UnsafeBuffer headers = batch.vnetHeaders();
        int base = i * LENGTH;
        headers.putByte(base + FLAGS_OFFSET, (byte) flags);
        headers.putByte(base + GSO_TYPE_OFFSET, (byte) gsoType);
        headers.putShort(base + HDR_LEN_OFFSET, (short) headerLength);
        headers.putShort(base + GSO_SIZE_OFFSET, (short) gsoSize);
        headers.putShort(base + CSUM_START_OFFSET, (short) checksumStart);
        headers.putShort(base + CSUM_OFFSET_OFFSET, (short) checksumOffset);
    }

    /**
     * Accounts for {@code delta} bytes inserted ({@code > 0}) or removed in front of the L3 header
     * of frame {@code i}, as a VLAN push or pop does: csum_start and hdr_len move with the headers.
     */
    public static void shiftHeaders(PacketBatch batch, int i, int delta) {
        UnsafeBuffer headers = batch.vnetHeaders();
        int base = i * LENGTH;
        int flags = headers.getByte(base + FLAGS_OFFSET) & 0xFF;
        if ((flags & F_NEEDS_CSUM) != 0) {
            int start = headers.getShort(base + CSUM_START_OFFSET) & 0xFFFF;
            headers.putShort(base + CSUM_START_OFFSET, (short) (start + delta));
        }
        if ((headers.getByte(base + GSO_TYPE_OFFSET) & 0x7F) != GSO_NONE) {
            int headerLength = headers.getShort(base + HDR_LEN_OFFSET) & 0xFFFF;
            headers.putShort(base + HDR_LEN_OFFSET, (short) (headerLength + delta));
        }
    }
}

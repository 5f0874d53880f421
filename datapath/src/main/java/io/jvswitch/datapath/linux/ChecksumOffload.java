package io.jvswitch.datapath.linux;

import org.agrona.concurrent.UnsafeBuffer;

import io.jvswitch.datapath.packet.PacketBatch;

/**
 * Completes a partial (checksum-offload) L4 checksum in software, for a frame marked
 * {@link VirtioNetHeader#F_NEEDS_CSUM} that must leave through a port without vnet headers, or be
 * inspected by something that needs a valid checksum. Pure Java, no allocation.
 *
 * <p>What the kernel left: the 16-bit field at {@code csum_start + csum_offset} holds the folded
 * pseudo-header sum (not complemented). Summing every 16-bit word from {@code csum_start} to the
 * end of the frame, that field included, and complementing the folded result gives the final
 * checksum, which is what the kernel's {@code skb_checksum_help} does.
 *
 * <p>GSO super-frames are not segmented here: every port of this datapath carries vnet headers, so
 * they travel on with their header and the receiving kernel segments them. A port that cannot
 * take vnet headers must drop GSO frames (and count them).
 */
public final class ChecksumOffload {
    private ChecksumOffload() {
    }

    /**
     * Completes frame {@code i}'s checksum if its vnet header asks for it, and clears the request.
     * Returns false (leaving the frame alone) when the header's offsets lie outside the frame.
     */
    public static boolean complete(PacketBatch batch, int i) {
        if (!VirtioNetHeader.needsChecksum(batch, i)) {
            return true;
        }
        int length = batch.frameLength(i);
        int start = VirtioNetHeader.checksumStart(batch, i);
        int field = start + VirtioNetHeader.checksumOffset(batch, i);
        if (field + 2 > length) {
            return false;
        }
        UnsafeBuffer memory = batch.memory();
        int base = batch.frameOffset(i);
        int sum = ~onesComplementSum(memory, base + start, length - start) & 0xFFFF;
        // 0 and 0xFFFF are the same number in one's complement; UDP reserves 0 for "no checksum".
        putNetShort(memory, base + field, sum == 0 ? 0xFFFF : sum);
        UnsafeBuffer headers = batch.vnetHeaders();
        int flagsIndex = i * VirtioNetHeader.LENGTH + VirtioNetHeader.FLAGS_OFFSET;
        headers.putByte(flagsIndex, (byte) (headers.getByte(flagsIndex) & ~VirtioNetHeader.F_NEEDS_CSUM));
        return true;
    }

    /** The folded one's complement sum of {@code length} bytes at {@code offset} (network order words). */
    public static int onesComplementSum(UnsafeBuffer memory, int offset, int length) {
        long sum = 0;
        int i = 0;
        // Eight bytes at a time: the native (little-endian) long holds four byte-swapped words, and
        // the one's complement sum commutes with byte swapping, so swap once at the end.
        for (; i + 8 <= length; i += 8) {
            long word = memory.getLong(offset + i);
            sum += (word & 0xFFFF_FFFFL) + (word >>> 32);
        }
        for (; i + 2 <= length; i += 2) {
            sum += memory.getShort(offset + i) & 0xFFFF;
        }
        if (i < length) {
            sum += memory.getByte(offset + i) & 0xFF;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        int folded = (int) sum;
        return Integer.reverseBytes(folded) >>> 16;
    }

    private static void putNetShort(UnsafeBuffer memory, int index, int value) {
        memory.putByte(index, (byte) (value >>> 8));
        memory.putByte(index + 1, (byte) value);
    }
}

package io.jvswitch.datapath.exec;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * The Internet checksum (RFC 1071) over direct memory, and its incremental update (RFC 1624):
 * when a 16-bit word {@code m} of the covered data becomes {@code m'}, the stored checksum
 * {@code HC} becomes {@code HC' = ~(~HC + ~m + m')} (equation 3), which never produces the
 * ambiguous result eqn 2 of RFC 1141 did.
 *
 * <p>All values are 16-bit quantities in an {@code int}, in network (big-endian) order as
 * read with {@code getShort(index, BIG_ENDIAN) & 0xFFFF}.
 */
public final class InternetChecksum {
    private InternetChecksum() {
    }

    /** Folds a 32/64-bit one's-complement accumulator into 16 bits (not complemented). */
    public static int fold(long sum) {
        long s = sum;
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }

    /**
     * Adds {@code length} bytes at {@code index} of {@code buffer}, as big-endian 16-bit words (an
     * odd last byte padded with zero), to {@code initial}; returns the unfolded sum.
     */
    public static long sum(UnsafeBuffer buffer, int index, int length, long initial) {
        long sum = initial;
        int i = index;
        int end = index + length;
        while (i + 4 <= end) {
            sum += buffer.getInt(i, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
            i += 4;
        }
        if (i + 2 <= end) {
            sum += buffer.getShort(i, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            i += 2;
        }
        if (i < end) {
            sum += (buffer.getByte(i) & 0xFF) << 8;
        }
        return sum;
    }

    /** The checksum to store over {@code length} bytes at {@code index}: {@code ~fold(sum)}. */
    public static int compute(UnsafeBuffer buffer, int index, int length) {
        return ~fold(sum(buffer, index, length, 0)) & 0xFFFF;
    }

    /** RFC 1624 eqn 3: the stored checksum after a 16-bit word changed from {@code oldWord} to {@code newWord}. */
    public static int update16(int checksum, int oldWord, int newWord) {
        long sum = (~checksum & 0xFFFF) + (~oldWord & 0xFFFF) + (newWord & 0xFFFF);
        return ~fold(sum) & 0xFFFF;
    }

    /** The stored checksum after a 32-bit value (two words) changed from {@code oldValue} to {@code newValue}. */
    public static int update32(int checksum, int oldValue, int newValue) {
        long sum = (~checksum & 0xFFFF)
            + (~(oldValue >>> 16) & 0xFFFF) + (~oldValue & 0xFFFF)
            + ((newValue >>> 16) & 0xFFFF) + (newValue & 0xFFFF);
        return ~fold(sum) & 0xFFFF;
    }

    /**
     * The stored checksum after a 128-bit value (an IPv6 address, as two big-endian longs) changed.
     */
    public static int update128(int checksum, long oldHigh, long oldLow, long newHigh, long newLow) {
        long sum = (~checksum & 0xFFFF) + complementWords(oldHigh) + complementWords(oldLow) + words(newHigh)
            + words(newLow);
        return ~fold(sum) & 0xFFFF;
    }

    /** The partial (pseudo-header sum) counterpart of {@link #update128}. */
    public static int updatePartial128(int partialSum, long oldHigh, long oldLow, long newHigh, long newLow) {
        return ~update128(~partialSum & 0xFFFF, oldHigh, oldLow, newHigh, newLow) & 0xFFFF;
    }

    private static long words(long v) {
        return ((v >>> 48) & 0xFFFF) + ((v >>> 32) & 0xFFFF) + ((v >>> 16) & 0xFFFF) + (v & 0xFFFF);
    }

    private static long complementWords(long v) {
        return words(~v);
    }

    /**
     * The updated value of a partial checksum field (one holding the folded, NOT complemented
     * pseudo-header sum, as with a virtio-net NEEDS_CSUM frame) after a pseudo-header 32-bit value
     * changed: the sum itself is adjusted, {@code S' = S + ~m + m'}.
     */
    public static int updatePartial32(int partialSum, int oldValue, int newValue) {
        return ~update32(~partialSum & 0xFFFF, oldValue, newValue) & 0xFFFF;
    }
}

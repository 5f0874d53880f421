package io.jvswitch.datapath.exec;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the SCTP checksum (RFC 4960
 * appendix B), computed over direct memory without allocation.
 */
public final class Crc32c {
    private static final int[] TABLE = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0x82F63B78 : c >>> 1;
            }
            TABLE[n] = c;
        }
    }

    private Crc32c() {
    }

    /** CRC-32C of {@code length} bytes at {@code index}, with the field at {@code skipIndex} (4 bytes) read as zero. */
    public static int compute(UnsafeBuffer buffer, int index, int length, int skipIndex) {
        int crc = 0xFFFF_FFFF;
        int end = index + length;
        for (int i = index; i < end; i++) {
            int b = (i >= skipIndex && i < skipIndex + 4) ? 0 : buffer.getByte(i) & 0xFF;
            crc = (crc >>> 8) ^ TABLE[(crc ^ b) & 0xFF];
        }
        return ~crc;
    }
}

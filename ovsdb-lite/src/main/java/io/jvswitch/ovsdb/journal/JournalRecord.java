package io.jvswitch.ovsdb.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The on-disk framing of one journal record.
 *
 * <pre>
 *   0        4        8        12                12+length
 *   +--------+--------+--------+------------------+
 *   | "JVSJ" | length | crc32c |  body (UTF-8     |
 *   | magic  | (BE)   | of body|  JSON object)    |
 *   +--------+--------+--------+------------------+
 * </pre>
 *
 * A record is intact only when the magic matches, the length is sane and fits in the file, and the CRC32C of
 * the body matches; anything else is a torn or corrupt tail.
 */
public final class JournalRecord {
    /** Record magic: "JVSJ". */
    public static final int MAGIC = 0x4A56534A;
    /** Bytes before the body. */
    public static final int HEADER_SIZE = 12;
    /** Largest body accepted (a bigger length field is treated as corruption). */
    public static final int MAX_BODY = 256 << 20;

    private JournalRecord() {
    }

    /** The framed bytes of a record holding {@code body}. */
    public static ByteBuffer encode(String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_BODY) {
            throw new IllegalArgumentException("journal record of " + b.length + " bytes exceeds " + MAX_BODY);
        }
        ByteBuffer buf = ByteBuffer.allocate(HEADER_SIZE + b.length);
        buf.putInt(MAGIC).putInt(b.length).putInt(crc(b, 0, b.length)).put(b).flip();
        return buf;
    }

    /** CRC32C of {@code len} bytes of {@code b} from {@code off}. */
    static int crc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }
}

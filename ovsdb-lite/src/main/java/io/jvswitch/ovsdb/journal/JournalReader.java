package io.jvswitch.ovsdb.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a journal file from the start and stops at the first record that is not intact (see
 * {@link JournalRecord}). What it returns is the intact prefix: its record bodies, the offset where it ends,
 * and — when the file goes on past it — a one-line description of the damage.
 */
public final class JournalReader {
    private JournalReader() {
    }

    /** The intact records of a journal, where they end, and what was wrong after them (null when clean). */
    public record Result(List<String> bodies, long goodOffset, String damage) {
    }

    /** Reads every intact record of {@code ch} from offset 0. */
    public static Result read(FileChannel ch) throws IOException {
        long size = ch.size();
        long pos = 0;
        List<String> bodies = new ArrayList<>();
        ByteBuffer header = ByteBuffer.allocate(JournalRecord.HEADER_SIZE);
        while (pos < size) {
            if (size - pos < JournalRecord.HEADER_SIZE) {
                return new Result(bodies, pos, damage(pos, size, "truncated record header"));
            }
            header.clear();
            readFully(ch, header, pos);
            header.flip();
            int magic = header.getInt();
            int length = header.getInt();
            int crc = header.getInt();
            if (magic != JournalRecord.MAGIC) {
                return new Result(bodies, pos, damage(pos, size, "bad record magic"));
            }
            if (length < 0 || length > JournalRecord.MAX_BODY) {
                return new Result(bodies, pos, damage(pos, size, "bad record length " + length));
            }
            if (size - pos - JournalRecord.HEADER_SIZE < length) {
                return new Result(bodies, pos, damage(pos, size, "record of " + length + " bytes is truncated"));
            }
            ByteBuffer body = ByteBuffer.allocate(length);
            readFully(ch, body, pos + JournalRecord.HEADER_SIZE);
            byte[] b = body.array();
            if (JournalRecord.crc(b, 0, length) != crc) {
                return new Result(bodies, pos, damage(pos, size, "record checksum mismatch"));
            }
            try {
                bodies.add(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString());
            } catch (CharacterCodingException e) {
                return new Result(bodies, pos, damage(pos, size, "record is not UTF-8"));
            }
            pos += JournalRecord.HEADER_SIZE + length;
        }
        return new Result(bodies, pos, null);
    }

    private static String damage(long pos, long size, String what) {
        return what + " at offset " + pos + " (" + (size - pos) + " bytes ignored)";
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        long p = pos;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) {
                throw new IOException("unexpected end of journal at offset " + p);
            }
            p += n;
        }
    }
}

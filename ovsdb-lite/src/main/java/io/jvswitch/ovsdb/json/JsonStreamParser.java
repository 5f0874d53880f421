package io.jvswitch.ovsdb.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a byte stream of concatenated JSON objects or arrays — RFC 7047's framing: no delimiter, no length
 * prefix — into complete values, however the bytes arrive (a read may hold half a message or several).
 * Each complete value is decoded as strict UTF-8 and parsed by {@link JsonParser}.
 *
 * <p>Only the bytes of the message in progress are kept, and a message longer than the limit given at
 * construction is refused, so a hostile peer cannot make it buffer without bound. After any
 * {@link JsonException} the stream is out of sync and the connection should be closed. Not thread-safe: one per
 * connection.
 */
public final class JsonStreamParser {
    private final int maxMessageBytes;
    private byte[] buf = new byte[256];
    private int len;
    private int depth;
    private boolean inString;
    private boolean escape;
    private boolean failed;

    /** A parser refusing messages longer than {@code maxMessageBytes}. */
    public JsonStreamParser(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Consumes {@code in} and returns the values it completed, in order.
     *
     * @throws JsonException on malformed JSON, invalid UTF-8, a top-level scalar or an oversized message
     */
    public List<Json> feed(ByteBuffer in) {
        if (failed) {
            throw new JsonException("JSON stream is out of sync after an earlier error");
        }
        List<Json> out = new ArrayList<>();
        try {
            while (in.hasRemaining()) {
                byte b = in.get();
                if (depth == 0 && len == 0) {
                    if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                        continue;
                    }
                    if (b != '{' && b != '[') {
                        throw new JsonException("JSON stream: expected '{' or '[' to start a message, got byte "
                                + (b & 0xff));
                    }
                }
                append(b);
                if (inString) {
                    if (escape) {
                        escape = false;
                    } else if (b == '\\') {
                        escape = true;
                    } else if (b == '"') {
                        inString = false;
                    }
                    continue;
                }
                if (b == '"') {
                    inString = true;
                } else if (b == '{' || b == '[') {
                    depth++;
                } else if (b == '}' || b == ']') {
                    if (--depth == 0) {
                        out.add(complete());
                    }
                }
            }
        } catch (JsonException e) {
            failed = true;
            throw e;
        }
        return out;
    }

    /** Convenience for {@link #feed(ByteBuffer)} over an array slice. */
    public List<Json> feed(byte[] bytes, int off, int n) {
        return feed(ByteBuffer.wrap(bytes, off, n));
    }

    /** Whether part of a message is buffered (a peer closing now would cut it). */
    public boolean hasPartialMessage() {
        return len > 0;
    }

    private void append(byte b) {
        if (len == maxMessageBytes) {
            throw new JsonException("JSON message longer than " + maxMessageBytes + " bytes");
        }
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxMessageBytes));
        }
        buf[len++] = b;
    }

    private Json complete() {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(buf, 0, len)).toString();
        } catch (CharacterCodingException e) {
            throw new JsonException("JSON message is not valid UTF-8");
        }
        len = 0;
        if (buf.length > 64 * 1024) {
            // Do not keep one big message's buffer for the rest of the connection.
            buf = new byte[256];
        }
        return JsonParser.parse(text);
    }
}

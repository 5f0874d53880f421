package io.jvswitch.ovsdb.jsonrpc;

import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.json.JsonException;
import io.jvswitch.ovsdb.json.JsonParser;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the end of each top-level JSON value in RFC 7047's undelimited byte stream and parses it. Unlike a
 * plain depth counter it keeps the stack of open brackets, so a mismatched closer ({@code [}}) is an error at
 * once, as in ovsdb-server's incremental parser, instead of leaving the session waiting for more bytes.
 * Messages longer than the limit are refused without buffering them. After a {@link JsonException} the stream
 * is out of sync: the caller closes the connection. Not thread-safe: one per connection.
 */
final class MessageFramer {
    private final int maxMessageBytes;
    private byte[] buf = new byte[512];
    private int len;
    private byte[] stack = new byte[16];
    private int depth;
    private boolean inString;
    private boolean escape;

    MessageFramer(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Consumes {@code in}; returns the values it completed, in order. */
    List<Json> feed(ByteBuffer in) {
        List<Json> out = new ArrayList<>();
        while (in.hasRemaining()) {
            byte b = in.get();
            if (depth == 0 && !isOpener(b)) {
                if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                    continue;
                }
                throw new JsonException("syntax error at top level: a message must start with '{' or '['");
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
            } else if (b == '"') {
                inString = true;
            } else if (isOpener(b)) {
                push(b);
            } else if (b == '}' || b == ']') {
                byte open = stack[--depth];
                if ((open == '{') != (b == '}')) {
                    throw new JsonException("syntax error: '" + (char) b + "' closes '" + (char) open + "'");
                }
                if (depth == 0) {
                    out.add(complete());
                }
            }
        }
        return out;
    }

    /** Whether part of a message is buffered. */
    boolean hasPartialMessage() {
        return len > 0;
    }

    private static boolean isOpener(byte b) {
        return b == '{' || b == '[';
    }

    private void push(byte b) {
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = b;
    }

    private void append(byte b) {
        if (len == maxMessageBytes) {
            throw new JsonException("message longer than " + maxMessageBytes + " bytes");
        }
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(2L * buf.length, maxMessageBytes));
        }
        buf[len++] = b;
    }

    private Json complete() {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(buf, 0, len)).toString();
        } catch (CharacterCodingException e) {
            throw new JsonException("message is not valid UTF-8");
        }
        len = 0;
        if (buf.length > (1 << 16)) {
            buf = new byte[512];
        }
        return JsonParser.parse(text);
    }
}

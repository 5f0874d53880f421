package io.jvswitch.ovsdb.json;

import java.util.Map;

/**
 * Writes {@link Json} values as compact JSON text (no spaces, no newline), as ovsdb-server does on the
 * wire. Strings escape only what JSON requires ({@code "}, {@code \}, control characters).
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonWriter() {
    }

    /** The compact text of {@code value}. */
    public static String write(Json value) {
        StringBuilder sb = new StringBuilder(64);
        write(value, sb);
        return sb.toString();
    }

    /** Appends the compact text of {@code value} to {@code sb}. */
    public static void write(Json value, StringBuilder sb) {
        if (value instanceof Json.Str s) {
            writeString(s.value(), sb);
        } else if (value instanceof Json.Int i) {
            sb.append(i.value());
        } else if (value instanceof Json.Arr a) {
            sb.append('[');
            for (int i = 0; i < a.items().size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(a.items().get(i), sb);
            }
            sb.append(']');
        } else if (value instanceof Json.Obj o) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Json> e : o.members().entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                writeString(e.getKey(), sb);
                sb.append(':');
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (value instanceof Json.Real r) {
            writeReal(r.value(), sb);
        } else if (value instanceof Json.Bool b) {
            sb.append(b.value());
        } else {
            sb.append("null");
        }
    }

    private static void writeReal(double v, StringBuilder sb) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            // JSON has no spelling for these; OVSDB never stores them either.
            sb.append("null");
            return;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            // Keep a fraction so the value reads back as a real, not an integer.
            sb.append((long) v).append(".0");
            return;
        }
        sb.append(Double.toString(v).replace("E", "e"));
    }

    /** Appends {@code s} as a quoted, escaped JSON string. */
    public static void writeString(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case '\b':
                    sb.append("\\b");
                    break;
                case '\f':
                    sb.append("\\f");
                    break;
                default:
                    if (c < 0x20) {
                        sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        sb.append(c);
                    }
                    break;
            }
        }
        sb.append('"');
    }
}

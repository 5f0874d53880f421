package io.jvswitch.ovsdb.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A strict RFC 8259 parser: exactly one value (surrounded by optional whitespace), no comments, no
 * trailing commas, no duplicate object members, no lone surrogates, nesting at most {@value #MAX_DEPTH}
 * deep. Numbers without fraction or exponent that fit a long become {@link Json.Int}, all others
 * {@link Json.Real}. Errors are {@link JsonException}s naming the offset.
 */
public final class JsonParser {
    /** Deepest nesting accepted; protects the stack against hostile input. */
    public static final int MAX_DEPTH = 512;

    private final CharSequence in;
    private int pos;
    private int depth;

    private JsonParser(CharSequence in) {
        this.in = in;
    }

    /** Parses {@code text}, which must hold exactly one JSON value. */
    public static Json parse(CharSequence text) {
        JsonParser p = new JsonParser(text);
        p.skipWhitespace();
        Json v = p.value();
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the JSON value");
        }
        return v;
    }

    private Json value() {
        if (pos >= in.length()) {
            throw error("unexpected end of input");
        }
        char c = in.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return new Json.Str(string());
            case 't':
                literal("true");
                return Json.TRUE;
            case 'f':
                literal("false");
                return Json.FALSE;
            case 'n':
                literal("null");
                return Json.NULL;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + printable(c) + "'");
        }
    }

    private Json object() {
        enter();
        pos++;
        LinkedHashMap<String, Json> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return new Json.Obj(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a member name");
            }
            String name = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Json v = value();
            if (members.put(name, v) != null) {
                throw error("duplicate member \"" + name + "\"");
            }
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                break;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
        depth--;
        return new Json.Obj(members);
    }

    private Json array() {
        enter();
        pos++;
        List<Json> items = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return new Json.Arr(items);
        }
        while (true) {
            skipWhitespace();
            items.add(value());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                break;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
        depth--;
        return new Json.Arr(items);
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
    }

    private String string() {
        pos++;
        StringBuilder sb = null;
        int start = pos;
        while (true) {
            if (pos >= in.length()) {
                throw error("unterminated string");
            }
            char c = in.charAt(pos);
            if (c == '"') {
                String s = sb == null ? in.subSequence(start, pos).toString()
                        : sb.append(in, start, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) {
                throw error("control character in string");
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && pos + 1 < in.length()
                        && Character.isLowSurrogate(in.charAt(pos + 1))) {
                    pos += 2;
                    continue;
                }
                throw error("invalid UTF-16 surrogate in string");
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(in, start, pos);
                pos++;
                escape(sb);
                start = pos;
                continue;
            }
            pos++;
        }
    }

    private void escape(StringBuilder sb) {
        if (pos >= in.length()) {
            throw error("unterminated escape");
        }
        char e = in.charAt(pos++);
        switch (e) {
            case '"':
                sb.append('"');
                break;
            case '\\':
                sb.append('\\');
                break;
            case '/':
                sb.append('/');
                break;
            case 'b':
                sb.append('\b');
                break;
            case 'f':
                sb.append('\f');
                break;
            case 'n':
                sb.append('\n');
                break;
            case 'r':
                sb.append('\r');
                break;
            case 't':
                sb.append('\t');
                break;
            case 'u':
                char u = hex4();
                if (Character.isHighSurrogate(u)) {
                    if (pos + 1 < in.length() && in.charAt(pos) == '\\' && in.charAt(pos + 1) == 'u') {
                        pos += 2;
                        char low = hex4();
                        if (!Character.isLowSurrogate(low)) {
                            throw error("invalid UTF-16 surrogate pair in \\u escape");
                        }
                        sb.append(u).append(low);
                        break;
                    }
                    throw error("invalid UTF-16 surrogate in \\u escape");
                }
                if (Character.isLowSurrogate(u)) {
                    throw error("invalid UTF-16 surrogate in \\u escape");
                }
                sb.append(u);
                break;
            default:
                pos--;
                throw error("invalid escape '\\" + printable(e) + "'");
        }
    }

    private char hex4() {
        if (pos + 4 > in.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(in.charAt(pos + i), 16);
            if (d < 0) {
                throw error("invalid hex digit in \\u escape");
            }
            v = (v << 4) | d;
        }
        pos += 4;
        return (char) v;
    }

    private Json number() {
        int start = pos;
        boolean integral = true;
        if (in.charAt(pos) == '-') {
            pos++;
        }
        if (pos >= in.length() || !isDigit(in.charAt(pos))) {
            throw error("invalid number");
        }
        if (in.charAt(pos) == '0') {
            pos++;
            if (pos < in.length() && isDigit(in.charAt(pos))) {
                throw error("leading zero in number");
            }
        } else {
            digits();
        }
        if (pos < in.length() && in.charAt(pos) == '.') {
            integral = false;
            pos++;
            if (pos >= in.length() || !isDigit(in.charAt(pos))) {
                throw error("invalid number: digit expected after '.'");
            }
            digits();
        }
        if (pos < in.length() && (in.charAt(pos) == 'e' || in.charAt(pos) == 'E')) {
            integral = false;
            pos++;
            if (pos < in.length() && (in.charAt(pos) == '+' || in.charAt(pos) == '-')) {
                pos++;
            }
            if (pos >= in.length() || !isDigit(in.charAt(pos))) {
                throw error("invalid number: digit expected in exponent");
            }
            digits();
        }
        String text = in.subSequence(start, pos).toString();
        if (integral) {
            try {
                return new Json.Int(Long.parseLong(text));
            } catch (NumberFormatException tooBig) {
                // Out of long range: OVSDB integers are 64-bit, so keep it as a real like OVS does.
                return new Json.Real(Double.parseDouble(text));
            }
        }
        return new Json.Real(Double.parseDouble(text));
    }

    private void digits() {
        while (pos < in.length() && isDigit(in.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void literal(String word) {
        if (pos + word.length() > in.length() || !in.subSequence(pos, pos + word.length()).toString().equals(word)) {
            throw error("invalid literal");
        }
        pos += word.length();
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        if (pos >= in.length()) {
            throw error("unexpected end of input");
        }
        return in.charAt(pos);
    }

    private void skipWhitespace() {
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private JsonException error(String what) {
        return new JsonException("JSON syntax error at offset " + pos + ": " + what);
    }
}

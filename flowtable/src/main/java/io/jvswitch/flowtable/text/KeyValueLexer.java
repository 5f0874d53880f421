package io.jvswitch.flowtable.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits flow text into {@code key[=value]}, {@code key:value} and {@code key(value)} items separated by
 * commas or white space, as Open vSwitch's {@code ofputil_parse_key_value} does. Parentheses nest, and a
 * double-quoted value (a port name such as {@code "tap1.0"}) is taken whole, without its quotes.
 */
final class KeyValueLexer {
    /** One item: {@code value} is empty when the key had none. */
    record Item(String key, String value, boolean hasValue) {
    }

    private KeyValueLexer() {
    }

    private static boolean isDelimiter(char c) {
        return c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** The items of {@code text}, in order. */
    static List<Item> split(String text) {
        List<Item> items = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && isDelimiter(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return items;
            }
            int keyStart = i;
            while (i < n && !isDelimiter(text.charAt(i)) && "=:(".indexOf(text.charAt(i)) < 0) {
                i++;
            }
            String key = text.substring(keyStart, i);
            if (i >= n || isDelimiter(text.charAt(i))) {
                items.add(new Item(key, "", false));
                continue;
            }
            char sep = text.charAt(i++);
            if (sep == '(') {
                int depth = 1;
                int valueStart = i;
                while (i < n && depth > 0) {
                    char c = text.charAt(i);
                    if (c == '(') {
                        depth++;
                    } else if (c == ')') {
                        depth--;
                    }
                    i++;
                }
                if (depth > 0) {
                    throw new FlowSyntaxException(text.substring(keyStart) + ": unbalanced parentheses");
                }
                items.add(new Item(key, text.substring(valueStart, i - 1), true));
                continue;
            }
            StringBuilder value = new StringBuilder();
            int depth = 0;
            while (i < n) {
                char c = text.charAt(i);
                if (c == '"') {
                    int close = text.indexOf('"', i + 1);
                    if (close < 0) {
                        throw new FlowSyntaxException(text.substring(keyStart) + ": unterminated quoted string");
                    }
                    value.append(text, i + 1, close);
                    i = close + 1;
                    continue;
                }
                if (depth == 0 && isDelimiter(c)) {
                    break;
                }
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
                value.append(c);
                i++;
            }
            items.add(new Item(key, value.toString(), true));
        }
    }
}

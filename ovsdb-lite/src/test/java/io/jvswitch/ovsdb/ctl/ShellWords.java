package io.jvswitch.ovsdb.ctl;

import java.util.ArrayList;
import java.util.List;

/** Splits a command line the way a POSIX shell does for the simple cases the tests use (quotes, backslash). */
final class ShellWords {
    private ShellWords() {
    }

    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (quote == '"' && c == '\\' && i + 1 < s.length()
                        && "\"\\$`".indexOf(s.charAt(i + 1)) >= 0) {
                    cur.append(s.charAt(++i));
                } else {
                    cur.append(c);
                }
                continue;
            }
            if (c == ' ') {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
                continue;
            }
            if (cur == null) {
                cur = new StringBuilder();
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
            } else {
                cur.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated quote in: " + s);
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }
}

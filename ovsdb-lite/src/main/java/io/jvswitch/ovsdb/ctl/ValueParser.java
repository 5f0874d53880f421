package io.jvswitch.ovsdb.ctl;

import io.jvswitch.ovsdb.Atom;
import io.jvswitch.ovsdb.BaseType;
import io.jvswitch.ovsdb.ColumnType;
import io.jvswitch.ovsdb.Datum;
import io.jvswitch.ovsdb.OvsdbException;
import io.jvswitch.ovsdb.Uuid;
import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.json.JsonException;
import io.jvswitch.ovsdb.json.JsonParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses ovs-vsctl's value syntax into atoms and datums (the rules of OVS's {@code ovsdb_atom_from_string} and
 * {@code ovsdb_datum_from_string}, with its error texts).
 *
 * <p>Atoms: integers (sets also take ranges {@code 10-20}), reals, booleans ({@code true/false}, also
 * {@code yes/no}, {@code on/off}, {@code 1/0}), strings (bare, or JSON-quoted when they start with {@code "}),
 * uuids or {@code @name} row ids. Datums: elements separated by commas or spaces, optionally inside
 * {@code [...]} (sets) or {@code {...}} (maps of {@code key=value}). Every atom is checked against its column's
 * constraints as it is parsed.
 */
final class ValueParser {
    /** Characters that end an unquoted token. */
    static final String DELIMITERS = ":=, []{}!<>";
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern RANGE = Pattern.compile("([+-]?[0-9]+)-([+-]?[0-9]+)");
    private static final int MAX_RANGE = 4096;

    private ValueParser() {
    }

    /**
     * Reads one token of {@code s} from {@code pos} into {@code out}: up to an unquoted delimiter. Backslash
     * escapes the next character; a double-quoted part is copied with its quotes.
     *
     * @return the position after the token
     */
    static int token(String s, int pos, StringBuilder out) {
        boolean inQuotes = false;
        int p = pos;
        while (p < s.length()) {
            char c = s.charAt(p++);
            if (c == '\\') {
                if (inQuotes) {
                    out.append('\\');
                }
                if (p >= s.length()) {
                    throw new CtlException(s + ": backslash at end of argument");
                }
                out.append(s.charAt(p++));
            } else if (!inQuotes && DELIMITERS.indexOf(c) >= 0) {
                p--;
                break;
            } else {
                out.append(c);
                if (c == '"') {
                    inQuotes = !inQuotes;
                }
            }
        }
        if (inQuotes) {
            throw new CtlException(s + ": quoted string extends past end of argument");
        }
        return p;
    }

    static int skipSpaces(String s, int p) {
        while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
            p++;
        }
        return p;
    }

    /** Parses one atom of {@code base} from {@code text} (no ranges) and checks its constraints. */
    static Atom atom(String text, BaseType base, CtlSymbols symbols) {
        return atoms(text, base, symbols, false).get(0);
    }

    /** Parses one atom, or with {@code ranges} an integer range, into one or more checked atoms. */
    private static List<Atom> atoms(String text, BaseType base, CtlSymbols symbols, boolean ranges) {
        List<Atom> out = new ArrayList<>();
        switch (base.type()) {
            case INTEGER:
                parseIntegers(text, ranges, out);
                break;
            case REAL:
                out.add(Atom.real(parseReal(text)));
                break;
            case BOOLEAN:
                out.add(Atom.bool(parseBoolean(text)));
                break;
            case STRING:
                out.add(Atom.string(parseString(text)));
                break;
            case UUID:
                out.add(Atom.uuid(parseUuid(text, base, symbols)));
                break;
            default:
                throw new IllegalStateException(String.valueOf(base.type()));
        }
        for (Atom a : out) {
            try {
                base.check(a);
            } catch (OvsdbException e) {
                throw new CtlException(e.getMessage());
            }
        }
        return out;
    }

    private static void parseIntegers(String text, boolean ranges, List<Atom> out) {
        if (INTEGER.matcher(text).matches()) {
            out.add(Atom.integer(parseLong(text, ranges)));
            return;
        }
        Matcher m = RANGE.matcher(text);
        if (ranges && m.matches()) {
            long start = parseLong(m.group(1), true);
            long end = parseLong(m.group(2), true);
            if (end < start) {
                throw new CtlException("\"" + text + "\" is not a valid range. Range end cannot be before start.");
            }
            if (end - start >= MAX_RANGE) {
                throw new CtlException("\"" + text + "\" is not a valid range. Range size cannot exceed "
                        + MAX_RANGE + " elements.");
            }
            for (long v = start; v <= end; v++) {
                out.add(Atom.integer(v));
            }
            return;
        }
        throw new CtlException("\"" + text + "\" is not a valid integer" + (ranges ? " or range" : ""));
    }

    private static long parseLong(String text, boolean ranges) {
        try {
            return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            throw new CtlException("\"" + text + "\" is not a valid integer" + (ranges ? " or range" : ""));
        }
    }

    private static double parseReal(String text) {
        try {
            if (text.isEmpty() || Character.isLetter(text.charAt(text.length() - 1))) {
                throw new NumberFormatException();
            }
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new CtlException("\"" + text + "\" is not a valid real number");
        }
    }

    private static boolean parseBoolean(String text) {
        switch (text) {
            case "true":
            case "yes":
            case "on":
            case "1":
                return true;
            case "false":
            case "no":
            case "off":
            case "0":
                return false;
            default:
                throw new CtlException("\"" + text + "\" is not a valid boolean (use \"true\" or \"false\")");
        }
    }

    private static String parseString(String text) {
        if (!text.startsWith("\"")) {
            return text;
        }
        if (text.length() < 2 || !text.endsWith("\"") || text.endsWith("\\\"") && !text.endsWith("\\\\\"")) {
            throw new CtlException(text + ": missing quote at end of quoted string");
        }
        try {
            Json j = JsonParser.parse(text);
            if (j instanceof Json.Str s) {
                return s.value();
            }
        } catch (JsonException e) {
            throw new CtlException(text + ": " + e.getMessage());
        }
        throw new CtlException(text + ": missing quote at end of quoted string");
    }

    private static Uuid parseUuid(String text, BaseType base, CtlSymbols symbols) {
        if (text.startsWith("@") && symbols != null) {
            CtlSymbols.Symbol s = symbols.reference(text);
            if (base.isStrongRef()) {
                s.strongRef = true;
            } else if (base.isWeakRef()) {
                s.weakRef = true;
            }
            return s.uuid;
        }
        if (Uuid.isUuid(text)) {
            return Uuid.parse(text);
        }
        throw new CtlException("\"" + text + "\" is not a valid UUID");
    }

    /**
     * Parses a whole value of {@code type} from {@code s}, checking constraints, duplicates and element counts.
     */
    static Datum datum(String s, ColumnType type, CtlSymbols symbols) {
        boolean map = type.isMap();
        char close = map ? '}' : ']';
        int p = skipSpaces(s, 0);
        boolean delimited = p < s.length() && s.charAt(p) == (map ? '{' : '[');
        if (delimited) {
            p++;
        }
        List<Atom> keys = new ArrayList<>();
        List<Atom> values = new ArrayList<>();
        while (true) {
            p = skipSpaces(s, p);
            if (p >= s.length()) {
                if (delimited) {
                    throw new CtlException(s + ": missing \"" + close + "\" at end of data");
                }
                break;
            }
            if (delimited && s.charAt(p) == close) {
                p++;
                break;
            }
            int start = p;
            StringBuilder tok = new StringBuilder();
            p = token(s, p, tok);
            if (tok.length() == 0) {
                throw new CtlException(s + ": unexpected \"" + s.charAt(p) + "\" parsing " + english(type));
            }
            List<Atom> parsed = atoms(tok.toString(), type.key(), symbols, !map);
            if (map) {
                p = skipSpaces(s, p);
                if (p >= s.length() || s.charAt(p) != '=') {
                    // OVS formats the offending character with %c; at the end that is NUL, which ends the text.
                    throw new CtlException(s.substring(start) + ": syntax error at \""
                            + (p < s.length() ? s.charAt(p) + "\" expecting \"=\"" : ""));
                }
                p = skipSpaces(s, p + 1);
                StringBuilder vtok = new StringBuilder();
                p = token(s, p, vtok);
                if (vtok.length() == 0) {
                    throw new CtlException(s + ": unexpected \"" + (p < s.length() ? s.charAt(p) : "")
                            + "\" parsing " + english(type));
                }
                keys.add(parsed.get(0));
                values.add(atom(vtok.toString(), type.value(), symbols));
            } else {
                keys.addAll(parsed);
            }
            p = skipSpaces(s, p);
            if (p < s.length() && s.charAt(p) == ',') {
                p++;
            }
        }
        p = skipSpaces(s, p);
        if (p < s.length()) {
            throw new CtlException(s + ": trailing garbage after \"" + close + "\"");
        }
        return build(s, type, keys, values);
    }

    private static Datum build(String s, ColumnType type, List<Atom> keys, List<Atom> values) {
        Set<Atom> seen = new HashSet<>();
        for (Atom k : keys) {
            if (!seen.add(k)) {
                throw new CtlException(s + ": " + (type.isMap() ? "map contains duplicate key"
                        : "set contains duplicate value"));
            }
        }
        if (keys.size() < type.min()) {
            throw new CtlException(s + ": " + keys.size() + " value(s) specified but the minimum number is "
                    + type.min());
        }
        if (keys.size() > type.max()) {
            throw new CtlException(s + ": " + keys.size() + " value(s) specified but the maximum number is "
                    + type.max());
        }
        if (!type.isMap()) {
            return Datum.set(keys);
        }
        Map<Atom, Atom> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            m.put(keys.get(i), values.get(i));
        }
        return Datum.map(m);
    }

    /** OVS's English name of a type, e.g. "set of up to 4096 integers". */
    static String english(ColumnType type) {
        String key = type.key().type().jsonName();
        if (type.isScalar()) {
            return key;
        }
        StringBuilder sb = new StringBuilder(type.isMap() ? "map" : "set");
        if (type.max() == ColumnType.UNLIMITED) {
            sb.append(type.min() > 0 ? " of " + type.min() + " or more" : " of");
        } else if (type.min() > 0) {
            sb.append(" of ").append(type.min()).append(" to ").append(type.max());
        } else {
            sb.append(" of up to ").append(type.max());
        }
        if (type.isMap()) {
            sb.append(" (").append(key).append(", ").append(type.value().type().jsonName()).append(") pairs");
        } else {
            sb.append(' ').append(key).append('s');
        }
        return sb.toString();
    }
}

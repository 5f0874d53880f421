package io.jvswitch.ovsdb;

import io.jvswitch.ovsdb.json.Json;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * One immutable OVSDB atom: an integer (long), real (double), boolean, string or uuid.
 *
 * <p>Atoms of one type are totally ordered as OVSDB orders them: numbers numerically, false before true,
 * strings by Unicode code point (the same as OVS's byte-wise UTF-8 {@code strcmp}), uuids by their text.
 * Atoms of different types order by {@link AtomicType} (only meaningful for sorting mixed lists).
 */
public final class Atom implements Comparable<Atom> {
    private static final Atom FALSE = new Atom(AtomicType.BOOLEAN, Boolean.FALSE);
    private static final Atom TRUE = new Atom(AtomicType.BOOLEAN, Boolean.TRUE);
    private static final Atom[] SMALL_INTS = new Atom[256];

    static {
        for (int i = 0; i < SMALL_INTS.length; i++) {
            SMALL_INTS[i] = new Atom(AtomicType.INTEGER, (long) i);
        }
    }

    private final AtomicType type;
    private final Object value;

    private Atom(AtomicType type, Object value) {
        this.type = type;
        this.value = value;
    }

    /** An integer atom. */
    public static Atom integer(long v) {
        return v >= 0 && v < SMALL_INTS.length ? SMALL_INTS[(int) v] : new Atom(AtomicType.INTEGER, v);
    }

    /** A real atom. */
    public static Atom real(double v) {
        return new Atom(AtomicType.REAL, v);
    }

    /** A boolean atom. */
    public static Atom bool(boolean v) {
        return v ? TRUE : FALSE;
    }

    /** A string atom. */
    public static Atom string(String v) {
        if (v == null) {
            throw new NullPointerException("string atom");
        }
        return new Atom(AtomicType.STRING, v);
    }

    /** A uuid atom. */
    public static Atom uuid(Uuid v) {
        if (v == null) {
            throw new NullPointerException("uuid atom");
        }
        return new Atom(AtomicType.UUID, v);
    }

    /** The default atom of {@code type}: 0, 0.0, false, "" or the all-zero uuid. */
    public static Atom defaultOf(AtomicType type) {
        switch (type) {
            case INTEGER:
                return integer(0);
            case REAL:
                return real(0.0);
            case BOOLEAN:
                return FALSE;
            case STRING:
                return string("");
            case UUID:
                return uuid(Uuid.ZERO);
            default:
                throw new IllegalArgumentException(String.valueOf(type));
        }
    }

    /** This atom's type. */
    public AtomicType type() {
        return type;
    }

    /** The integer value. @throws ClassCastException unless an integer atom */
    public long asLong() {
        return (Long) value;
    }

    /** The real value (integers widen). */
    public double asDouble() {
        return value instanceof Long l ? l : (Double) value;
    }

    /** The boolean value. */
    public boolean asBoolean() {
        return (Boolean) value;
    }

    /** The string value. */
    public String asString() {
        return (String) value;
    }

    /** The uuid value. */
    public Uuid asUuid() {
        return (Uuid) value;
    }

    /** The boxed Java value: Long, Double, Boolean, String or {@link Uuid}. */
    public Object value() {
        return value;
    }

    /**
     * Parses RFC 7047 {@code <atom>} JSON of {@code type}. Reals accept integer JSON; uuids are
     * {@code ["uuid","…"]} or, when {@code names} is given, {@code ["named-uuid","id"]}.
     *
     * @throws OvsdbException "syntax error" when the JSON does not have that type
     */
    public static Atom fromJson(Json json, AtomicType type, UuidResolver names) {
        switch (type) {
            case INTEGER:
                if (json instanceof Json.Int i) {
                    return integer(i.value());
                }
                break;
            case REAL:
                if (json instanceof Json.Real r) {
                    return real(r.value());
                }
                if (json instanceof Json.Int i) {
                    return real(i.value());
                }
                break;
            case BOOLEAN:
                if (json instanceof Json.Bool b) {
                    return bool(b.value());
                }
                break;
            case STRING:
                if (json instanceof Json.Str s) {
                    return string(s.value());
                }
                break;
            case UUID:
                return uuidFromJson(json, names);
            default:
                break;
        }
        throw OvsdbException.syntax(json, "expected " + type.jsonName());
    }

    private static Atom uuidFromJson(Json json, UuidResolver names) {
        if (json instanceof Json.Arr a && a.size() == 2 && a.get(0) instanceof Json.Str tag
                && a.get(1) instanceof Json.Str text) {
            if (tag.value().equals("uuid")) {
                if (!Uuid.isUuid(text.value())) {
                    throw OvsdbException.syntax(json, "\"" + text.value() + "\" is not a valid UUID");
                }
                return uuid(Uuid.parse(text.value()));
            }
            if (tag.value().equals("named-uuid")) {
                if (names == null) {
                    throw OvsdbException.syntax(json, "named-uuid is not allowed here");
                }
                return uuid(names.resolve(text.value()));
            }
        }
        throw OvsdbException.syntax(json, "expected uuid");
    }

    /** RFC 7047 {@code <atom>} JSON: a number, boolean, string or {@code ["uuid","…"]}. */
    public Json toJson() {
        switch (type) {
            case INTEGER:
                return Json.of(asLong());
            case REAL:
                return Json.of((double) (Double) value);
            case BOOLEAN:
                return Json.of(asBoolean());
            case STRING:
                return Json.of(asString());
            case UUID:
                return Json.array(Json.of("uuid"), Json.of(value.toString()));
            default:
                throw new IllegalStateException();
        }
    }

    /**
     * The atom as ovs-vsctl prints it: numbers and booleans plainly, uuids as text, strings bare when they
     * start with a letter or '_', contain only letters, digits, '_', '-', '.', and are not "true", "false"
     * or uuid-shaped; otherwise as a JSON string.
     */
    public String toDisplayString() {
        switch (type) {
            case INTEGER:
            case BOOLEAN:
            case UUID:
                return value.toString();
            case REAL:
                return formatReal((Double) value);
            case STRING:
                String s = asString();
                if (needsQuotes(s)) {
                    return Json.of(s).toString();
                }
                return s;
            default:
                throw new IllegalStateException();
        }
    }

    /** Whether ovs-vsctl would print {@code s} in quotes. */
    public static boolean needsQuotes(String s) {
        if (s.isEmpty()) {
            return true;
        }
        char c = s.charAt(0);
        if (!isAsciiAlpha(c) && c != '_') {
            return true;
        }
        for (int i = 1; i < s.length(); i++) {
            c = s.charAt(i);
            if (!isAsciiAlpha(c) && !(c >= '0' && c <= '9') && c != '_' && c != '-' && c != '.') {
                return true;
            }
        }
        return s.equals("true") || s.equals("false") || Uuid.isUuid(s);
    }

    private static boolean isAsciiAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static String formatReal(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        if (d == 0) {
            return "0";
        }
        // Like C's "%.15g": 15 significant digits, trailing zeros dropped.
        BigDecimal bd = new BigDecimal(d).round(new MathContext(15)).stripTrailingZeros();
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 15) {
            String mant = bd.movePointLeft(exp).toPlainString();
            return mant + (exp < 0 ? "e-" : "e+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return bd.toPlainString();
    }

    @Override
    public int compareTo(Atom o) {
        if (type != o.type) {
            return type.compareTo(o.type);
        }
        switch (type) {
            case INTEGER:
                return Long.compare((Long) value, (Long) o.value);
            case REAL:
                return Double.compare((Double) value, (Double) o.value);
            case BOOLEAN:
                return Boolean.compare((Boolean) value, (Boolean) o.value);
            case STRING:
                return compareCodePoints((String) value, (String) o.value);
            case UUID:
                return ((Uuid) value).compareTo((Uuid) o.value);
            default:
                throw new IllegalStateException();
        }
    }

    /** Compares by Unicode code point, which matches byte-wise comparison of the UTF-8 encodings. */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                // Surrogates (U+D800..DFFF) encode code points above U+FFFF, which sort after every BMP char.
                boolean sx = Character.isSurrogate(x);
                boolean sy = Character.isSurrogate(y);
                if (sx != sy) {
                    return sx ? 1 : -1;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Atom a && a.type == type && a.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode() * 31 + type.ordinal();
    }

    @Override
    public String toString() {
        return toDisplayString();
    }
}

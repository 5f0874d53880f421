package io.jvswitch.ovsdb;

import io.jvswitch.ovsdb.json.Json;

/**
 * The type of a column (RFC 7047 §3.2 {@code <type>}): a key base type, an optional value base type (then the
 * column is a map), and how many elements it holds ({@code min} 0 or 1, {@code max} ≥ 1 or
 * {@link #UNLIMITED}). Scalars are 1..1 sets, optional values 0..1 sets. Immutable.
 */
public final class ColumnType {
    /** "unlimited" as OVS spells it in messages (UINT_MAX). */
    public static final long UNLIMITED = 4294967295L;

    private final BaseType key;
    private final BaseType value;
    private final long min;
    private final long max;

    private ColumnType(BaseType key, BaseType value, long min, long max) {
        if (min < 0 || min > 1 || max < 1 || min > max) {
            throw new IllegalArgumentException("bad element counts min=" + min + " max=" + max);
        }
        this.key = key;
        this.value = value;
        this.min = min;
        this.max = max;
    }

    /** A scalar (exactly one atom) of {@code key}. */
    public static ColumnType scalar(BaseType key) {
        return new ColumnType(key, null, 1, 1);
    }

    /** An optional (zero or one atom) of {@code key}. */
    public static ColumnType optional(BaseType key) {
        return new ColumnType(key, null, 0, 1);
    }

    /** A set of {@code min}..{@code max} atoms. */
    public static ColumnType set(BaseType key, long min, long max) {
        return new ColumnType(key, null, min, max);
    }

    /** A map of {@code min}..{@code max} pairs. */
    public static ColumnType map(BaseType key, BaseType value, long min, long max) {
        return new ColumnType(key, value, min, max);
    }

    /** The same type with element counts {@code min}..{@code max} (used for relaxed mutation/condition args). */
    public ColumnType withCounts(long newMin, long newMax) {
        return new ColumnType(key, value, newMin, newMax);
    }

    /** Key (or only) base type. */
    public BaseType key() {
        return key;
    }

    /** Value base type of a map, else null. */
    public BaseType value() {
        return value;
    }

    /** Minimum element count (0 or 1). */
    public long min() {
        return min;
    }

    /** Maximum element count ({@link #UNLIMITED} for unlimited). */
    public long max() {
        return max;
    }

    /** Whether this is a map. */
    public boolean isMap() {
        return value != null;
    }

    /** Whether exactly one atom (not a map). */
    public boolean isScalar() {
        return value == null && min == 1 && max == 1;
    }

    /** Whether zero or one atom (not a map). */
    public boolean isOptional() {
        return value == null && min == 0 && max == 1;
    }

    /** Whether a set that may hold more than one atom (not a map). */
    public boolean isMultiSet() {
        return value == null && max > 1;
    }

    /** Whether any key or value atom refers to another table. */
    public boolean isReference() {
        return key.refTable() != null || (value != null && value.refTable() != null);
    }

    /** The default datum: empty when {@code min} is 0, else one default atom (or pair). */
    public Datum defaultDatum() {
        if (min == 0) {
            return isMap() ? Datum.emptyMap() : Datum.emptySet();
        }
        Atom k = Atom.defaultOf(key.type());
        return isMap() ? Datum.mapOf(k, Atom.defaultOf(value.type())) : Datum.scalar(k);
    }

    /**
     * Checks the element count of {@code d}.
     *
     * @throws OvsdbException "constraint violation" when out of range
     */
    public void checkSize(Datum d) {
        if (d.size() < min || d.size() > max) {
            throw OvsdbException.constraint((isMap() ? "map" : "set") + " must have " + min + " to " + max
                    + " members but " + d.size() + " are present");
        }
    }

    /** Checks every atom's constraints and the element count. */
    public void check(Datum d) {
        checkSize(d);
        for (int i = 0; i < d.size(); i++) {
            key.check(d.keyAt(i));
            if (value != null) {
                value.check(d.valueAt(i));
            }
        }
    }

    /**
     * The type in words, as OVSDB's error messages print it: {@code string}, {@code set of up to 4096 integers},
     * {@code map of (string, string) pairs}.
     */
    public String toEnglish() {
        String k = key.refTable() != null ? key.refTable() : key.type().jsonName();
        if (value == null && min == 1 && max == 1) {
            return k;
        }
        StringBuilder sb = new StringBuilder(value == null ? "set of " : "map of ");
        if (max == UNLIMITED) {
            sb.append(min == 0 ? "" : min + " or more ");
        } else if (min == 0) {
            sb.append("up to ").append(max).append(' ');
        } else {
            sb.append(min).append(" to ").append(max).append(' ');
        }
        if (value == null) {
            sb.append(k).append('s');
        } else {
            String v = value.refTable() != null ? value.refTable() : value.type().jsonName();
            sb.append('(').append(k).append(", ").append(v).append(") pairs");
        }
        return sb.toString();
    }

    /** Schema JSON: the bare base type for a plain scalar, else an object with key/value/min/max. */
    public Json toJson() {
        if (value == null && min == 1 && max == 1 && key.isPlain()) {
            return key.toJson();
        }
        Json.ObjBuilder b = Json.object().put("key", key.toJson());
        if (value != null) {
            b.put("value", value.toJson());
        }
        if (min != 1) {
            b.put("min", min);
        }
        if (max != 1) {
            b.put("max", max == UNLIMITED ? Json.of("unlimited") : Json.of(max));
        }
        return b.build();
    }

    /**
     * Parses a schema {@code <type>}.
     *
     * @throws OvsdbException "syntax error" when malformed
     */
    public static ColumnType fromJson(Json json) {
        if (json instanceof Json.Str) {
            return scalar(BaseType.fromJson(json));
        }
        if (!(json instanceof Json.Obj o) || o.get("key") == null) {
            throw OvsdbException.syntax(json, "column type must be a string or an object with \"key\"");
        }
        for (String m : o.members().keySet()) {
            if (!m.equals("key") && !m.equals("value") && !m.equals("min") && !m.equals("max")) {
                throw OvsdbException.syntax(json, "unknown member \"" + m + "\" in column type");
            }
        }
        BaseType k = BaseType.fromJson(o.get("key"));
        BaseType v = o.get("value") == null ? null : BaseType.fromJson(o.get("value"));
        long mn = 1;
        long mx = 1;
        if (o.get("min") != null) {
            if (!(o.get("min") instanceof Json.Int i) || i.value() < 0 || i.value() > 1) {
                throw OvsdbException.syntax(json, "min must be 0 or 1");
            }
            mn = ((Json.Int) o.get("min")).value();
        }
        Json maxJson = o.get("max");
        if (maxJson != null) {
            if (maxJson instanceof Json.Str s && s.value().equals("unlimited")) {
                mx = UNLIMITED;
            } else if (maxJson instanceof Json.Int i && i.value() >= 1) {
                mx = Math.min(i.value(), UNLIMITED);
            } else {
                throw OvsdbException.syntax(json, "max must be a positive integer or \"unlimited\"");
            }
        }
        if (mn > mx) {
            throw OvsdbException.syntax(json, "min must not exceed max");
        }
        return new ColumnType(k, v, mn, mx);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnType t && t.toJson().equals(toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}

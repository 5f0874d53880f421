package io.jvswitch.ovsdb;

import io.jvswitch.ovsdb.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The type of one key or value atom with its constraints (RFC 7047 §3.2 {@code <base-type>}): the atomic
 * type, an optional enumeration, integer/real ranges, string length limits, and for uuids the referenced
 * table and whether the reference is strong or weak. Immutable.
 */
public final class BaseType {
    private final AtomicType type;
    private final Datum enumeration;
    private final Long minInteger;
    private final Long maxInteger;
    private final Double minReal;
    private final Double maxReal;
    private final Long minLength;
    private final Long maxLength;
    private final String refTable;
    private final RefType refType;

    private BaseType(Builder b) {
        this.type = Objects.requireNonNull(b.type, "type");
        this.enumeration = b.enumeration;
        this.minInteger = b.minInteger;
        this.maxInteger = b.maxInteger;
        this.minReal = b.minReal;
        this.maxReal = b.maxReal;
        this.minLength = b.minLength;
        this.maxLength = b.maxLength;
        this.refTable = b.refTable;
        this.refType = b.refTable == null ? null : (b.refType == null ? RefType.STRONG : b.refType);
    }

    /** An unconstrained base type. */
    public static BaseType of(AtomicType type) {
        return builder(type).build();
    }

    /** A builder for a base type of {@code type}. */
    public static Builder builder(AtomicType type) {
        Builder b = new Builder();
        b.type = type;
        return b;
    }

    /** The atomic type. */
    public AtomicType type() {
        return type;
    }

    /** The allowed values (a set datum), or null when not an enumeration. */
    public Datum enumeration() {
        return enumeration;
    }

    /** Lower integer bound, or null. */
    public Long minInteger() {
        return minInteger;
    }

    /** Upper integer bound, or null. */
    public Long maxInteger() {
        return maxInteger;
    }

    /** The referenced table's name for a uuid reference, else null. */
    public String refTable() {
        return refTable;
    }

    /** STRONG or WEAK for a reference, else null. */
    public RefType refType() {
        return refType;
    }

    /** Whether this is a strong reference to rows of some table. */
    public boolean isStrongRef() {
        return refType == RefType.STRONG;
    }

    /** Whether this is a weak reference to rows of some table. */
    public boolean isWeakRef() {
        return refType == RefType.WEAK;
    }

    /**
     * Checks {@code atom} against this type's constraints.
     *
     * @throws OvsdbException "constraint violation" with OVS's wording when it does not fit
     */
    public void check(Atom atom) {
        if (atom.type() != type) {
            throw OvsdbException.constraint("expected " + type.jsonName() + ", got " + atom.type().jsonName());
        }
        if (enumeration != null) {
            if (!enumeration.containsKey(atom)) {
                throw OvsdbException.constraint(atom.toDisplayString() + " is not one of the allowed values ("
                        + enumeration.toDisplayString(true) + ")");
            }
            return;
        }
        switch (type) {
            case INTEGER:
                checkRange(atom.asLong());
                break;
            case REAL:
                checkRealRange(atom);
                break;
            case STRING:
                checkLength(atom.asString());
                break;
            default:
                break;
        }
    }

    private void checkRange(long v) {
        if (minInteger != null && maxInteger != null) {
            if (v < minInteger || v > maxInteger) {
                throw OvsdbException.constraint(v + " is not in the valid range " + minInteger + " to " + maxInteger
                        + " (inclusive)");
            }
        } else if (minInteger != null && v < minInteger) {
            throw OvsdbException.constraint(v + " is less than minimum allowed value " + minInteger);
        } else if (maxInteger != null && v > maxInteger) {
            throw OvsdbException.constraint(v + " is greater than maximum allowed value " + maxInteger);
        }
    }

    private void checkRealRange(Atom atom) {
        double v = atom.asDouble();
        String s = atom.toDisplayString();
        if (minReal != null && maxReal != null) {
            if (v < minReal || v > maxReal) {
                throw OvsdbException.constraint(s + " is not in the valid range " + Atom.real(minReal) + " to "
                        + Atom.real(maxReal) + " (inclusive)");
            }
        } else if (minReal != null && v < minReal) {
            throw OvsdbException.constraint(s + " is less than minimum allowed value " + Atom.real(minReal));
        } else if (maxReal != null && v > maxReal) {
            throw OvsdbException.constraint(s + " is greater than maximum allowed value " + Atom.real(maxReal));
        }
    }

    private void checkLength(String s) {
        long n = s.codePointCount(0, s.length());
        if (minLength != null && n < minLength) {
            throw OvsdbException.constraint("\"" + s + "\" length " + n + " is less than minimum allowed length "
                    + minLength);
        }
        if (maxLength != null && n > maxLength) {
            throw OvsdbException.constraint("\"" + s + "\" length " + n + " is greater than maximum allowed length "
                    + maxLength);
        }
    }

    /** Whether this type has no constraints (so it prints as the bare type name). */
    public boolean isPlain() {
        return enumeration == null && minInteger == null && maxInteger == null && minReal == null
                && maxReal == null && minLength == null && maxLength == null && refTable == null;
    }

    /** Schema JSON: the bare type name when unconstrained, else an object. */
    public Json toJson() {
        if (isPlain()) {
            return Json.of(type.jsonName());
        }
        Json.ObjBuilder b = Json.object().put("type", type.jsonName());
        if (enumeration != null) {
            b.put("enum", enumeration.toJson());
        }
        putIfSet(b, "minInteger", minInteger);
        putIfSet(b, "maxInteger", maxInteger);
        if (minReal != null) {
            b.put("minReal", Json.of(minReal));
        }
        if (maxReal != null) {
            b.put("maxReal", Json.of(maxReal));
        }
        putIfSet(b, "minLength", minLength);
        putIfSet(b, "maxLength", maxLength);
        if (refTable != null) {
            b.put("refTable", refTable);
            if (refType == RefType.WEAK) {
                b.put("refType", "weak");
            }
        }
        return b.build();
    }

    private static void putIfSet(Json.ObjBuilder b, String name, Long v) {
        if (v != null) {
            b.put(name, v);
        }
    }

    /**
     * Parses a schema {@code <base-type>}: a type name or an object.
     *
     * @throws OvsdbException "syntax error" when malformed
     */
    public static BaseType fromJson(Json json) {
        if (json instanceof Json.Str s) {
            return of(atomicType(json, s.value()));
        }
        if (!(json instanceof Json.Obj o)) {
            throw OvsdbException.syntax(json, "base type must be a string or an object");
        }
        Json t = o.get("type");
        if (!(t instanceof Json.Str ts)) {
            throw OvsdbException.syntax(json, "base type needs a \"type\" string");
        }
        Builder b = builder(atomicType(json, ts.value()));
        for (String m : o.members().keySet()) {
            switch (m) {
                case "type":
                case "enum":
                case "minInteger":
                case "maxInteger":
                case "minReal":
                case "maxReal":
                case "minLength":
                case "maxLength":
                case "refTable":
                case "refType":
                    break;
                default:
                    throw OvsdbException.syntax(json, "unknown member \"" + m + "\" in base type");
            }
        }
        b.minInteger = optLong(o, "minInteger");
        b.maxInteger = optLong(o, "maxInteger");
        b.minLength = optLong(o, "minLength");
        b.maxLength = optLong(o, "maxLength");
        b.minReal = optReal(o, "minReal");
        b.maxReal = optReal(o, "maxReal");
        if (o.get("refTable") instanceof Json.Str rt) {
            b.refTable = rt.value();
        }
        if (o.get("refType") instanceof Json.Str rf) {
            if (rf.value().equals("weak")) {
                b.refType = RefType.WEAK;
            } else if (rf.value().equals("strong")) {
                b.refType = RefType.STRONG;
            } else {
                throw OvsdbException.syntax(json, "refType must be \"strong\" or \"weak\"");
            }
        }
        Json e = o.get("enum");
        if (e != null) {
            ColumnType enumType = ColumnType.set(of(b.type), 1, ColumnType.UNLIMITED);
            b.enumeration = Datum.fromJson(e, enumType, null);
        }
        return b.build();
    }

    private static AtomicType atomicType(Json where, String name) {
        AtomicType t = AtomicType.fromJsonName(name);
        if (t == null) {
            throw OvsdbException.syntax(where, "unknown atomic type \"" + name + "\"");
        }
        return t;
    }

    private static Long optLong(Json.Obj o, String name) {
        Json v = o.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Json.Int i) {
            return i.value();
        }
        throw OvsdbException.syntax(o, name + " must be an integer");
    }

    private static Double optReal(Json.Obj o, String name) {
        Json v = o.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Json.Int i) {
            return (double) i.value();
        }
        if (v instanceof Json.Real r) {
            return r.value();
        }
        throw OvsdbException.syntax(o, name + " must be a number");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BaseType b && b.toJson().equals(toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }

    /** Builder for {@link BaseType}. */
    public static final class Builder {
        private AtomicType type;
        private Datum enumeration;
        private Long minInteger;
        private Long maxInteger;
        private Double minReal;
        private Double maxReal;
        private Long minLength;
        private Long maxLength;
        private String refTable;
        private RefType refType;

        private Builder() {
        }

        /** Restricts values to {@code allowed}. */
        public Builder enumeration(Atom... allowed) {
            List<Atom> l = new ArrayList<>(List.of(allowed));
            this.enumeration = Datum.set(l);
            return this;
        }

        /** Integer range (either bound may be null). */
        public Builder integerRange(Long min, Long max) {
            this.minInteger = min;
            this.maxInteger = max;
            return this;
        }

        /** Makes this a reference to rows of {@code table}. */
        public Builder ref(String table, RefType kind) {
            this.refTable = table;
            this.refType = kind;
            return this;
        }

        /** The finished type. */
        public BaseType build() {
            return new BaseType(this);
        }
    }
}

package io.jvswitch.ovsdb;

import io.jvswitch.ovsdb.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The immutable value of one column in one row: a set of atoms, or a map from key atoms to value atoms.
 * A scalar is a one-element set and an optional value a zero- or one-element set, exactly as in OVSDB.
 *
 * <p><b>Invariant:</b> keys are sorted in {@link Atom} order and unique (the canonical form OVSDB keeps), so
 * equal datums have equal arrays, lookups are binary searches and printing needs no sort. For a map,
 * {@code values[i]} belongs to {@code keys[i]}.
 */
public final class Datum {
    private static final Atom[] NONE = new Atom[0];
    private static final Datum EMPTY_SET = new Datum(NONE, null);
    private static final Datum EMPTY_MAP = new Datum(NONE, NONE);

    private final Atom[] keys;
    private final Atom[] values;

    private Datum(Atom[] keys, Atom[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** The empty set. */
    public static Datum emptySet() {
        return EMPTY_SET;
    }

    /** The empty map. */
    public static Datum emptyMap() {
        return EMPTY_MAP;
    }

    /** A one-element set. */
    public static Datum scalar(Atom a) {
        return new Datum(new Atom[] {a}, null);
    }

    /** A set of {@code atoms}; duplicates collapse. */
    public static Datum set(Collection<Atom> atoms) {
        Atom[] k = atoms.toArray(NONE);
        Arrays.sort(k);
        int n = dedupe(k, null);
        return new Datum(n == k.length ? k : Arrays.copyOf(k, n), null);
    }

    /** A set of {@code atoms}; duplicates collapse. */
    public static Datum set(Atom... atoms) {
        return set(Arrays.asList(atoms));
    }

    /** A one-pair map. */
    public static Datum mapOf(Atom key, Atom value) {
        return new Datum(new Atom[] {key}, new Atom[] {value});
    }

    /** A map of {@code pairs} (keys unique by construction). */
    public static Datum map(Map<Atom, Atom> pairs) {
        Atom[] k = new Atom[pairs.size()];
        Atom[] v = new Atom[k.length];
        int i = 0;
        List<Map.Entry<Atom, Atom>> entries = new ArrayList<>(pairs.entrySet());
        entries.sort(Map.Entry.comparingByKey());
        for (Map.Entry<Atom, Atom> e : entries) {
            k[i] = e.getKey();
            v[i] = e.getValue();
            i++;
        }
        return new Datum(k, v);
    }

    /** A map from a Java string map (string keys and values), the common {@code external_ids} shape. */
    public static Datum stringMap(Map<String, String> pairs) {
        Map<Atom, Atom> m = new LinkedHashMap<>();
        pairs.forEach((k, v) -> m.put(Atom.string(k), Atom.string(v)));
        return map(m);
    }

    /** Sorts pairs by key in place and removes later duplicates; returns the new length. */
    private static int dedupe(Atom[] k, Atom[] v) {
        if (k.length < 2) {
            return k.length;
        }
        int n = 1;
        for (int i = 1; i < k.length; i++) {
            if (!k[i].equals(k[n - 1])) {
                k[n] = k[i];
                if (v != null) {
                    v[n] = v[i];
                }
                n++;
            }
        }
        return n;
    }

    /** Number of elements (atoms or pairs). */
    public int size() {
        return keys.length;
    }

    /** Whether there are no elements. */
    public boolean isEmpty() {
        return keys.length == 0;
    }

    /** Whether this is a map. */
    public boolean isMap() {
        return values != null;
    }

    /** The {@code i}th key (or set element) in canonical order. */
    public Atom keyAt(int i) {
        return keys[i];
    }

    /** The {@code i}th map value. */
    public Atom valueAt(int i) {
        return values[i];
    }

    /** The keys (set elements) in canonical order, unmodifiable. */
    public List<Atom> keys() {
        return Collections.unmodifiableList(Arrays.asList(keys));
    }

    /** The map values in key order, unmodifiable (empty for a set). */
    public List<Atom> values() {
        return values == null ? List.of() : Collections.unmodifiableList(Arrays.asList(values));
    }

    /** The only element of a one-element datum, or null when empty. */
    public Atom first() {
        return keys.length == 0 ? null : keys[0];
    }

    /** Index of {@code key}, or a negative number when absent. */
    public int indexOf(Atom key) {
        return Arrays.binarySearch(keys, key);
    }

    /** Whether {@code key} is an element (set) or a key (map). */
    public boolean containsKey(Atom key) {
        return indexOf(key) >= 0;
    }

    /** The map value for {@code key}, or null. */
    public Atom get(Atom key) {
        int i = indexOf(key);
        return i >= 0 && values != null ? values[i] : null;
    }

    /** A string-keyed map as a Java map (keys and values by display text of non-string atoms). */
    public Map<String, String> toStringMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            m.put(plain(keys[i]), values == null ? "" : plain(values[i]));
        }
        return m;
    }

    private static String plain(Atom a) {
        return a.type() == AtomicType.STRING ? a.asString() : a.toDisplayString();
    }

    /** Whether every element (pair, for maps) of {@code other} is also in this datum. */
    public boolean includes(Datum other) {
        for (int i = 0; i < other.keys.length; i++) {
            int j = indexOf(other.keys[i]);
            if (j < 0) {
                return false;
            }
            if (values != null && other.values != null && !values[j].equals(other.values[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether no element (pair, for maps) of {@code other} is in this datum. */
    public boolean excludes(Datum other) {
        for (int i = 0; i < other.keys.length; i++) {
            int j = indexOf(other.keys[i]);
            if (j >= 0 && (values == null || other.values == null || values[j].equals(other.values[i]))) {
                return false;
            }
        }
        return true;
    }

    /** Set union, or for maps: adds pairs whose key is not present yet (never overwrites, as OVSDB does). */
    public Datum union(Datum other) {
        Map<Atom, Atom> m = new LinkedHashMap<>();
        List<Atom> set = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            if (values != null) {
                m.put(keys[i], values[i]);
            } else {
                set.add(keys[i]);
            }
        }
        for (int i = 0; i < other.keys.length; i++) {
            if (values != null) {
                m.putIfAbsent(other.keys[i], other.values == null ? null : other.values[i]);
            } else {
                set.add(other.keys[i]);
            }
        }
        return values != null ? map(m) : set(set);
    }

    /**
     * Set difference. For maps, {@code other} may be a set of keys (removes those keys) or a map (removes the
     * pairs that match key and value).
     */
    public Datum minus(Datum other) {
        List<Atom> k = new ArrayList<>();
        List<Atom> v = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            int j = other.indexOf(keys[i]);
            boolean remove = j >= 0 && (values == null || other.values == null || other.values[j].equals(values[i]));
            if (!remove) {
                k.add(keys[i]);
                if (values != null) {
                    v.add(values[i]);
                }
            }
        }
        return new Datum(k.toArray(NONE), values == null ? null : v.toArray(NONE));
    }

    /** A set datum with every element replaced by {@code f}, re-sorted; null when two results collide. */
    public Datum mapElements(UnaryOperator<Atom> f) {
        Atom[] k = new Atom[keys.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = f.apply(keys[i]);
        }
        Atom[] sorted = k.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i].equals(sorted[i - 1])) {
                return null;
            }
        }
        return new Datum(sorted, null);
    }

    /**
     * RFC 7047 {@code <value>} JSON: a map as {@code ["map",[[k,v],…]]}, a one-element set as the bare atom,
     * any other set as {@code ["set",[…]]} — the encoding ovsdb-server sends.
     */
    public Json toJson() {
        if (values != null) {
            List<Json> pairs = new ArrayList<>(keys.length);
            for (int i = 0; i < keys.length; i++) {
                pairs.add(Json.array(keys[i].toJson(), values[i].toJson()));
            }
            return Json.array(Json.of("map"), Json.array(pairs));
        }
        if (keys.length == 1) {
            return keys[0].toJson();
        }
        List<Json> atoms = new ArrayList<>(keys.length);
        for (Atom a : keys) {
            atoms.add(a.toJson());
        }
        return Json.array(Json.of("set"), Json.array(atoms));
    }

    /**
     * Parses RFC 7047 {@code <value>} JSON as a value of {@code type}: checks atom types, atom constraints
     * (ranges, enums: "constraint violation") and element counts and duplicates ("syntax error").
     *
     * @param names resolves {@code named-uuid}s, or null to reject them
     */
    public static Datum fromJson(Json json, ColumnType type, UuidResolver names) {
        Datum d = type.isMap() ? mapFromJson(json, type, names) : setFromJson(json, type, names);
        if (d.size() < type.min() || d.size() > type.max()) {
            throw OvsdbException.syntax(json, (type.isMap() ? "map" : "set") + " must have " + type.min() + " to "
                    + type.max() + " members but " + d.size() + " are present");
        }
        for (int i = 0; i < d.size(); i++) {
            type.key().check(d.keys[i]);
            if (d.values != null) {
                type.value().check(d.values[i]);
            }
        }
        return d;
    }

    private static Datum setFromJson(Json json, ColumnType type, UuidResolver names) {
        if (json instanceof Json.Arr a && a.size() == 2 && a.get(0) instanceof Json.Str tag
                && tag.value().equals("set")) {
            if (!(a.get(1) instanceof Json.Arr elems)) {
                throw OvsdbException.syntax(json, "set must be [\"set\", [...]]");
            }
            Atom[] k = new Atom[elems.size()];
            for (int i = 0; i < k.length; i++) {
                k[i] = Atom.fromJson(elems.get(i), type.key().type(), names);
            }
            Arrays.sort(k);
            if (dedupe(k.clone(), null) != k.length) {
                // ovsdb-server's exact (generic) wording for this case.
                throw new OvsdbException("ovsdb error", "set contains duplicate");
            }
            return new Datum(k, null);
        }
        return scalar(Atom.fromJson(json, type.key().type(), names));
    }

    private static Datum mapFromJson(Json json, ColumnType type, UuidResolver names) {
        if (!(json instanceof Json.Arr a && a.size() == 2 && a.get(0) instanceof Json.Str tag
                && tag.value().equals("map") && a.get(1) instanceof Json.Arr pairs)) {
            throw OvsdbException.syntax(json, "map must be [\"map\", [[key, value], ...]]");
        }
        Map<Atom, Atom> m = new LinkedHashMap<>();
        for (Json p : pairs.items()) {
            if (!(p instanceof Json.Arr kv) || kv.size() != 2) {
                throw OvsdbException.syntax(json, "map pair must be [key, value]");
            }
            Atom k = Atom.fromJson(kv.get(0), type.key().type(), names);
            Atom v = Atom.fromJson(kv.get(1), type.value().type(), names);
            if (m.put(k, v) != null) {
                throw new OvsdbException("ovsdb error", "map contains duplicate key");
            }
        }
        return map(m);
    }

    /**
     * The value as ovs-vsctl prints it for a column of {@code type}: maps as {@code {k=v, …}}, sets that may
     * hold more than one element (or are empty) as {@code [a, b]}, a present scalar/optional as the bare atom.
     */
    public String toDisplayString(ColumnType type) {
        return toDisplayString(type.isMap() || type.max() > 1 || keys.length != 1);
    }

    /** The value printed with brackets ({@code [a, b]} / {@code {k=v}}) when {@code brackets}, else bare. */
    public String toDisplayString(boolean brackets) {
        StringBuilder sb = new StringBuilder();
        boolean map = values != null;
        if (brackets || map) {
            sb.append(map ? '{' : '[');
        }
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(keys[i].toDisplayString());
            if (map) {
                sb.append('=').append(values[i].toDisplayString());
            }
        }
        if (brackets || map) {
            sb.append(map ? '}' : ']');
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Datum d && Arrays.equals(d.keys, keys) && Arrays.equals(d.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(keys) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}

package io.jvswitch.ovsdb.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable JSON value, the exact shape RFC 7047 needs: integers and reals are distinct (OVSDB's
 * "integer" and "real" atoms), object members keep their order, and nothing is coerced behind the caller's
 * back. Parse with {@link JsonParser}, print with {@link JsonWriter} or {@code toString()} (compact).
 */
public sealed interface Json permits Json.Null, Json.Bool, Json.Int, Json.Real, Json.Str, Json.Arr, Json.Obj {

    /** JSON {@code null}. */
    Null NULL = new Null();
    /** JSON {@code true}. */
    Bool TRUE = new Bool(true);
    /** JSON {@code false}. */
    Bool FALSE = new Bool(false);

    /** JSON null (a singleton: use {@link #NULL}). */
    final class Null implements Json {
        private Null() {
        }

        @Override
        public String toString() {
            return "null";
        }
    }

    /** A JSON boolean. */
    record Bool(boolean value) implements Json {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** A JSON number written without fraction or exponent that fits in a signed 64-bit integer. */
    record Int(long value) implements Json {
        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /** A JSON number with a fraction or exponent (or too large for a long). */
    record Real(double value) implements Json {
        @Override
        public String toString() {
            return JsonWriter.write(this);
        }
    }

    /** A JSON string. */
    record Str(String value) implements Json {
        /** Creates a string value; {@code value} must not be null. */
        public Str {
            if (value == null) {
                throw new NullPointerException("value");
            }
        }

        @Override
        public String toString() {
            return JsonWriter.write(this);
        }
    }

    /** A JSON array (unmodifiable list). */
    record Arr(List<Json> items) implements Json {
        /** Copies {@code items} into an unmodifiable list. */
        public Arr {
            items = List.copyOf(items);
        }

        /** Number of elements. */
        public int size() {
            return items.size();
        }

        /** Element {@code i}. */
        public Json get(int i) {
            return items.get(i);
        }

        @Override
        public String toString() {
            return JsonWriter.write(this);
        }
    }

    /** A JSON object (unmodifiable, members in the order they were given). */
    record Obj(Map<String, Json> members) implements Json {
        /** Copies {@code members} preserving order. */
        public Obj {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        /** The member named {@code name}, or null when absent. */
        public Json get(String name) {
            return members.get(name);
        }

        /** Whether a member named {@code name} exists. */
        public boolean has(String name) {
            return members.containsKey(name);
        }

        @Override
        public String toString() {
            return JsonWriter.write(this);
        }
    }

    /** A JSON string. */
    static Str of(String s) {
        return new Str(s);
    }

    /** A JSON integer. */
    static Int of(long v) {
        return new Int(v);
    }

    /** A JSON real. */
    static Real of(double v) {
        return new Real(v);
    }

    /** A JSON boolean. */
    static Bool of(boolean v) {
        return v ? TRUE : FALSE;
    }

    /** A JSON array of the given elements. */
    static Arr array(Json... items) {
        return new Arr(List.of(items));
    }

    /** A JSON array of the given elements. */
    static Arr array(List<? extends Json> items) {
        return new Arr(new ArrayList<>(items));
    }

    /** An empty JSON object. */
    static Obj emptyObject() {
        return new Obj(Map.of());
    }

    /** Starts building an object whose members keep insertion order. */
    static ObjBuilder object() {
        return new ObjBuilder();
    }

    /** Builder for {@link Obj}. */
    final class ObjBuilder {
        private final LinkedHashMap<String, Json> members = new LinkedHashMap<>();

        /** Adds (or replaces) member {@code name}. */
        public ObjBuilder put(String name, Json value) {
            members.put(name, value);
            return this;
        }

        /** Adds a string member. */
        public ObjBuilder put(String name, String value) {
            return put(name, new Str(value));
        }

        /** Adds an integer member. */
        public ObjBuilder put(String name, long value) {
            return put(name, new Int(value));
        }

        /** Whether nothing was added yet. */
        public boolean isEmpty() {
            return members.isEmpty();
        }

        /** The finished object. */
        public Obj build() {
            return new Obj(members);
        }
    }
}

package io.jvswitch.ovsdb.txn;

import io.jvswitch.ovsdb.Atom;
import io.jvswitch.ovsdb.Datum;
import io.jvswitch.ovsdb.Uuid;
import io.jvswitch.ovsdb.json.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds an RFC 7047 transaction from Java values, so Java callers never assemble JSON text:
 *
 * <pre>{@code
 * TxnBuilder t = db.newTransaction();
 * TxnBuilder.Ref iface = t.insert("Interface", Map.of("name", "vnet0"));
 * TxnBuilder.Ref port = t.insert("Port", Map.of("name", "vnet0", "interfaces", iface, "tag", 10));
 * t.mutate("Bridge", List.of(TxnBuilder.eq("name", "br0")), TxnBuilder.mutation("ports", "insert", port));
 * TxnResult r = t.commit();
 * Uuid portUuid = r.namedUuids().get(port.name());
 * }</pre>
 *
 * Values: {@code String}, {@code Long}/{@code Integer}, {@code Double}, {@code Boolean}, {@link Uuid},
 * {@link Ref} (a row inserted in this transaction), {@link Atom}, {@link Datum}, a {@code Collection} (a set)
 * or a {@code Map} (a map). The operations go through the same parser and executor as JSON from the wire.
 */
public final class TxnBuilder {
    private final Function<Json, TxnResult> committer;
    private final List<Json> ops = new ArrayList<>();
    private int nextName;

    /** A named row of this transaction, usable as a value anywhere (RFC 7047 {@code named-uuid}). */
    public record Ref(String name) {
        /** The uuid the row got, from the committed result. */
        public Uuid uuid(TxnResult result) {
            return result.namedUuids().get(name);
        }
    }

    /** A builder whose {@link #commit()} hands the operations to {@code committer}. */
    public TxnBuilder(Function<Json, TxnResult> committer) {
        this.committer = committer;
    }

    /** Inserts a row into {@code table}; returns a reference to it. */
    public Ref insert(String table, Map<String, ?> row) {
        Ref ref = new Ref("row" + (nextName++));
        ops.add(Json.object().put("op", "insert").put("table", table).put("uuid-name", ref.name())
                .put("row", row(row)).build());
        return ref;
    }

    /** Sets {@code row}'s columns in every row of {@code table} matching {@code where}. */
    public TxnBuilder update(String table, List<Json> where, Map<String, ?> row) {
        ops.add(Json.object().put("op", "update").put("table", table).put("where", Json.array(where))
                .put("row", row(row)).build());
        return this;
    }

    /** Applies {@code mutations} (see {@link #mutation}) to every row of {@code table} matching {@code where}. */
    public TxnBuilder mutate(String table, List<Json> where, Json... mutations) {
        ops.add(Json.object().put("op", "mutate").put("table", table).put("where", Json.array(where))
                .put("mutations", Json.array(mutations)).build());
        return this;
    }

    /** Deletes every row of {@code table} matching {@code where}. */
    public TxnBuilder delete(String table, List<Json> where) {
        ops.add(Json.object().put("op", "delete").put("table", table).put("where", Json.array(where)).build());
        return this;
    }

    /** Selects rows of {@code table} matching {@code where} (all columns). */
    public TxnBuilder select(String table, List<Json> where) {
        ops.add(Json.object().put("op", "select").put("table", table).put("where", Json.array(where)).build());
        return this;
    }

    /** Adds a comment (logged by the store). */
    public TxnBuilder comment(String text) {
        ops.add(Json.object().put("op", "comment").put("comment", text).build());
        return this;
    }

    /** Adds any operation given as JSON. */
    public TxnBuilder raw(Json op) {
        ops.add(op);
        return this;
    }

    /** The condition {@code _uuid == uuid}. */
    public static Json whereUuid(Uuid uuid) {
        return cond("_uuid", "==", uuid);
    }

    /** The condition {@code column == value}. */
    public static Json eq(String column, Object value) {
        return cond(column, "==", value);
    }

    /** A condition {@code [column, function, value]}. */
    public static Json cond(String column, String function, Object value) {
        return Json.array(Json.of(column), Json.of(function), value(value));
    }

    /** A mutation {@code [column, mutator, value]} ({@code += -= *= /= %= insert delete}). */
    public static Json mutation(String column, String mutator, Object value) {
        return Json.array(Json.of(column), Json.of(mutator), value(value));
    }

    /** The operations so far, as the JSON array the store executes. */
    public Json toJson() {
        return Json.array(ops);
    }

    /** Runs the transaction. */
    public TxnResult commit() {
        return committer.apply(toJson());
    }

    private static Json row(Map<String, ?> row) {
        Json.ObjBuilder b = Json.object();
        row.forEach((k, v) -> b.put(k, value(v)));
        return b.build();
    }

    /** The RFC 7047 JSON of a Java value (see the class comment for the accepted types). */
    public static Json value(Object v) {
        if (v instanceof Json j) {
            return j;
        }
        if (v instanceof Datum d) {
            return d.toJson();
        }
        if (v instanceof Collection<?> c) {
            List<Json> items = new ArrayList<>();
            c.forEach(x -> items.add(value(x)));
            return items.size() == 1 ? items.get(0) : Json.array(Json.of("set"), Json.array(items));
        }
        if (v instanceof Map<?, ?> m) {
            List<Json> pairs = new ArrayList<>();
            m.forEach((k, x) -> pairs.add(Json.array(value(k), value(x))));
            return Json.array(Json.of("map"), Json.array(pairs));
        }
        return atom(v);
    }

    private static Json atom(Object v) {
        if (v instanceof String s) {
            return Json.of(s);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            return Json.of(((Number) v).longValue());
        }
        if (v instanceof Double || v instanceof Float) {
            return Json.of(((Number) v).doubleValue());
        }
        if (v instanceof Boolean b) {
            return Json.of(b);
        }
        if (v instanceof Uuid u) {
            return Atom.uuid(u).toJson();
        }
        if (v instanceof Ref r) {
            return Json.array(Json.of("named-uuid"), Json.of(r.name()));
        }
        if (v instanceof Atom a) {
            return a.toJson();
        }
        throw new IllegalArgumentException("cannot store a " + (v == null ? "null" : v.getClass().getName()));
    }
}

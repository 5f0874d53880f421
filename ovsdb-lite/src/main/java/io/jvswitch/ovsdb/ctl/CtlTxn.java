package io.jvswitch.ovsdb.ctl;

import io.jvswitch.ovsdb.Atom;
import io.jvswitch.ovsdb.ColumnSchema;
import io.jvswitch.ovsdb.DatabaseSnapshot;
import io.jvswitch.ovsdb.Datum;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.TableSchema;
import io.jvswitch.ovsdb.Uuid;
import io.jvswitch.ovsdb.json.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The working copy that the commands of one invocation read and edit, on top of one committed snapshot (the
 * role of OVS's IDL replica plus its pending transaction).
 *
 * <p><b>What.</b> Reads see the snapshot plus this invocation's own edits; nothing reaches the store until
 * {@link #operations()} turns the difference into one RFC 7047 transaction: inserts (with the uuids the
 * commands already printed), updates of changed columns, deletes of root-table rows. Rows of non-root tables
 * that a command destroyed are not deleted explicitly: as with OVS's IDL, the store's garbage collector removes
 * them when nothing references them any more, and keeps them otherwise.
 *
 * <p><b>Concurrency.</b> The transaction starts with one {@code wait} per table the commands read, asserting
 * that the table's rows (uuid and version) are still those of the snapshot. If another writer committed in
 * between, the store answers "timed out" and the engine runs the commands again on a fresh snapshot.
 *
 * <p><b>Threading.</b> One instance per attempt, used by one thread.
 */
final class CtlTxn {
    private final DatabaseSnapshot base;
    private final Map<String, LinkedHashMap<Uuid, Row>> copies = new LinkedHashMap<>();
    private final Set<String> readTables = new LinkedHashSet<>();

    CtlTxn(DatabaseSnapshot base) {
        this.base = base;
    }

    Schema schema() {
        return base.schema();
    }

    /** The current rows of {@code t} (a copy, safe to iterate while editing). */
    List<Row> rows(TableSchema t) {
        readTables.add(t.name());
        Map<Uuid, Row> c = copies.get(t.name());
        return new ArrayList<>(c != null ? c.values() : base.table(t.name()).rows());
    }

    /** The current row {@code uuid} of {@code t}, or null. */
    Row row(TableSchema t, Uuid uuid) {
        readTables.add(t.name());
        Map<Uuid, Row> c = copies.get(t.name());
        return c != null ? c.get(uuid) : base.table(t.name()).row(uuid);
    }

    /** The table named {@code name} (which must exist). */
    TableSchema table(String name) {
        TableSchema t = base.schema().table(name);
        if (t == null) {
            throw new IllegalArgumentException("schema has no table " + name);
        }
        return t;
    }

    /** The single Open_vSwitch row, or null. */
    Row openVswitch() {
        List<Row> rows = rows(table("Open_vSwitch"));
        return rows.isEmpty() ? null : rows.get(0);
    }

    private LinkedHashMap<Uuid, Row> writable(TableSchema t) {
        return copies.computeIfAbsent(t.name(), n -> new LinkedHashMap<>(base.table(n).asMap()));
    }

    /** Inserts a new row of {@code t} with id {@code uuid} and default values. */
    Row insert(TableSchema t, Uuid uuid) {
        Row r = Row.withDefaults(t, uuid, Uuid.random());
        writable(t).put(uuid, r);
        return r;
    }

    /** Sets {@code column} of {@code row}; returns the new row. */
    Row set(Row row, ColumnSchema column, Datum value) {
        Row current = row(row.table(), row.uuid());
        Row next = (current != null ? current : row).with(column, value);
        writable(row.table()).put(row.uuid(), next);
        return next;
    }

    /** Sets the column named {@code column} of {@code row}. */
    Row set(Row row, String column, Datum value) {
        return set(row, row.table().column(column), value);
    }

    /** Adds {@code uuid} to the set column {@code column} of {@code row}. */
    Row addRef(Row row, String column, Uuid uuid) {
        Row current = row(row.table(), row.uuid());
        Datum d = current.get(column).union(Datum.scalar(Atom.uuid(uuid)));
        return set(current, column, d);
    }

    /** Removes {@code uuid} from the set column {@code column} of {@code row}. */
    Row removeRef(Row row, String column, Uuid uuid) {
        Row current = row(row.table(), row.uuid());
        Datum d = current.get(column).minus(Datum.scalar(Atom.uuid(uuid)));
        return set(current, column, d);
    }

    /** Whether {@code row} was inserted by this invocation (so even read-only columns may still be set). */
    boolean isInserted(Row row) {
        return base.table(row.table().name()).row(row.uuid()) == null;
    }

    /** Deletes {@code row} from the working copy. */
    void delete(Row row) {
        writable(row.table()).remove(row.uuid());
    }

    /** Whether the commands changed anything. */
    boolean isChanged() {
        for (Map.Entry<String, LinkedHashMap<Uuid, Row>> e : copies.entrySet()) {
            Map<Uuid, Row> before = base.table(e.getKey()).asMap();
            Map<Uuid, Row> after = e.getValue();
            if (before.size() != after.size()) {
                return true;
            }
            for (Row r : after.values()) {
                Row b = before.get(r.uuid());
                if (b == null || !b.sameValues(r)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The number of leading {@code wait} operations in {@link #operations()}. */
    int waitCount() {
        return readTables.size();
    }

    /** The RFC 7047 operations that apply this working copy: the conflict waits, then the writes. */
    Json operations() {
        List<Json> ops = new ArrayList<>();
        for (String t : readTables) {
            ops.add(waitFor(base.schema().table(t)));
        }
        for (TableSchema t : base.schema().tables()) {
            LinkedHashMap<Uuid, Row> after = copies.get(t.name());
            if (after == null) {
                continue;
            }
            Map<Uuid, Row> before = base.table(t.name()).asMap();
            for (Row r : after.values()) {
                Row b = before.get(r.uuid());
                if (b == null) {
                    ops.add(insertOp(r));
                } else if (!b.sameValues(r)) {
                    ops.add(updateOp(b, r));
                }
            }
            if (base.schema().isRoot(t)) {
                for (Row b : before.values()) {
                    if (!after.containsKey(b.uuid())) {
                        ops.add(Json.object().put("op", "delete").put("table", t.name())
                                .put("where", Json.array(whereUuid(b.uuid()))).build());
                    }
                }
            }
        }
        return Json.array(ops);
    }

    private Json waitFor(TableSchema t) {
        List<Json> rows = new ArrayList<>();
        for (Row r : base.table(t.name()).rows()) {
            rows.add(Json.object().put("_uuid", Atom.uuid(r.uuid()).toJson())
                    .put("_version", Atom.uuid(r.version()).toJson()).build());
        }
        return Json.object().put("op", "wait").put("table", t.name()).put("timeout", 0)
                .put("where", Json.array(List.of()))
                .put("columns", Json.array(Json.of("_uuid"), Json.of("_version")))
                .put("until", "==").put("rows", Json.array(rows)).build();
    }

    private static Json insertOp(Row r) {
        Json.ObjBuilder row = Json.object();
        for (ColumnSchema c : r.table().columns()) {
            Datum d = r.get(c);
            if (!d.equals(c.type().defaultDatum())) {
                row.put(c.name(), d.toJson());
            }
        }
        return Json.object().put("op", "insert").put("table", r.table().name()).put("uuid", r.uuid().toString())
                .put("row", row.build()).build();
    }

    private static Json updateOp(Row before, Row after) {
        Json.ObjBuilder row = Json.object();
        for (ColumnSchema c : after.table().columns()) {
            if (!before.get(c).equals(after.get(c))) {
                row.put(c.name(), after.get(c).toJson());
            }
        }
        return Json.object().put("op", "update").put("table", after.table().name())
                .put("where", Json.array(whereUuid(after.uuid()))).put("row", row.build()).build();
    }

    private static Json whereUuid(Uuid u) {
        return Json.array(Json.of("_uuid"), Json.of("=="), Atom.uuid(u).toJson());
    }

    /** All rows of {@code t} whose uuids are in {@code refs}, in the order of {@code refs}. */
    List<Row> resolve(TableSchema t, Collection<Atom> refs) {
        List<Row> out = new ArrayList<>();
        for (Atom a : refs) {
            Row r = row(t, a.asUuid());
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }
}

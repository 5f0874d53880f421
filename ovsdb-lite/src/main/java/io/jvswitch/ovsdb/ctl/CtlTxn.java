package io.jvswitch.ovsdb.ctl;

import io.jvswitch.ovsdb.Atom;
import io.jvswitch.ovsdb.AtomicType;
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
 * <p><b>Concurrency.</b> The transaction starts with {@code wait} operations asserting that everything the
 * commands read is unchanged since the snapshot: each row read by uuid (same version, or still absent), each
 * lookup by name (the same rows match), and each table scanned as a whole (the same rows, same versions). If
 * another writer committed something the commands depended on, the store answers "timed out" and the engine
 * runs the commands again on a fresh snapshot; writes elsewhere do not disturb it.
 *
 * <p><b>Threading.</b> One instance per attempt, used by one thread.
 */
final class CtlTxn {
    private final DatabaseSnapshot base;
    private final Map<String, LinkedHashMap<Uuid, Row>> copies = new LinkedHashMap<>();
    /** Tables read as a whole. */
    private final Set<String> scanned = new LinkedHashSet<>();
    /** Columns depended on across whole tables, per table. */
    private final Map<String, Set<String>> columnDeps = new LinkedHashMap<>();
    /** Rows read by uuid, per table. */
    private final Map<String, Set<Uuid>> readByUuid = new LinkedHashMap<>();
    /** String values looked up in a column, per table and column. */
    private final Map<String, Map<String, Set<String>>> readByValue = new LinkedHashMap<>();

    CtlTxn(DatabaseSnapshot base) {
        this.base = base;
    }

    Schema schema() {
        return base.schema();
    }

    /** The current rows of {@code t} (a copy, safe to iterate while editing). */
    List<Row> rows(TableSchema t) {
        scanned.add(t.name());
        Map<Uuid, Row> c = copies.get(t.name());
        return new ArrayList<>(c != null ? c.values() : base.table(t.name()).rows());
    }

    /**
     * Declares that the commands depend on {@code columns} of every row of {@code t} (as the bridge view depends
     * on names and references): one table-wide wait on those columns, so writes to other columns (statistics,
     * status) by other writers do not force a re-run. Use {@link #peek} to read without a per-row wait.
     */
    void dependOnColumns(TableSchema t, String... columns) {
        columnDeps.computeIfAbsent(t.name(), n -> new LinkedHashSet<>()).addAll(List.of(columns));
    }

    /** The current row {@code uuid} of {@code t}, or null, without recording a read (see {@link #dependOnColumns}). */
    Row peek(TableSchema t, Uuid uuid) {
        Map<Uuid, Row> c = copies.get(t.name());
        return c != null ? c.get(uuid) : base.table(t.name()).row(uuid);
    }

    /** The current rows of {@code t} without recording a read (see {@link #dependOnColumns}). */
    List<Row> peekRows(TableSchema t) {
        Map<Uuid, Row> c = copies.get(t.name());
        return new ArrayList<>(c != null ? c.values() : base.table(t.name()).rows());
    }

    /** Like {@link #resolve} but without recording reads (see {@link #dependOnColumns}). */
    List<Row> peekAll(TableSchema t, Collection<Atom> refs) {
        List<Row> out = new ArrayList<>();
        for (Atom a : refs) {
            Row r = peek(t, a.asUuid());
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** The current row {@code uuid} of {@code t}, or null. */
    Row row(TableSchema t, Uuid uuid) {
        readByUuid.computeIfAbsent(t.name(), n -> new LinkedHashSet<>()).add(uuid);
        Map<Uuid, Row> c = copies.get(t.name());
        return c != null ? c.get(uuid) : base.table(t.name()).row(uuid);
    }

    /** The current rows of {@code t} whose string column {@code column} is exactly {@code value}. */
    List<Row> findByString(TableSchema t, String column, String value) {
        readByValue.computeIfAbsent(t.name(), n -> new LinkedHashMap<>())
                .computeIfAbsent(column, c -> new LinkedHashSet<>()).add(value);
        Map<Uuid, Row> c = copies.get(t.name());
        List<Row> out = new ArrayList<>();
        for (Row r : c != null ? c.values() : base.table(t.name()).rows()) {
            if (hasString(r, column, value)) {
                out.add(r);
            }
        }
        return out;
    }

    private static boolean hasString(Row r, String column, String value) {
        Datum d = r.get(column);
        return d.size() == 1 && d.first().type() == AtomicType.STRING && d.first().asString().equals(value);
    }

    /** The table named {@code name} (which must exist). */
    TableSchema table(String name) {
        TableSchema t = base.schema().table(name);
        if (t == null) {
            throw new IllegalArgumentException("schema has no table " + name);
        }
        return t;
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

    /**
     * Asks the datapath to acknowledge this change: {@code Open_vSwitch.next_cfg} + 1, as ovs-vsctl does unless
     * {@code --no-wait}. Depends only on that column, so the datapath's {@code cur_cfg} acknowledgements do not
     * force a re-run. Returns the value the datapath will copy into {@code cur_cfg}, or -1 without the row.
     */
    long bumpNextCfg() {
        TableSchema t = table("Open_vSwitch");
        List<Row> rows = peekRows(t);
        if (rows.isEmpty()) {
            return -1;
        }
        dependOnColumns(t, "next_cfg");
        Row ovs = rows.get(0);
        long next = ovs.getLong("next_cfg") + 1;
        writable(t).put(ovs.uuid(), ovs.with(t.column("next_cfg"), Datum.scalar(Atom.integer(next))));
        return next;
    }

    /** The Interface rows this invocation inserted (current values). */
    List<Row> insertedInterfaces() {
        List<Row> out = new ArrayList<>();
        Map<Uuid, Row> c = copies.get("Interface");
        if (c != null) {
            for (Row r : c.values()) {
                if (base.table("Interface").row(r.uuid()) == null) {
                    out.add(r);
                }
            }
        }
        return out;
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

    /** The RFC 7047 operations that apply this working copy: the conflict waits, then the writes. */
    Json operations() {
        List<Json> ops = new ArrayList<>();
        for (String t : scanned) {
            ops.add(waitFor(base.schema().table(t), List.of(), base.table(t).rows()));
        }
        columnDeps.forEach((t, columns) -> {
            if (!scanned.contains(t)) {
                ops.add(waitForColumns(base.schema().table(t), columns, base.table(t).rows()));
            }
        });
        readByUuid.forEach((t, uuids) -> {
            if (!scanned.contains(t)) {
                for (Uuid u : uuids) {
                    Row r = base.table(t).row(u);
                    ops.add(waitFor(base.schema().table(t), List.of(whereUuid(u)), r == null ? List.of() : List.of(r)));
                }
            }
        });
        readByValue.forEach((t, columns) -> {
            if (!scanned.contains(t)) {
                columns.forEach((column, values) -> {
                    for (String v : values) {
                        List<Row> rows = new ArrayList<>();
                        for (Row r : base.table(t).rows()) {
                            if (hasString(r, column, v)) {
                                rows.add(r);
                            }
                        }
                        Json where = Json.array(Json.of(column), Json.of("=="), Json.of(v));
                        ops.add(waitFor(base.schema().table(t), List.of(where), rows));
                    }
                });
            }
        });
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

    /** A wait asserting that the rows of {@code t} matching {@code where} are exactly {@code expected}. */
    private static Json waitFor(TableSchema t, List<Json> where, Collection<Row> expected) {
        List<Json> rows = new ArrayList<>();
        for (Row r : expected) {
            rows.add(Json.object().put("_uuid", Atom.uuid(r.uuid()).toJson())
                    .put("_version", Atom.uuid(r.version()).toJson()).build());
        }
        return Json.object().put("op", "wait").put("table", t.name()).put("timeout", 0)
                .put("where", Json.array(where))
                .put("columns", Json.array(Json.of("_uuid"), Json.of("_version")))
                .put("until", "==").put("rows", Json.array(rows)).build();
    }

    /** A table-wide wait asserting that {@code columns} of all rows are as in {@code expected}. */
    private static Json waitForColumns(TableSchema t, Set<String> columns, Collection<Row> expected) {
        List<Json> names = new ArrayList<>();
        names.add(Json.of("_uuid"));
        columns.forEach(c -> names.add(Json.of(c)));
        List<Json> rows = new ArrayList<>();
        for (Row r : expected) {
            Json.ObjBuilder b = Json.object().put("_uuid", Atom.uuid(r.uuid()).toJson());
            columns.forEach(c -> b.put(c, r.get(c).toJson()));
            rows.add(b.build());
        }
        return Json.object().put("op", "wait").put("table", t.name()).put("timeout", 0)
                .put("where", Json.array(List.of())).put("columns", Json.array(names))
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

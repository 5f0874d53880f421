package io.jvswitch.ovsdb.txn;

import io.jvswitch.ovsdb.Atom;
import io.jvswitch.ovsdb.BaseType;
import io.jvswitch.ovsdb.ColumnSchema;
import io.jvswitch.ovsdb.Datum;
import io.jvswitch.ovsdb.DatabaseSnapshot;
import io.jvswitch.ovsdb.OvsdbException;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.TableSchema;
import io.jvswitch.ovsdb.Uuid;
import io.jvswitch.ovsdb.gc.RefGarbageCollector;
import io.jvswitch.ovsdb.json.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the operations of one RFC 7047 transaction against a {@link Workspace} and then the commit-time checks.
 *
 * <p><b>What.</b> Operations run in order; the first failing one gets its error object as result and every
 * later one {@code null}. When all succeed, the commit checks run in ovsdb-server's order — garbage collection
 * of unreachable non-root rows, removal of dangling weak references, strong referential integrity, then
 * {@code maxRows} and unique indexes — and a failure there adds one extra error element. Nothing here touches
 * the live database: the caller publishes {@link #workspace()} only when {@link #error()} is null.
 *
 * <p><b>Threading.</b> One instance per transaction, used by the store's single writer thread.
 */
public final class TransactionExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionExecutor.class);

    private final Schema schema;
    private final Workspace ws;
    private final Symbols symbols = new Symbols();
    private final List<Json> results = new ArrayList<>();
    private OvsdbException error;
    private String parsing = "";

    private TransactionExecutor(DatabaseSnapshot base) {
        this.schema = base.schema();
        this.ws = new Workspace(base);
    }

    /**
     * Executes {@code operations} (a JSON array of operation objects) on top of {@code base}.
     *
     * @throws OvsdbException "syntax error" when {@code operations} is not an array (the whole request is bad)
     */
    public static TransactionExecutor run(DatabaseSnapshot base, Json operations) {
        if (!(operations instanceof Json.Arr ops)) {
            throw OvsdbException.syntax(operations, "transaction must be an array of operations");
        }
        TransactionExecutor ex = new TransactionExecutor(base);
        for (int i = 0; i < ops.size(); i++) {
            if (ex.error != null) {
                ex.results.add(Json.NULL);
                continue;
            }
            try {
                ex.results.add(ex.execute(ops.get(i), i, ops.size()));
            } catch (OvsdbException e) {
                ex.error = e;
                ex.results.add(e.toJson());
            }
        }
        if (ex.error == null && ex.ws.isTouched()) {
            try {
                ex.commitChecks();
            } catch (OvsdbException e) {
                ex.error = e;
                ex.results.add(e.toJson());
            }
        }
        return ex;
    }

    /** The first error, or null when the transaction may commit. */
    public OvsdbException error() {
        return error;
    }

    /** The result elements so far. */
    public List<Json> results() {
        return results;
    }

    /** The transaction's private state. */
    public Workspace workspace() {
        return ws;
    }

    /** The named-uuid symbol table. */
    public Symbols symbols() {
        return symbols;
    }

    private Json execute(Json json, int index, int total) {
        parsing = "Parsing ovsdb operation " + (index + 1) + " of " + total + " failed: ";
        if (!(json instanceof Json.Obj op)) {
            throw OvsdbException.syntax(json, parsing + "ovsdb operation must be an object.");
        }
        if (!(op.get("op") instanceof Json.Str name)) {
            throw parseError(op, "Required 'op' member is missing.");
        }
        switch (name.value()) {
            case "insert":
                return insert(op);
            case "select":
                return select(op);
            case "update":
                return update(op);
            case "mutate":
                return mutate(op);
            case "delete":
                return delete(op);
            case "wait":
                return waitOp(op);
            case "comment":
                if (op.get("comment") instanceof Json.Str c) {
                    LOG.debug("transaction comment: {}", c.value());
                }
                return Json.emptyObject();
            case "commit":
                return Json.emptyObject();
            case "abort":
                throw new OvsdbException(OvsdbException.ABORTED, "aborted by request");
            case "assert":
                String lock = op.get("lock") instanceof Json.Str l ? l.value() : "";
                throw new OvsdbException("not owner", "Asserted lock " + lock + " not held.");
            default:
                throw parseError(op, "No operation \"" + name.value() + "\"");
        }
    }

    /** An error in the shape of the operation object, worded and prefixed as ovsdb-server's parser does. */
    private OvsdbException parseError(Json.Obj op, String what) {
        return OvsdbException.syntax(op, parsing + what);
    }

    private Json member(Json.Obj op, String name, Class<? extends Json> type, boolean required) {
        Json v = op.get(name);
        if (v == null) {
            if (required) {
                throw parseError(op, "Required '" + name + "' member is missing.");
            }
            return null;
        }
        if (!type.isInstance(v)) {
            throw parseError(op, "Type mismatch for member '" + name + "'.");
        }
        return v;
    }

    private TableSchema table(Json.Obj op) {
        Json.Str t = (Json.Str) member(op, "table", Json.Str.class, true);
        TableSchema ts = schema.table(t.value());
        if (ts == null) {
            throw parseError(op, "No table named " + t.value() + ".");
        }
        return ts;
    }

    private List<Condition> where(Json.Obj op, TableSchema t) {
        Json.Arr w = (Json.Arr) member(op, "where", Json.Arr.class, true);
        List<Condition> out = new ArrayList<>();
        for (Json c : w.items()) {
            out.add(Condition.fromJson(c, t, symbols));
        }
        return out;
    }

    private Map<ColumnSchema, Datum> row(Json.Obj op, TableSchema t, boolean update) {
        Json.Obj row = (Json.Obj) member(op, "row", Json.Obj.class, update);
        if (row == null) {
            return Map.of();
        }
        Map<ColumnSchema, Datum> out = new LinkedHashMap<>();
        for (Map.Entry<String, Json> e : row.members().entrySet()) {
            ColumnSchema c = t.columnOrMeta(e.getKey());
            if (c == null) {
                throw new OvsdbException(OvsdbException.UNKNOWN_COLUMN, "No column " + e.getKey() + " in table "
                        + t.name() + ".", row);
            }
            if (c.isMeta() && !update) {
                // ovsdb-server ignores _uuid/_version in an insert's row; the row id comes from "uuid"/"uuid-name".
                continue;
            }
            if (c.isMeta() || (update && !c.isMutable())) {
                throw new OvsdbException(OvsdbException.CONSTRAINT_VIOLATION, "Cannot update immutable column "
                        + c.name() + " in table " + t.name() + ".", op);
            }
            out.put(c, Datum.fromJson(e.getValue(), c.type(), symbols));
        }
        return out;
    }

    private List<ColumnSchema> columns(Json.Obj op, TableSchema t, boolean withMeta) {
        Json cols = op.get("columns");
        List<ColumnSchema> out = new ArrayList<>();
        if (cols == null) {
            if (withMeta) {
                out.add(TableSchema.UUID_COLUMN);
                out.add(TableSchema.VERSION_COLUMN);
            }
            out.addAll(t.columns());
            return out;
        }
        if (!(cols instanceof Json.Arr a)) {
            throw parseError(op, "Type mismatch for member 'columns'.");
        }
        for (Json c : a.items()) {
            if (!(c instanceof Json.Str s)) {
                throw OvsdbException.syntax(cols, "array of distinct column names expected");
            }
            ColumnSchema cs = t.columnOrMeta(s.value());
            if (cs == null) {
                throw OvsdbException.syntax(cols, s.value() + " is not a valid column name");
            }
            if (out.contains(cs)) {
                throw OvsdbException.syntax(cols, "array of distinct column names expected");
            }
            out.add(cs);
        }
        return out;
    }

    private List<Row> matching(TableSchema t, List<Condition> where) {
        List<Row> out = new ArrayList<>();
        Collection<Row> candidates = null;
        for (Condition c : where) {
            if (c.column() == TableSchema.UUID_COLUMN && c.function().equals("==") && c.value().size() == 1) {
                Row r = ws.get(t.name(), c.value().first().asUuid());
                candidates = r == null ? List.of() : List.of(r);
                break;
            }
        }
        if (candidates == null) {
            candidates = new ArrayList<>(ws.rows(t.name()));
        }
        for (Row r : candidates) {
            boolean ok = true;
            for (Condition c : where) {
                if (!c.matches(r)) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                out.add(r);
            }
        }
        return out;
    }

    private Json insert(Json.Obj op) {
        TableSchema t = table(op);
        Uuid explicit = null;
        if (op.get("uuid") != null) {
            if (!(op.get("uuid") instanceof Json.Str s) || !Uuid.isUuid(s.value())) {
                throw OvsdbException.syntax(op, "'uuid' must be a UUID string.");
            }
            explicit = Uuid.parse(s.value());
        }
        Uuid uuid;
        Json.Str n = (Json.Str) member(op, "uuid-name", Json.Str.class, false);
        if (n != null) {
            uuid = symbols.define(n.value(), explicit, op);
        } else {
            uuid = explicit != null ? explicit : Uuid.random();
        }
        Map<ColumnSchema, Datum> values = row(op, t, false);
        if (ws.get(t.name(), uuid) != null || ws.base().table(t.name()).row(uuid) != null) {
            throw new OvsdbException("duplicate uuid", "This UUID would duplicate a UUID already present within the "
                    + "table or deleted within the same transaction.", op);
        }
        Row r = Row.withDefaults(t, uuid, Uuid.random());
        for (Map.Entry<ColumnSchema, Datum> e : values.entrySet()) {
            r = r.with(e.getKey(), e.getValue());
        }
        ws.put(r);
        return Json.object().put("uuid", Atom.uuid(uuid).toJson()).build();
    }

    private Json select(Json.Obj op) {
        TableSchema t = table(op);
        List<Condition> where = where(op, t);
        List<ColumnSchema> cols = columns(op, t, true);
        List<Json> rows = new ArrayList<>();
        for (Row r : matching(t, where)) {
            rows.add(r.toJson(cols));
        }
        return Json.object().put("rows", Json.array(rows)).build();
    }

    private Json update(Json.Obj op) {
        TableSchema t = table(op);
        List<Condition> where = where(op, t);
        Map<ColumnSchema, Datum> values = row(op, t, true);
        List<Row> rows = matching(t, where);
        for (Row r : rows) {
            for (Map.Entry<ColumnSchema, Datum> e : values.entrySet()) {
                r = r.with(e.getKey(), e.getValue());
            }
            ws.put(r);
        }
        return count(rows.size());
    }

    private Json mutate(Json.Obj op) {
        TableSchema t = table(op);
        List<Condition> where = where(op, t);
        Json.Arr ms = (Json.Arr) member(op, "mutations", Json.Arr.class, true);
        List<Mutation> mutations = new ArrayList<>();
        for (Json m : ms.items()) {
            mutations.add(Mutation.fromJson(m, t, symbols));
        }
        List<Row> rows = matching(t, where);
        for (Row r : rows) {
            for (Mutation m : mutations) {
                r = r.with(m.column(), m.apply(r.get(m.column())));
            }
            ws.put(r);
        }
        return count(rows.size());
    }

    private Json delete(Json.Obj op) {
        TableSchema t = table(op);
        List<Row> rows = matching(t, where(op, t));
        for (Row r : rows) {
            ws.delete(t, r.uuid());
        }
        return count(rows.size());
    }

    private Json waitOp(Json.Obj op) {
        TableSchema t = table(op);
        List<Condition> where = where(op, t);
        List<ColumnSchema> cols = columns(op, t, false);
        Json.Str until = (Json.Str) member(op, "until", Json.Str.class, true);
        if (!until.value().equals("==") && !until.value().equals("!=")) {
            throw OvsdbException.syntax(op, "unknown wait until \"" + until.value() + "\"");
        }
        Json.Arr expected = (Json.Arr) member(op, "rows", Json.Arr.class, true);
        member(op, "timeout", Json.Int.class, false);
        Map<List<Datum>, Integer> want = new HashMap<>();
        for (Json e : expected.items()) {
            if (!(e instanceof Json.Obj row)) {
                throw OvsdbException.syntax(e, "'rows' must hold row objects.");
            }
            List<Datum> projected = new ArrayList<>();
            for (ColumnSchema c : cols) {
                Json v = row.get(c.name());
                projected.add(v == null ? c.type().defaultDatum() : Datum.fromJson(v, c.type(), symbols));
            }
            want.merge(projected, 1, Integer::sum);
        }
        Map<List<Datum>, Integer> have = new HashMap<>();
        for (Row r : matching(t, where)) {
            List<Datum> projected = new ArrayList<>();
            for (ColumnSchema c : cols) {
                projected.add(r.get(c));
            }
            have.merge(projected, 1, Integer::sum);
        }
        boolean equal = want.equals(have);
        if (equal != until.value().equals("==")) {
            // The store has a single writer, so waiting inside a transaction could never see a change:
            // a wait that does not hold fails at once, whatever its timeout (clients retry on "timed out").
            throw new OvsdbException(OvsdbException.TIMED_OUT, "\"where\" clause test failed");
        }
        return Json.emptyObject();
    }

    private static Json count(int n) {
        return Json.object().put("count", n).build();
    }

    private void commitChecks() {
        RefGarbageCollector.collectGarbage(ws, schema);
        for (Row r : RefGarbageCollector.dropDanglingWeakRefs(ws, schema)) {
            for (ColumnSchema c : r.table().columns()) {
                c.type().checkSize(r.get(c));
            }
        }
        checkReferentialIntegrity();
        for (String t : ws.touchedRows().keySet()) {
            TableSchema ts = schema.table(t);
            int n = ws.size(t);
            if (n > ts.maxRows()) {
                throw OvsdbException.constraint("transaction causes \"" + t + "\" table to contain " + n
                        + " rows, greater than the schema-defined limit of " + ts.maxRows() + " row(s)");
            }
            for (List<ColumnSchema> index : ts.indexes()) {
                checkIndex(ts, index);
            }
        }
    }

    private void checkReferentialIntegrity() {
        boolean all = ws.deletedAny();
        Map<String, List<Row>> touched = ws.touchedRows();
        for (TableSchema t : schema.tables()) {
            Collection<Row> rows = all ? ws.rows(t.name()) : touched.getOrDefault(t.name(), List.of());
            for (Row r : rows) {
                for (ColumnSchema c : t.columns()) {
                    checkRefs(r, c, c.type().key(), false);
                    if (c.type().value() != null) {
                        checkRefs(r, c, c.type().value(), true);
                    }
                }
            }
        }
    }

    private void checkRefs(Row r, ColumnSchema c, BaseType b, boolean values) {
        if (!b.isStrongRef()) {
            return;
        }
        Datum d = r.get(c);
        for (int i = 0; i < d.size(); i++) {
            Uuid target = (values ? d.valueAt(i) : d.keyAt(i)).asUuid();
            if (ws.get(b.refTable(), target) != null) {
                continue;
            }
            if (ws.base().table(b.refTable()).row(target) != null) {
                throw new OvsdbException(OvsdbException.REFERENTIAL_INTEGRITY, "cannot delete " + b.refTable()
                        + " row " + target + " because of " + countRefs(b.refTable(), target)
                        + " remaining reference(s)");
            }
            throw new OvsdbException(OvsdbException.REFERENTIAL_INTEGRITY, "Table " + r.table().name() + " column "
                    + c.name() + " row " + r.uuid() + " references nonexistent row " + target + " in table "
                    + b.refTable() + ".");
        }
    }

    private int countRefs(String table, Uuid target) {
        Atom a = Atom.uuid(target);
        int n = 0;
        for (TableSchema t : schema.tables()) {
            for (ColumnSchema c : t.columns()) {
                boolean k = table.equals(c.type().key().refTable()) && c.type().key().isStrongRef();
                boolean v = c.type().value() != null && table.equals(c.type().value().refTable())
                        && c.type().value().isStrongRef();
                if (!k && !v) {
                    continue;
                }
                for (Row r : ws.rows(t.name())) {
                    Datum d = r.get(c);
                    if (k && d.containsKey(a)) {
                        n++;
                    }
                    if (v && d.values().contains(a)) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private void checkIndex(TableSchema t, List<ColumnSchema> index) {
        Map<Object, Row> seen = new HashMap<>(ws.size(t.name()) * 2);
        boolean single = index.size() == 1;
        ColumnSchema only = index.get(0);
        for (Row r : ws.rows(t.name())) {
            Object key;
            if (single) {
                key = r.get(only);
            } else {
                List<Datum> l = new ArrayList<>(index.size());
                for (ColumnSchema c : index) {
                    l.add(r.get(c));
                }
                key = l;
            }
            Row other = seen.putIfAbsent(key, r);
            if (other != null) {
                List<Datum> values = new ArrayList<>();
                index.forEach(c -> values.add(r.get(c)));
                throw OvsdbException.constraint(duplicateMessage(t, index, values, r, other));
            }
        }
    }

    private String duplicateMessage(TableSchema t, List<ColumnSchema> index, List<Datum> key, Row a, Row b) {
        Row first = ws.base().table(t.name()).row(a.uuid()) == null || !isUnchanged(a) ? a : b;
        Row second = first == a ? b : a;
        StringBuilder values = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < index.size(); i++) {
            if (i > 0) {
                values.append(", ");
                names.append(", ");
            }
            values.append(key.get(i).toDisplayString(index.get(i).type()));
            names.append('"').append(index.get(i).name()).append('"');
        }
        return "Transaction causes multiple rows in \"" + t.name() + "\" table to have identical values ("
                + values + ") for index on column" + (index.size() > 1 ? "s " : " ") + names + ".  First row, with "
                + "UUID " + first.uuid() + ", " + describe(first) + ".  Second row, with UUID " + second.uuid() + ", "
                + describe(second) + ".";
    }

    private boolean isUnchanged(Row r) {
        Row before = ws.base().table(r.table().name()).row(r.uuid());
        return before != null && before.sameValues(r);
    }

    private String describe(Row r) {
        Row before = ws.base().table(r.table().name()).row(r.uuid());
        if (before == null) {
            return "was inserted by this transaction";
        }
        return before.sameValues(r) ? "existed in the database before this transaction and was not modified by the "
                + "transaction" : "was modified by this transaction";
    }
}

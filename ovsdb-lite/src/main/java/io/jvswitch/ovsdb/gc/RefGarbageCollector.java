package io.jvswitch.ovsdb.gc;

import io.jvswitch.ovsdb.Atom;
import io.jvswitch.ovsdb.BaseType;
import io.jvswitch.ovsdb.ColumnSchema;
import io.jvswitch.ovsdb.Datum;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.TableSchema;
import io.jvswitch.ovsdb.Uuid;
import io.jvswitch.ovsdb.txn.Workspace;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OVSDB's commit-time reference maintenance, in the order ovsdb-server applies it:
 * <ol>
 *   <li>{@link #collectGarbage}: every row of a non-root table that no strong reference chain from a root row
 *       reaches is deleted (mark and sweep over the whole database: a config store holds thousands of rows at
 *       most, and a sweep also catches unreachable cycles);</li>
 *   <li>{@link #dropDanglingWeakRefs}: weak references to rows that no longer exist are removed (the caller then
 *       checks set sizes).</li>
 * </ol>
 * Strong-reference integrity is checked afterwards by the transaction.
 */
public final class RefGarbageCollector {
    private RefGarbageCollector() {
    }

    /** Deletes unreachable non-root rows from {@code ws}; returns how many were deleted. */
    public static int collectGarbage(Workspace ws, Schema schema) {
        if (!mayOrphan(ws, schema)) {
            return 0;
        }
        Set<Uuid> reached = new HashSet<>();
        Deque<Row> todo = new ArrayDeque<>();
        for (TableSchema t : schema.tables()) {
            if (schema.isRoot(t)) {
                for (Row r : ws.rows(t.name())) {
                    todo.push(r);
                }
            }
        }
        while (!todo.isEmpty()) {
            Row r = todo.pop();
            for (ColumnSchema c : r.table().strongRefColumns()) {
                BaseType k = c.type().key();
                BaseType v = c.type().value();
                boolean keyRef = k.isStrongRef();
                boolean valueRef = v != null && v.isStrongRef();
                if (!keyRef && !valueRef) {
                    continue;
                }
                Datum d = r.get(c);
                for (int i = 0; i < d.size(); i++) {
                    if (keyRef) {
                        follow(ws, schema, k.refTable(), d.keyAt(i), reached, todo);
                    }
                    if (valueRef) {
                        follow(ws, schema, v.refTable(), d.valueAt(i), reached, todo);
                    }
                }
            }
        }
        int deleted = 0;
        for (TableSchema t : schema.tables()) {
            if (schema.isRoot(t)) {
                continue;
            }
            List<Uuid> doomed = new ArrayList<>();
            for (Row r : ws.rows(t.name())) {
                if (!reached.contains(r.uuid())) {
                    doomed.add(r.uuid());
                }
            }
            for (Uuid u : doomed) {
                ws.delete(t, u);
                deleted++;
            }
        }
        return deleted;
    }

    /**
     * Whether this transaction can have left a non-root row unreachable: it inserted a non-root row, deleted a
     * row, or removed a strong reference. Otherwise every row reachable before still is, and the sweep is skipped.
     */
    static boolean mayOrphan(Workspace ws, Schema schema) {
        for (Map.Entry<String, List<Row>> e : ws.touchedRows().entrySet()) {
            TableSchema t = schema.table(e.getKey());
            for (Row now : e.getValue()) {
                Row before = ws.base().table(t.name()).row(now.uuid());
                if (before == null) {
                    if (!schema.isRoot(t)) {
                        return true;
                    }
                    continue;
                }
                for (ColumnSchema c : t.strongRefColumns()) {
                    if (!now.get(c).includes(before.get(c))) {
                        return true;
                    }
                }
            }
        }
        return ws.deletedAny();
    }

    private static void follow(Workspace ws, Schema schema, String table, Atom ref, Set<Uuid> reached,
            Deque<Row> todo) {
        if (schema.isRoot(schema.table(table))) {
            return;
        }
        Uuid u = ref.asUuid();
        if (reached.add(u)) {
            Row target = ws.get(table, u);
            if (target != null) {
                todo.push(target);
            }
        }
    }

    /** Removes weak references whose target row is gone; returns the rows that lost references. */
    public static List<Row> dropDanglingWeakRefs(Workspace ws, Schema schema) {
        List<Row> changed = new ArrayList<>();
        if (!ws.deletedAny() && !touchesWeakColumns(ws, schema)) {
            // No row vanished and no weak reference was written: none can dangle.
            return changed;
        }
        for (TableSchema t : schema.tables()) {
            List<ColumnSchema> weak = new ArrayList<>();
            for (ColumnSchema c : t.columns()) {
                if (c.type().key().isWeakRef() || (c.type().value() != null && c.type().value().isWeakRef())) {
                    weak.add(c);
                }
            }
            if (weak.isEmpty()) {
                continue;
            }
            for (Row r : new ArrayList<>(ws.rows(t.name()))) {
                Row fixed = r;
                for (ColumnSchema c : weak) {
                    Datum d = fixed.get(c);
                    Datum kept = keepLive(ws, c, d);
                    if (kept != d) {
                        fixed = fixed.with(c, kept);
                    }
                }
                if (fixed != r) {
                    ws.put(fixed);
                    changed.add(fixed);
                }
            }
        }
        return changed;
    }

    private static boolean touchesWeakColumns(Workspace ws, Schema schema) {
        for (String t : ws.touchedRows().keySet()) {
            for (ColumnSchema c : schema.table(t).columns()) {
                if (c.type().key().isWeakRef() || (c.type().value() != null && c.type().value().isWeakRef())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Datum keepLive(Workspace ws, ColumnSchema c, Datum d) {
        BaseType k = c.type().key();
        BaseType v = c.type().value();
        boolean dropped = false;
        Map<Atom, Atom> pairs = new LinkedHashMap<>();
        List<Atom> set = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            boolean live = (!k.isWeakRef() || ws.get(k.refTable(), d.keyAt(i).asUuid()) != null)
                    && (v == null || !v.isWeakRef() || ws.get(v.refTable(), d.valueAt(i).asUuid()) != null);
            if (!live) {
                dropped = true;
                continue;
            }
            if (d.isMap()) {
                pairs.put(d.keyAt(i), d.valueAt(i));
            } else {
                set.add(d.keyAt(i));
            }
        }
        if (!dropped) {
            return d;
        }
        return d.isMap() ? Datum.map(pairs) : Datum.set(set);
    }
}

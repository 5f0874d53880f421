package io.jvswitch.ovsdb.jsonrpc;

import io.jvswitch.ovsdb.Atom;
import io.jvswitch.ovsdb.ColumnSchema;
import io.jvswitch.ovsdb.Datum;
import io.jvswitch.ovsdb.DatabaseSnapshot;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Table;
import io.jvswitch.ovsdb.feed.ChangeSet;
import io.jvswitch.ovsdb.feed.RowChange;
import io.jvswitch.ovsdb.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the store's snapshots and change sets into the two wire forms of monitor updates:
 * <ul>
 *   <li><b>v1</b> ({@code monitor}/{@code update}, RFC 7047 §4.1.6): an insert carries {@code new} with every
 *       monitored column, a delete {@code old} with every monitored column, a modification {@code new} with
 *       every monitored column and {@code old} with only the changed ones.</li>
 *   <li><b>v2</b> ({@code monitor_cond}/{@code update2}, {@code monitor_cond_since}/{@code update3},
 *       ovsdb-server.7 §4.1.14): {@code initial}/{@code insert} with the non-default monitored columns,
 *       {@code delete: null}, and {@code modify} with a diff per changed column — for a map the pairs added,
 *       removed (old value) or changed (new value); for a set that may hold more than one element the
 *       symmetric difference; otherwise the new value. The client applies these diffs blindly, so they must
 *       be exact.</li>
 * </ul>
 * With a conditional monitor, a row entering the condition is reported as an insert and one leaving it as a
 * delete. Rows with nothing to report and tables with no rows to report are left out. Stateless.
 */
public final class UpdateEncoder {

    private UpdateEncoder() {
    }

    /** The initial rows ({@code <table-updates>} or {@code <table-updates2>}), or an empty object. */
    public static Json initial(DatabaseSnapshot snapshot, Map<String, TableMonitor> spec, boolean v2) {
        Json.ObjBuilder out = Json.object();
        for (TableMonitor tm : spec.values()) {
            if (!tm.initial()) {
                continue;
            }
            Table t = snapshot.table(tm.table().name());
            Json.ObjBuilder rows = Json.object();
            for (Row r : t.rows()) {
                if (tm.matches(r)) {
                    rows.put(r.uuid().toString(), v2 ? Json.object().put("initial", nonDefault(r, tm.columns())).build()
                            : Json.object().put("new", r.toJson(tm.columns())).build());
                }
            }
            if (!rows.isEmpty()) {
                out.put(t.name(), rows.build());
            }
        }
        return out.build();
    }

    /** What {@code changes} means for this monitor, or an empty object when nothing is to be reported. */
    public static Json changes(ChangeSet changes, Map<String, TableMonitor> spec, boolean v2) {
        Json.ObjBuilder out = Json.object();
        for (TableMonitor tm : spec.values()) {
            List<RowChange> list = changes.changes(tm.table().name());
            if (list.isEmpty()) {
                continue;
            }
            Json.ObjBuilder rows = Json.object();
            for (RowChange c : list) {
                Json u = v2 ? rowUpdate2(c, tm) : rowUpdate1(c, tm);
                if (u != null) {
                    rows.put(c.uuid().toString(), u);
                }
            }
            if (!rows.isEmpty()) {
                out.put(tm.table().name(), rows.build());
            }
        }
        return out.build();
    }

    /** Whether an update object built here reports nothing. */
    public static boolean isEmpty(Json updates) {
        return updates instanceof Json.Obj o && o.members().isEmpty();
    }

    private static Json rowUpdate1(RowChange c, TableMonitor tm) {
        boolean was = c.oldRow() != null && tm.matches(c.oldRow());
        boolean is = c.newRow() != null && tm.matches(c.newRow());
        if (!was && is) {
            return tm.insert() ? Json.object().put("new", c.newRow().toJson(tm.columns())).build() : null;
        }
        if (was && !is) {
            return tm.delete() ? Json.object().put("old", c.oldRow().toJson(tm.columns())).build() : null;
        }
        if (!was || !tm.modify()) {
            return null;
        }
        List<ColumnSchema> changed = changedColumns(c, tm.columns());
        if (changed.isEmpty()) {
            return null;
        }
        return Json.object().put("old", c.oldRow().toJson(changed)).put("new", c.newRow().toJson(tm.columns()))
                .build();
    }

    private static Json rowUpdate2(RowChange c, TableMonitor tm) {
        boolean was = c.oldRow() != null && tm.matches(c.oldRow());
        boolean is = c.newRow() != null && tm.matches(c.newRow());
        if (!was && is) {
            return tm.insert() ? Json.object().put("insert", nonDefault(c.newRow(), tm.columns())).build() : null;
        }
        if (was && !is) {
            return tm.delete() ? Json.object().put("delete", Json.NULL).build() : null;
        }
        if (!was || !tm.modify()) {
            return null;
        }
        List<ColumnSchema> changed = changedColumns(c, tm.columns());
        if (changed.isEmpty()) {
            return null;
        }
        Json.ObjBuilder diff = Json.object();
        for (ColumnSchema col : changed) {
            diff.put(col.name(), diff(col, c.oldRow().get(col), c.newRow().get(col)).toJson());
        }
        return Json.object().put("modify", diff.build()).build();
    }

    private static List<ColumnSchema> changedColumns(RowChange c, List<ColumnSchema> columns) {
        List<ColumnSchema> changed = new ArrayList<>();
        for (ColumnSchema col : columns) {
            if (!c.oldRow().get(col).equals(c.newRow().get(col))) {
                changed.add(col);
            }
        }
        return changed;
    }

    /** The update2 diff of one column (see the class comment). */
    static Datum diff(ColumnSchema col, Datum old, Datum now) {
        if (col.type().isMap()) {
            Map<Atom, Atom> pairs = new LinkedHashMap<>();
            for (int i = 0; i < old.size(); i++) {
                Atom k = old.keyAt(i);
                if (!now.containsKey(k)) {
                    pairs.put(k, old.valueAt(i));
                }
            }
            for (int i = 0; i < now.size(); i++) {
                Atom k = now.keyAt(i);
                if (!old.containsKey(k) || !old.get(k).equals(now.valueAt(i))) {
                    pairs.put(k, now.valueAt(i));
                }
            }
            return Datum.map(pairs);
        }
        if (col.type().max() > 1) {
            Set<Atom> sym = new LinkedHashSet<>();
            for (Atom a : old.keys()) {
                if (!now.keys().contains(a)) {
                    sym.add(a);
                }
            }
            for (Atom a : now.keys()) {
                if (!old.keys().contains(a)) {
                    sym.add(a);
                }
            }
            return Datum.set(sym);
        }
        return now;
    }

    /** {@code row} with the monitored columns whose value is not the default (update2's insert/initial). */
    static Json nonDefault(Row row, List<ColumnSchema> columns) {
        List<ColumnSchema> kept = new ArrayList<>();
        for (ColumnSchema c : columns) {
            if (c.isMeta() || !row.get(c).equals(c.type().defaultDatum())) {
                kept.add(c);
            }
        }
        return row.toJson(kept);
    }
}

package io.jvswitch.ovsdb.feed;

import io.jvswitch.ovsdb.ColumnSchema;
import io.jvswitch.ovsdb.DatabaseSnapshot;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Table;
import io.jvswitch.ovsdb.TableSchema;
import io.jvswitch.ovsdb.json.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one committed transaction changed, table by table, plus the transaction number and the snapshot
 * it produced. Delivered to {@link ChangeListener}s in commit order. Immutable.
 */
public final class ChangeSet {
    private final long txnId;
    private final Map<String, List<RowChange>> byTable;
    private final DatabaseSnapshot after;

    /** A change set of transaction {@code txnId}; {@code byTable} holds only tables with changes. */
    public ChangeSet(long txnId, Map<String, List<RowChange>> byTable, DatabaseSnapshot after) {
        this.txnId = txnId;
        Map<String, List<RowChange>> m = new LinkedHashMap<>();
        byTable.forEach((t, l) -> m.put(t, List.copyOf(l)));
        this.byTable = Collections.unmodifiableMap(m);
        this.after = after;
    }

    /** The committed transaction's number (strictly increasing). */
    public long txnId() {
        return txnId;
    }

    /** The database right after this transaction. */
    public DatabaseSnapshot after() {
        return after;
    }

    /** Names of the tables with changes. */
    public Set<String> tables() {
        return byTable.keySet();
    }

    /** Whether nothing changed. */
    public boolean isEmpty() {
        return byTable.isEmpty();
    }

    /** All row changes of {@code table} (empty when none). */
    public List<RowChange> changes(String table) {
        return byTable.getOrDefault(table, List.of());
    }

    /** The inserted rows of {@code table}. */
    public List<Row> inserted(String table) {
        List<Row> out = new ArrayList<>();
        changes(table).stream().filter(RowChange::isInsert).forEach(c -> out.add(c.newRow()));
        return out;
    }

    /** The deleted rows of {@code table} (as they were before). */
    public List<Row> deleted(String table) {
        List<Row> out = new ArrayList<>();
        changes(table).stream().filter(RowChange::isDelete).forEach(c -> out.add(c.oldRow()));
        return out;
    }

    /** The modified rows of {@code table} (old and new). */
    public List<RowChange> modified(String table) {
        List<RowChange> out = new ArrayList<>();
        changes(table).stream().filter(RowChange::isModify).forEach(out::add);
        return out;
    }

    /**
     * RFC 7047 {@code <table-updates>} for the tables in {@code only} (all when null or empty), every column:
     * see {@link #toMonitorUpdates}.
     */
    public Json toTableUpdates(Collection<String> only) {
        Map<String, Collection<String>> spec = new LinkedHashMap<>();
        for (String t : byTable.keySet()) {
            if (only == null || only.isEmpty() || only.contains(t)) {
                spec.put(t, null);
            }
        }
        return toMonitorUpdates(spec);
    }

    /**
     * RFC 7047 {@code <table-updates>} as ovsdb-server sends in a v1 "update" notification, for the tables in
     * {@code columnsByTable} and their monitored columns (null: every column; empty: none, rows still tracked).
     * An insert carries {@code new} with the monitored columns, a delete {@code old} with them; a modification
     * carries {@code new} with every monitored column and {@code old} with only the changed ones, and no entry
     * at all when no monitored column changed. Tables without entries are left out.
     *
     * @throws IllegalArgumentException when a column name is not in its table
     */
    public Json toMonitorUpdates(Map<String, ? extends Collection<String>> columnsByTable) {
        Json.ObjBuilder out = Json.object();
        for (Map.Entry<String, ? extends Collection<String>> spec : columnsByTable.entrySet()) {
            List<RowChange> changes = byTable.get(spec.getKey());
            if (changes == null || changes.isEmpty()) {
                continue;
            }
            List<ColumnSchema> cols = resolve(changes.get(0).newRow() != null ? changes.get(0).newRow().table()
                    : changes.get(0).oldRow().table(), spec.getValue());
            Json.ObjBuilder rows = Json.object();
            for (RowChange c : changes) {
                Json.ObjBuilder u = Json.object();
                if (c.isModify()) {
                    List<ColumnSchema> changed = new ArrayList<>();
                    for (ColumnSchema col : cols) {
                        if (!c.oldRow().get(col).equals(c.newRow().get(col))) {
                            changed.add(col);
                        }
                    }
                    if (changed.isEmpty()) {
                        continue;
                    }
                    u.put("old", c.oldRow().toJson(changed));
                    u.put("new", c.newRow().toJson(cols));
                } else if (c.isInsert()) {
                    u.put("new", c.newRow().toJson(cols));
                } else {
                    u.put("old", c.oldRow().toJson(cols));
                }
                rows.put(c.uuid().toString(), u.build());
            }
            if (!rows.isEmpty()) {
                out.put(spec.getKey(), rows.build());
            }
        }
        return out.build();
    }

    /** RFC 7047 {@code <table-updates>} describing every row of {@code snapshot} as new (the initial state). */
    public static Json initialTableUpdates(DatabaseSnapshot snapshot, Collection<String> only) {
        Map<String, Collection<String>> spec = new LinkedHashMap<>();
        for (TableSchema ts : snapshot.schema().tables()) {
            if (only == null || only.isEmpty() || only.contains(ts.name())) {
                spec.put(ts.name(), null);
            }
        }
        return initialMonitorUpdates(snapshot, spec);
    }

    /**
     * The reply to an RFC 7047 "monitor" request: every row of the tables in {@code columnsByTable} as
     * {@code {"new": monitored columns}} (null: all columns); empty tables are left out.
     */
    public static Json initialMonitorUpdates(DatabaseSnapshot snapshot,
            Map<String, ? extends Collection<String>> columnsByTable) {
        Json.ObjBuilder out = Json.object();
        for (Map.Entry<String, ? extends Collection<String>> spec : columnsByTable.entrySet()) {
            Table t = snapshot.table(spec.getKey());
            List<ColumnSchema> cols = resolve(t.schema(), spec.getValue());
            Json.ObjBuilder rows = Json.object();
            for (Row r : t.rows()) {
                rows.put(r.uuid().toString(), Json.object().put("new", r.toJson(cols)).build());
            }
            if (!rows.isEmpty()) {
                out.put(t.name(), rows.build());
            }
        }
        return out.build();
    }

    private static List<ColumnSchema> resolve(TableSchema t, Collection<String> names) {
        if (names == null) {
            return t.columns();
        }
        List<ColumnSchema> cols = new ArrayList<>();
        for (String n : names) {
            ColumnSchema c = t.columnOrMeta(n);
            if (c == null) {
                throw new IllegalArgumentException("table " + t.name() + " has no column " + n);
            }
            cols.add(c);
        }
        return cols;
    }
}

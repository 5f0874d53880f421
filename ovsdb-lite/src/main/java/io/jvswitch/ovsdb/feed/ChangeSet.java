package io.jvswitch.ovsdb.feed;

import io.jvswitch.ovsdb.ColumnSchema;
import io.jvswitch.ovsdb.DatabaseSnapshot;
import io.jvswitch.ovsdb.Row;
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
     * RFC 7047 {@code <table-updates>} for the tables in {@code only} (all when null or empty): inserts carry
     * {@code new} with every column, deletes {@code old} with every column, modifications {@code new} with every
     * column and {@code old} with only the changed columns — ovsdb-server's "update" notification shape.
     */
    public Json toTableUpdates(Collection<String> only) {
        Json.ObjBuilder out = Json.object();
        for (Map.Entry<String, List<RowChange>> e : byTable.entrySet()) {
            if (only != null && !only.isEmpty() && !only.contains(e.getKey())) {
                continue;
            }
            Json.ObjBuilder rows = Json.object();
            for (RowChange c : e.getValue()) {
                Json.ObjBuilder u = Json.object();
                if (c.oldRow() != null) {
                    List<ColumnSchema> cols = c.isModify() ? c.changedColumns() : c.oldRow().table().columns();
                    u.put("old", c.oldRow().toJson(cols));
                }
                if (c.newRow() != null) {
                    u.put("new", c.newRow().toJson(c.newRow().table().columns()));
                }
                rows.put(c.uuid().toString(), u.build());
            }
            out.put(e.getKey(), rows.build());
        }
        return out.build();
    }

    /** RFC 7047 {@code <table-updates>} describing every row of {@code snapshot} as new (the initial state). */
    public static Json initialTableUpdates(DatabaseSnapshot snapshot, Collection<String> only) {
        Json.ObjBuilder out = Json.object();
        for (TableSchema ts : snapshot.schema().tables()) {
            if (only != null && !only.isEmpty() && !only.contains(ts.name())) {
                continue;
            }
            Json.ObjBuilder rows = Json.object();
            for (Row r : snapshot.table(ts.name()).rows()) {
                rows.put(r.uuid().toString(), Json.object().put("new", r.toJson(ts.columns())).build());
            }
            Json.Obj built = rows.build();
            if (!built.members().isEmpty()) {
                out.put(ts.name(), built);
            }
        }
        return out.build();
    }
}

package io.jvswitch.ovsdb.txn;

import io.jvswitch.ovsdb.DatabaseSnapshot;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Table;
import io.jvswitch.ovsdb.TableSchema;
import io.jvswitch.ovsdb.Uuid;
import io.jvswitch.ovsdb.feed.RowChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The private, mutable state of one transaction on top of an immutable base {@link DatabaseSnapshot}. A table
 * is copied the first time the transaction writes to it (copy-on-write per table), and every row written or
 * deleted is remembered, so commit checks and the change set look only at what the transaction touched.
 * Used by one thread (the store's single writer).
 */
public final class Workspace {
    private final DatabaseSnapshot base;
    private final Map<String, LinkedHashMap<Uuid, Row>> copies = new LinkedHashMap<>();
    private final Map<String, Set<Uuid>> touched = new LinkedHashMap<>();

    /** A workspace over {@code base}. */
    public Workspace(DatabaseSnapshot base) {
        this.base = base;
    }

    /** The snapshot this transaction started from. */
    public DatabaseSnapshot base() {
        return base;
    }

    /** The current row {@code uuid} of {@code table}, or null. */
    public Row get(String table, Uuid uuid) {
        Map<Uuid, Row> c = copies.get(table);
        return c != null ? c.get(uuid) : base.table(table).row(uuid);
    }

    /** The current rows of {@code table} (a live view: copy it before writing while iterating). */
    public Collection<Row> rows(String table) {
        Map<Uuid, Row> c = copies.get(table);
        return c != null ? c.values() : base.table(table).rows();
    }

    /** Number of rows currently in {@code table}. */
    public int size(String table) {
        Map<Uuid, Row> c = copies.get(table);
        return c != null ? c.size() : base.table(table).size();
    }

    private LinkedHashMap<Uuid, Row> writable(String table) {
        return copies.computeIfAbsent(table, t -> new LinkedHashMap<>(base.table(t).asMap()));
    }

    /** Inserts or replaces {@code row}. */
    public void put(Row row) {
        String t = row.table().name();
        writable(t).put(row.uuid(), row);
        touched.computeIfAbsent(t, x -> new LinkedHashSet<>()).add(row.uuid());
    }

    /** Deletes row {@code uuid} of {@code table} (no-op when absent). */
    public void delete(TableSchema table, Uuid uuid) {
        if (writable(table.name()).remove(uuid) != null) {
            touched.computeIfAbsent(table.name(), x -> new LinkedHashSet<>()).add(uuid);
        }
    }

    /** Whether the transaction wrote anything yet (even if it was later undone). */
    public boolean isTouched() {
        return !touched.isEmpty();
    }

    /** Rows inserted or modified by this transaction, per table (current versions). */
    public Map<String, List<Row>> touchedRows() {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        touched.forEach((t, ids) -> {
            List<Row> l = new ArrayList<>();
            for (Uuid u : ids) {
                Row r = get(t, u);
                if (r != null) {
                    l.add(r);
                }
            }
            out.put(t, l);
        });
        return out;
    }

    /** Whether some row existed in the base and is gone now. */
    public boolean deletedAny() {
        for (Map.Entry<String, Set<Uuid>> e : touched.entrySet()) {
            for (Uuid u : e.getValue()) {
                if (get(e.getKey(), u) == null && base.table(e.getKey()).row(u) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The net row changes against the base, giving each modified row a fresh {@code _version}; inserts that were
     * deleted again and writes that changed nothing drop out.
     */
    public Map<String, List<RowChange>> finish() {
        Map<String, List<RowChange>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Set<Uuid>> e : touched.entrySet()) {
            String t = e.getKey();
            List<RowChange> changes = new ArrayList<>();
            for (Uuid u : e.getValue()) {
                Row before = base.table(t).row(u);
                Row after = get(t, u);
                if (before == null && after == null) {
                    continue;
                }
                if (before != null && after != null) {
                    if (before.sameValues(after)) {
                        writable(t).put(u, before);
                        continue;
                    }
                    after = after.withVersion(Uuid.random());
                    writable(t).put(u, after);
                }
                changes.add(new RowChange(before, after));
            }
            if (!changes.isEmpty()) {
                out.put(t, changes);
            }
        }
        return out;
    }

    /** The resulting snapshot, numbered {@code txnId}. */
    public DatabaseSnapshot toSnapshot(long txnId) {
        Map<String, Table> tables = new LinkedHashMap<>(base.tables());
        copies.forEach((t, rows) -> tables.put(t, Table.wrap(base.table(t).schema(), rows)));
        return new DatabaseSnapshot(base.schema(), tables, txnId);
    }
}

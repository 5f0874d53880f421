package io.jvswitch.ovsdb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole database as of one committed transaction: one {@link Table} per schema table, plus the number of
 * the transaction that produced it (0 for a fresh or just-replayed database's first state). Immutable, so any
 * thread may read it without locks while new transactions commit.
 */
public final class DatabaseSnapshot {
    private final Schema schema;
    private final Map<String, Table> tables;
    private final long txnId;

    /** A snapshot of {@code tables} (one per schema table, handed over, never changed again) after {@code txnId}. */
    public DatabaseSnapshot(Schema schema, Map<String, Table> tables, long txnId) {
        this.schema = schema;
        this.tables = Collections.unmodifiableMap(tables);
        this.txnId = txnId;
    }

    /** An empty database of {@code schema}. */
    public static DatabaseSnapshot empty(Schema schema) {
        Map<String, Table> t = new LinkedHashMap<>();
        for (TableSchema ts : schema.tables()) {
            t.put(ts.name(), Table.empty(ts));
        }
        return new DatabaseSnapshot(schema, t, 0);
    }

    /** The schema. */
    public Schema schema() {
        return schema;
    }

    /** The number of the transaction that produced this snapshot. */
    public long txnId() {
        return txnId;
    }

    /**
     * The table named {@code name}.
     *
     * @throws IllegalArgumentException when the schema has no such table
     */
    public Table table(String name) {
        Table t = tables.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no table named " + name);
        }
        return t;
    }

    /** All tables by name, in schema order. */
    public Map<String, Table> tables() {
        return tables;
    }

    /** The row {@code uuid} of table {@code table}, or null. */
    public Row row(String table, Uuid uuid) {
        return table(table).row(uuid);
    }

    /** The single Open_vSwitch row of a vswitch database, or null when there is none. */
    public Row openVswitchRow() {
        Table t = tables.get("Open_vSwitch");
        return t == null || t.size() == 0 ? null : t.rows().iterator().next();
    }
}

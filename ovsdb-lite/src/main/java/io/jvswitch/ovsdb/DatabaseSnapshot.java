package io.jvswitch.ovsdb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * The rows that {@code row}'s reference column {@code column} points to (set elements, or map values for a
     * map of references such as {@code QoS.queues}), in the column's order; dangling references are skipped.
     *
     * @throws IllegalArgumentException when the column does not refer to another table
     */
    public List<Row> refs(Row row, String column) {
        ColumnSchema c = row.table().column(column);
        if (c == null || !c.type().isReference()) {
            throw new IllegalArgumentException(row.table().name() + "." + column + " is not a reference column");
        }
        boolean values = c.type().value() != null && c.type().value().refTable() != null;
        String target = values ? c.type().value().refTable() : c.type().key().refTable();
        Datum d = row.get(c);
        List<Row> out = new ArrayList<>(d.size());
        for (int i = 0; i < d.size(); i++) {
            Row r = table(target).row((values ? d.valueAt(i) : d.keyAt(i)).asUuid());
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** The single Open_vSwitch row of a vswitch database, or null when there is none. */
    public Row openVswitchRow() {
        Table t = tables.get("Open_vSwitch");
        return t == null || t.size() == 0 ? null : t.rows().iterator().next();
    }
}

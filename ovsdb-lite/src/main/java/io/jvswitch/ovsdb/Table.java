package io.jvswitch.ovsdb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of one table at one committed moment: an immutable map from uuid to {@link Row}, iterated in
 * insertion order (stable, so listings are reproducible). Part of a {@link DatabaseSnapshot}.
 */
public final class Table {
    private final TableSchema schema;
    private final Map<Uuid, Row> rows;

    private Table(TableSchema schema, Map<Uuid, Row> rows) {
        this.schema = schema;
        this.rows = Collections.unmodifiableMap(rows);
    }

    /**
     * Wraps {@code rows} without copying: the caller hands the map over and must never change it again
     * (transactions build a fresh map per changed table).
     */
    public static Table wrap(TableSchema schema, Map<Uuid, Row> rows) {
        return new Table(schema, rows);
    }

    /** An empty table. */
    public static Table empty(TableSchema schema) {
        return new Table(schema, new LinkedHashMap<>());
    }

    /** The table's schema. */
    public TableSchema schema() {
        return schema;
    }

    /** Table name. */
    public String name() {
        return schema.name();
    }

    /** Number of rows. */
    public int size() {
        return rows.size();
    }

    /** The row with {@code uuid}, or null. */
    public Row row(Uuid uuid) {
        return rows.get(uuid);
    }

    /** All rows, in insertion order. */
    public Collection<Row> rows() {
        return rows.values();
    }

    /** The rows keyed by uuid (unmodifiable). */
    public Map<Uuid, Row> asMap() {
        return rows;
    }

    /** Rows whose {@code column} equals {@code value} exactly. */
    public List<Row> find(String column, Datum value) {
        ColumnSchema c = schema.columnOrMeta(column);
        if (c == null) {
            throw new IllegalArgumentException("table " + name() + " has no column " + column);
        }
        List<Row> out = new ArrayList<>();
        for (Row r : rows.values()) {
            if (r.get(c).equals(value)) {
                out.add(r);
            }
        }
        return out;
    }

    /** The row whose string {@code name} column equals {@code name}, or null (Bridge/Port/Interface/Mirror). */
    public Row findByName(String name) {
        List<Row> found = find("name", Datum.scalar(Atom.string(name)));
        return found.isEmpty() ? null : found.get(0);
    }
}

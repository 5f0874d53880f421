package io.jvswitch.ovsdb;

import io.jvswitch.ovsdb.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One immutable row: its uuid, its version (a uuid that changes whenever the row changes, RFC 7047's
 * {@code _version}) and one {@link Datum} per column of its {@link TableSchema}, in column slot order.
 * Changing a row means building a new one ({@link #with}); readers may keep and share rows freely.
 */
public final class Row {
    private final TableSchema table;
    private final Uuid uuid;
    private final Uuid version;
    private final Datum[] values;

    private Row(TableSchema table, Uuid uuid, Uuid version, Datum[] values) {
        this.table = table;
        this.uuid = uuid;
        this.version = version;
        this.values = values;
    }

    /** A new row of {@code table} with every column at its default value. */
    public static Row withDefaults(TableSchema table, Uuid uuid, Uuid version) {
        Datum[] v = new Datum[table.columns().size()];
        for (ColumnSchema c : table.columns()) {
            v[c.index()] = c.type().defaultDatum();
        }
        return new Row(table, uuid, version, v);
    }

    /** The table this row belongs to. */
    public TableSchema table() {
        return table;
    }

    /** Row id ({@code _uuid}). */
    public Uuid uuid() {
        return uuid;
    }

    /** Row version ({@code _version}). */
    public Uuid version() {
        return version;
    }

    /** The value of {@code column} (including {@code _uuid}/{@code _version}). */
    public Datum get(ColumnSchema column) {
        if (column.isMeta()) {
            return Datum.scalar(Atom.uuid(column == TableSchema.UUID_COLUMN ? uuid : version));
        }
        return values[column.index()];
    }

    /**
     * The value of the column named {@code column}.
     *
     * @throws IllegalArgumentException when the table has no such column
     */
    public Datum get(String column) {
        return get(requireColumn(column));
    }

    private ColumnSchema requireColumn(String column) {
        ColumnSchema c = table.columnOrMeta(column);
        if (c == null) {
            throw new IllegalArgumentException("table " + table.name() + " has no column " + column);
        }
        return c;
    }

    /** A copy with {@code column} set to {@code value} (same uuid and version; the caller checks the type). */
    public Row with(ColumnSchema column, Datum value) {
        Objects.requireNonNull(value, "value");
        Datum[] v = values.clone();
        v[column.index()] = value;
        return new Row(table, uuid, version, v);
    }

    /** A copy carrying {@code newVersion}. */
    public Row withVersion(Uuid newVersion) {
        return new Row(table, uuid, newVersion, values);
    }

    /** The string value of a string scalar/optional column, or null when empty. */
    public String getString(String column) {
        Atom a = get(column).first();
        return a == null ? null : a.asString();
    }

    /** The integer of an integer scalar/optional column, or null when empty. */
    public Long getLong(String column) {
        Atom a = get(column).first();
        return a == null ? null : a.asLong();
    }

    /** The boolean of a boolean scalar/optional column, or null when empty. */
    public Boolean getBoolean(String column) {
        Atom a = get(column).first();
        return a == null ? null : a.asBoolean();
    }

    /** The uuid of a uuid scalar/optional column, or null when empty. */
    public Uuid getUuid(String column) {
        Atom a = get(column).first();
        return a == null ? null : a.asUuid();
    }

    /** The elements of a set-of-uuid column (references), in canonical order. */
    public List<Uuid> getUuids(String column) {
        List<Uuid> out = new ArrayList<>();
        for (Atom a : get(column).keys()) {
            out.add(a.asUuid());
        }
        return out;
    }

    /** The elements of a set-of-integer column, in order. */
    public List<Long> getLongs(String column) {
        List<Long> out = new ArrayList<>();
        for (Atom a : get(column).keys()) {
            out.add(a.asLong());
        }
        return out;
    }

    /** A map column as a Java map of strings (e.g. {@code external_ids}, {@code options}), key-sorted. */
    public Map<String, String> getStringMap(String column) {
        return get(column).toStringMap();
    }

    /** RFC 7047 {@code <row>} JSON with {@code columns} (which may include _uuid/_version). */
    public Json toJson(Collection<ColumnSchema> columns) {
        Json.ObjBuilder b = Json.object();
        for (ColumnSchema c : columns) {
            b.put(c.name(), get(c).toJson());
        }
        return b.build();
    }

    /** RFC 7047 {@code <row>} JSON with {@code _uuid}, {@code _version} and every column. */
    public Json toJson() {
        List<ColumnSchema> all = new ArrayList<>();
        all.add(TableSchema.UUID_COLUMN);
        all.add(TableSchema.VERSION_COLUMN);
        all.addAll(table.columns());
        return toJson(all);
    }

    /** Whether the column values (not uuid/version) equal {@code other}'s. */
    public boolean sameValues(Row other) {
        return Arrays.equals(values, other.values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row r && r.table == table && r.uuid.equals(uuid) && r.version.equals(version)
                && Arrays.equals(r.values, values);
    }

    @Override
    public int hashCode() {
        return uuid.hashCode() * 31 + version.hashCode();
    }

    @Override
    public String toString() {
        return table.name() + " " + toJson();
    }
}

package io.jvswitch.ovsdb;

import io.jvswitch.ovsdb.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One table of a {@link Schema} (RFC 7047 §3.2 {@code <table-schema>}): its columns (in slot order, which is
 * alphabetical), whether it is a root table (rows live on their own, others are garbage-collected when no
 * strong reference reaches them), the maximum row count and the unique indexes. Immutable.
 */
public final class TableSchema {
    /** The implicit row-id column. */
    public static final ColumnSchema UUID_COLUMN =
            new ColumnSchema("_uuid", ColumnType.scalar(BaseType.of(AtomicType.UUID)), false, false, -1);
    /** The implicit row-version column (changes whenever the row does). */
    public static final ColumnSchema VERSION_COLUMN =
            new ColumnSchema("_version", ColumnType.scalar(BaseType.of(AtomicType.UUID)), false, false, -1);

    private final String name;
    private final List<ColumnSchema> columns;
    private final Map<String, ColumnSchema> byName;
    private final boolean root;
    private final long maxRows;
    private final List<List<ColumnSchema>> indexes;
    private final List<ColumnSchema> strongRefColumns;

    private TableSchema(String name, List<ColumnSchema> columns, boolean root, long maxRows,
            List<List<ColumnSchema>> indexes) {
        this.name = name;
        this.columns = List.copyOf(columns);
        Map<String, ColumnSchema> m = new LinkedHashMap<>();
        for (ColumnSchema c : columns) {
            m.put(c.name(), c);
        }
        this.byName = Collections.unmodifiableMap(m);
        this.root = root;
        this.maxRows = maxRows;
        this.indexes = List.copyOf(indexes);
        List<ColumnSchema> strong = new ArrayList<>();
        for (ColumnSchema c : columns) {
            if (c.type().key().isStrongRef() || (c.type().value() != null && c.type().value().isStrongRef())) {
                strong.add(c);
            }
        }
        this.strongRefColumns = List.copyOf(strong);
    }

    /** The columns whose keys or values are strong references (what garbage collection follows). */
    public List<ColumnSchema> strongRefColumns() {
        return strongRefColumns;
    }

    /** Table name. */
    public String name() {
        return name;
    }

    /** The columns in slot order (alphabetical), without {@code _uuid}/{@code _version}. */
    public List<ColumnSchema> columns() {
        return columns;
    }

    /** The column named {@code col}, or null (never {@code _uuid}/{@code _version}). */
    public ColumnSchema column(String col) {
        return byName.get(col);
    }

    /** Like {@link #column} but also knows {@code _uuid} and {@code _version}. */
    public ColumnSchema columnOrMeta(String col) {
        if (col.equals("_uuid")) {
            return UUID_COLUMN;
        }
        if (col.equals("_version")) {
            return VERSION_COLUMN;
        }
        return byName.get(col);
    }

    /** Whether {@code isRoot} was set in the schema ({@link Schema#isRoot(TableSchema)} gives the effective value). */
    public boolean isRootDeclared() {
        return root;
    }

    /** Maximum number of rows ({@link ColumnType#UNLIMITED} when not limited). */
    public long maxRows() {
        return maxRows;
    }

    /** Unique indexes: each a list of columns whose combined value must be unique across rows. */
    public List<List<ColumnSchema>> indexes() {
        return indexes;
    }

    /** Schema JSON. */
    public Json toJson() {
        Json.ObjBuilder cols = Json.object();
        for (ColumnSchema c : columns) {
            cols.put(c.name(), c.toJson());
        }
        Json.ObjBuilder b = Json.object().put("columns", cols.build());
        if (root) {
            b.put("isRoot", Json.TRUE);
        }
        if (maxRows != ColumnType.UNLIMITED) {
            b.put("maxRows", maxRows);
        }
        if (!indexes.isEmpty()) {
            List<Json> idx = new ArrayList<>();
            for (List<ColumnSchema> index : indexes) {
                List<Json> names = new ArrayList<>();
                index.forEach(c -> names.add(Json.of(c.name())));
                idx.add(Json.array(names));
            }
            b.put("indexes", Json.array(idx));
        }
        return b.build();
    }

    /** Parses a {@code <table-schema>} named {@code name}. */
    public static TableSchema fromJson(String name, Json json) {
        if (!(json instanceof Json.Obj o) || !(o.get("columns") instanceof Json.Obj cols)) {
            throw OvsdbException.syntax(json, "table " + name + " needs a \"columns\" object");
        }
        TreeMap<String, Json> sorted = new TreeMap<>(cols.members());
        List<ColumnSchema> columns = new ArrayList<>();
        for (Map.Entry<String, Json> e : sorted.entrySet()) {
            if (e.getKey().startsWith("_") || !isId(e.getKey())) {
                throw OvsdbException.syntax(json, "invalid column name \"" + e.getKey() + "\" in table " + name);
            }
            columns.add(ColumnSchema.fromJson(e.getKey(), e.getValue(), columns.size()));
        }
        boolean root = o.get("isRoot") instanceof Json.Bool b && b.value();
        long maxRows = ColumnType.UNLIMITED;
        if (o.get("maxRows") != null) {
            if (!(o.get("maxRows") instanceof Json.Int m) || m.value() < 1) {
                throw OvsdbException.syntax(json, "maxRows must be a positive integer");
            }
            maxRows = m.value();
        }
        Map<String, ColumnSchema> byName = new LinkedHashMap<>();
        columns.forEach(c -> byName.put(c.name(), c));
        List<List<ColumnSchema>> indexes = new ArrayList<>();
        if (o.get("indexes") != null) {
            if (!(o.get("indexes") instanceof Json.Arr idx)) {
                throw OvsdbException.syntax(json, "indexes must be an array");
            }
            for (Json one : idx.items()) {
                if (!(one instanceof Json.Arr names) || names.size() == 0) {
                    throw OvsdbException.syntax(one, "index must be a non-empty array of column names");
                }
                List<ColumnSchema> index = new ArrayList<>();
                for (Json n : names.items()) {
                    ColumnSchema c = n instanceof Json.Str s ? byName.get(s.value()) : null;
                    if (c == null) {
                        throw OvsdbException.syntax(one, "index names unknown column " + n + " in table " + name);
                    }
                    index.add(c);
                }
                indexes.add(index);
            }
        }
        return new TableSchema(name, columns, root, maxRows, indexes);
    }

    static boolean isId(String s) {
        if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}

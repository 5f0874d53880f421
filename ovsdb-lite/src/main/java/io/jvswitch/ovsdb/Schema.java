package io.jvswitch.ovsdb;

import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.json.JsonException;
import io.jvswitch.ovsdb.json.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A database schema in RFC 7047 §3.2 form: name, version, optional checksum and tables. Loaded from schema
 * JSON ({@link #parse}) — the project's own {@code io/jvswitch/ovsdb/vswitch.ovsschema} via
 * {@link #vswitch()}. {@link #toJson()} gives the object a {@code get_schema} request answers with.
 *
 * <p>Validation: every {@code refTable} must name a table of the schema. As RFC 7047 says, when no table sets
 * {@code isRoot}, every table is a root table. Immutable.
 */
public final class Schema {
    /** Classpath location of jvswitch's Open_vSwitch schema. */
    public static final String VSWITCH_RESOURCE = "/io/jvswitch/ovsdb/vswitch.ovsschema";

    private static volatile Schema vswitch;

    private final String name;
    private final String version;
    private final String cksum;
    private final Map<String, TableSchema> tables;
    private final boolean anyRoot;

    private Schema(String name, String version, String cksum, Map<String, TableSchema> tables) {
        this.name = name;
        this.version = version;
        this.cksum = cksum;
        this.tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        this.anyRoot = tables.values().stream().anyMatch(TableSchema::isRootDeclared);
    }

    /** jvswitch's Open_vSwitch schema (loaded once from {@link #VSWITCH_RESOURCE}). */
    public static Schema vswitch() {
        Schema s = vswitch;
        if (s == null) {
            try (InputStream in = Schema.class.getResourceAsStream(VSWITCH_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + VSWITCH_RESOURCE);
                }
                s = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            vswitch = s;
        }
        return s;
    }

    /**
     * Parses schema JSON text.
     *
     * @throws OvsdbException "syntax error" when the text is not a valid schema
     */
    public static Schema parse(String text) {
        try {
            return fromJson(JsonParser.parse(text));
        } catch (JsonException e) {
            throw new OvsdbException(OvsdbException.SYNTAX_ERROR, e.getMessage());
        }
    }

    /** Builds a schema from parsed JSON. */
    public static Schema fromJson(Json json) {
        if (!(json instanceof Json.Obj o) || !(o.get("name") instanceof Json.Str n)
                || !(o.get("tables") instanceof Json.Obj t)) {
            throw OvsdbException.syntax(json, "schema needs \"name\" and \"tables\"");
        }
        String version = o.get("version") instanceof Json.Str v ? v.value() : "";
        String cksum = o.get("cksum") instanceof Json.Str c ? c.value() : null;
        Map<String, TableSchema> tables = new LinkedHashMap<>();
        for (Map.Entry<String, Json> e : t.members().entrySet()) {
            if (e.getKey().startsWith("_") || !TableSchema.isId(e.getKey())) {
                throw OvsdbException.syntax(json, "invalid table name \"" + e.getKey() + "\"");
            }
            tables.put(e.getKey(), TableSchema.fromJson(e.getKey(), e.getValue()));
        }
        for (TableSchema ts : tables.values()) {
            for (ColumnSchema c : ts.columns()) {
                checkRef(tables, ts, c, c.type().key());
                if (c.type().value() != null) {
                    checkRef(tables, ts, c, c.type().value());
                }
            }
        }
        return new Schema(n.value(), version, cksum, tables);
    }

    private static void checkRef(Map<String, TableSchema> tables, TableSchema ts, ColumnSchema c, BaseType b) {
        if (b.refTable() != null && !tables.containsKey(b.refTable())) {
            throw new OvsdbException(OvsdbException.SYNTAX_ERROR, "column " + c.name() + " in table " + ts.name()
                    + " refers to undefined table " + b.refTable());
        }
    }

    /** Database name (e.g. "Open_vSwitch"). */
    public String name() {
        return name;
    }

    /** Schema version (e.g. "8.3.1"). */
    public String version() {
        return version;
    }

    /** The table named {@code table}, or null. */
    public TableSchema table(String table) {
        return tables.get(table);
    }

    /** All tables, in schema order. */
    public Collection<TableSchema> tables() {
        return tables.values();
    }

    /** Whether rows of {@code t} survive without being referenced (RFC 7047: all tables when none sets isRoot). */
    public boolean isRoot(TableSchema t) {
        return !anyRoot || t.isRootDeclared();
    }

    /** The schema as RFC 7047 JSON (what {@code get_schema} returns). */
    public Json toJson() {
        Json.ObjBuilder t = Json.object();
        for (TableSchema ts : tables.values()) {
            t.put(ts.name(), ts.toJson());
        }
        Json.ObjBuilder b = Json.object().put("name", name).put("version", version);
        if (cksum != null) {
            b.put("cksum", cksum);
        }
        return b.put("tables", t.build()).build();
    }
}

package io.jvswitch.ovsdb.journal;

import io.jvswitch.ovsdb.ColumnSchema;
import io.jvswitch.ovsdb.DatabaseSnapshot;
import io.jvswitch.ovsdb.Datum;
import io.jvswitch.ovsdb.OvsdbException;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.Table;
import io.jvswitch.ovsdb.TableSchema;
import io.jvswitch.ovsdb.Uuid;
import io.jvswitch.ovsdb.feed.RowChange;
import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.json.JsonException;
import io.jvswitch.ovsdb.json.JsonParser;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a journal record's JSON body says. A transaction record is
 * {@code {"txn":N,"time":MS,"tables":{T:{UUID:{col:value…}|null}}}}: for an inserted row its non-default
 * columns, for a modified row its changed columns, {@code null} for a deleted row. A snapshot record adds
 * {@code "snapshot":true} and lists every row. Ephemeral columns (statistics, status, …) are never written:
 * they are runtime state, and after a restart they start from their defaults, as in OVSDB.
 */
public final class JournalCodec {
    private static final Logger LOG = LoggerFactory.getLogger(JournalCodec.class);

    private JournalCodec() {
    }

    /** The record body for a committed transaction, or null when it changed only ephemeral columns. */
    public static String encodeChanges(long txnId, Map<String, List<RowChange>> changes) {
        Json.ObjBuilder tables = Json.object();
        for (Map.Entry<String, List<RowChange>> e : changes.entrySet()) {
            Json.ObjBuilder rows = Json.object();
            for (RowChange c : e.getValue()) {
                if (c.isDelete()) {
                    rows.put(c.uuid().toString(), Json.NULL);
                    continue;
                }
                Json.ObjBuilder cols = Json.object();
                for (ColumnSchema col : c.newRow().table().columns()) {
                    if (col.isEphemeral()) {
                        continue;
                    }
                    Datum v = c.newRow().get(col);
                    boolean write = c.isInsert() ? !v.equals(col.type().defaultDatum()) : c.changed(col.name());
                    if (write) {
                        cols.put(col.name(), v.toJson());
                    }
                }
                if (c.isInsert() || !cols.isEmpty()) {
                    rows.put(c.uuid().toString(), cols.build());
                }
            }
            if (!rows.isEmpty()) {
                tables.put(e.getKey(), rows.build());
            }
        }
        if (tables.isEmpty()) {
            return null;
        }
        return Json.object().put("txn", txnId).put("time", System.currentTimeMillis()).put("tables", tables.build())
                .build().toString();
    }

    /** A snapshot record body holding every row of {@code db}. */
    public static String encodeSnapshot(DatabaseSnapshot db) {
        Json.ObjBuilder tables = Json.object();
        for (Table t : db.tables().values()) {
            Json.ObjBuilder rows = Json.object();
            for (Row r : t.rows()) {
                Json.ObjBuilder cols = Json.object();
                for (ColumnSchema col : t.schema().columns()) {
                    Datum v = r.get(col);
                    if (!col.isEphemeral() && !v.equals(col.type().defaultDatum())) {
                        cols.put(col.name(), v.toJson());
                    }
                }
                rows.put(r.uuid().toString(), cols.build());
            }
            if (!rows.isEmpty()) {
                tables.put(t.name(), rows.build());
            }
        }
        return Json.object().put("txn", db.txnId()).put("snapshot", Json.TRUE).put("time", System.currentTimeMillis())
                .put("tables", tables.build()).build().toString();
    }

    /**
     * Rebuilds the database from record bodies, in order. Unknown tables and columns, and values the schema no
     * longer accepts, are skipped with a warning (the schema may have changed between runs).
     *
     * @throws IOException when a record is not the JSON this codec writes
     */
    public static DatabaseSnapshot replay(Schema schema, List<String> bodies) throws IOException {
        Map<String, Map<Uuid, Row>> tables = new LinkedHashMap<>();
        for (TableSchema ts : schema.tables()) {
            tables.put(ts.name(), new LinkedHashMap<>());
        }
        long txn = 0;
        for (String body : bodies) {
            Json.Obj rec;
            try {
                rec = (Json.Obj) JsonParser.parse(body);
            } catch (JsonException | ClassCastException e) {
                throw new IOException("journal record is not a JSON object: " + e.getMessage(), e);
            }
            if (rec.get("snapshot") instanceof Json.Bool b && b.value()) {
                tables.values().forEach(Map::clear);
            }
            if (rec.get("txn") instanceof Json.Int n) {
                txn = Math.max(txn, n.value());
            }
            if (rec.get("tables") instanceof Json.Obj t) {
                apply(schema, tables, t);
            }
        }
        Map<String, Table> out = new LinkedHashMap<>();
        tables.forEach((name, rows) -> out.put(name, Table.wrap(schema.table(name), rows)));
        return new DatabaseSnapshot(schema, out, txn);
    }

    private static void apply(Schema schema, Map<String, Map<Uuid, Row>> tables, Json.Obj changes) {
        for (Map.Entry<String, Json> te : changes.members().entrySet()) {
            TableSchema ts = schema.table(te.getKey());
            if (ts == null || !(te.getValue() instanceof Json.Obj rows)) {
                LOG.warn("journal: skipping unknown table {}", te.getKey());
                continue;
            }
            Map<Uuid, Row> live = tables.get(ts.name());
            for (Map.Entry<String, Json> re : rows.members().entrySet()) {
                if (!Uuid.isUuid(re.getKey())) {
                    LOG.warn("journal: skipping row with bad uuid {}", re.getKey());
                    continue;
                }
                Uuid u = Uuid.parse(re.getKey());
                if (!(re.getValue() instanceof Json.Obj cols)) {
                    live.remove(u);
                    continue;
                }
                Row r = live.get(u);
                if (r == null) {
                    r = Row.withDefaults(ts, u, Uuid.random());
                }
                for (Map.Entry<String, Json> ce : cols.members().entrySet()) {
                    ColumnSchema c = ts.column(ce.getKey());
                    if (c == null) {
                        LOG.warn("journal: skipping unknown column {}.{}", ts.name(), ce.getKey());
                        continue;
                    }
                    try {
                        r = r.with(c, Datum.fromJson(ce.getValue(), c.type(), null));
                    } catch (OvsdbException e) {
                        LOG.warn("journal: skipping value of {}.{}: {}", ts.name(), c.name(), e.getMessage());
                    }
                }
                live.put(u, r);
            }
        }
    }
}

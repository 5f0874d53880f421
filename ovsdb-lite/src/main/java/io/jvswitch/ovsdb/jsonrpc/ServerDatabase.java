package io.jvswitch.ovsdb.jsonrpc;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.json.JsonWriter;
import io.jvswitch.ovsdb.txn.TxnResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code _Server} database a standalone ovsdb-server offers (ovsdb-server.7 §"_Server"): one
 * {@code Database} row per served database, with its name, model {@code standalone}, {@code connected} and
 * {@code leader} true, and its schema as a JSON string. Stock ovs-vsctl 3.1 reads the Open_vSwitch schema
 * from that string rather than calling {@code get_schema("Open_vSwitch")}.
 *
 * <p>It is an ordinary in-memory ovsdb-lite {@link Database} built from this project's own {@code _Server}
 * schema, so get_schema, transact (read-only) and the monitors work on it through the same code as on the
 * real database. Its content never changes after construction.
 */
public final class ServerDatabase {
    /** The {@code _Server} database name. */
    public static final String NAME = "_Server";

    /** jvswitch's {@code _Server} schema (written for this project; names and types as ovsdb-server's). */
    static final String SCHEMA_JSON = "{\"name\":\"_Server\",\"version\":\"1.2.0\",\"tables\":{\"Database\":{"
            + "\"isRoot\":true,\"columns\":{"
            + "\"name\":{\"type\":\"string\"},"
            + "\"model\":{\"type\":{\"key\":{\"type\":\"string\",\"enum\":[\"set\",[\"standalone\",\"clustered\","
            + "\"relay\"]]}}},"
            + "\"connected\":{\"type\":\"boolean\"},"
            + "\"leader\":{\"type\":\"boolean\"},"
            + "\"schema\":{\"type\":{\"key\":\"string\",\"min\":0,\"max\":1}},"
            + "\"cid\":{\"type\":{\"key\":\"uuid\",\"min\":0,\"max\":1}},"
            + "\"sid\":{\"type\":{\"key\":\"uuid\",\"min\":0,\"max\":1}},"
            + "\"index\":{\"type\":{\"key\":\"integer\",\"min\":0,\"max\":1}}}}}}";

    private ServerDatabase() {
    }

    /** A {@code _Server} database describing itself and each of {@code served}. */
    public static Database describing(List<Schema> served) {
        Schema schema = Schema.parse(SCHEMA_JSON);
        Database db = Database.inMemory(schema);
        List<Schema> all = new ArrayList<>(served);
        all.add(schema);
        List<Json> ops = new ArrayList<>();
        for (Schema s : all) {
            ops.add(Json.object().put("op", "insert").put("table", "Database")
                    .put("row", Json.object().put("name", s.name()).put("model", "standalone")
                            .put("connected", Json.TRUE).put("leader", Json.TRUE)
                            .put("schema", JsonWriter.write(s.toJson())).build())
                    .build());
        }
        TxnResult r = db.transact(Json.array(ops));
        if (!r.isSuccess()) {
            throw new IllegalStateException("cannot build the _Server database: " + r);
        }
        return db;
    }
}

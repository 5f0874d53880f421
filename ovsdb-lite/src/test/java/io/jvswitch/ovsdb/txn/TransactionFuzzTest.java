package io.jvswitch.ovsdb.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.ovsdb.Atom;
import io.jvswitch.ovsdb.AtomicType;
import io.jvswitch.ovsdb.BaseType;
import io.jvswitch.ovsdb.ColumnSchema;
import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.DatabaseSnapshot;
import io.jvswitch.ovsdb.Datum;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.TableSchema;
import io.jvswitch.ovsdb.Uuid;
import io.jvswitch.ovsdb.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random transactions (valid and invalid) on the vswitch schema; after each one the store's invariants must hold:
 * no exception escapes, a failed transaction leaves the snapshot untouched, every strong reference resolves, no
 * non-root row is unreachable, names are unique, every value fits its column type.
 */
class TransactionFuzzTest {
    private static final String[] TABLES = {"Bridge", "Port", "Interface", "sFlow", "QoS", "Queue", "Mirror",
        "Open_vSwitch"};
    private static final String[] NAMES = {"br0", "br1", "p1", "p2", "vnet0", "x"};

    @Test
    void shouldKeepInvariantsWhenRandomTransactionsRun() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        Database db = Database.inMemory(Schema.vswitch());
        int committed = 0;
        int maxPorts = 0;
        for (int t = 0; t < 400; t++) {
            List<Json> ops = new ArrayList<>();
            List<String> names = new ArrayList<>();
            if (rnd.nextBoolean()) {
                structured(rnd, db.snapshot(), ops, names);
            }
            int extra = ops.isEmpty() ? rnd.nextInt(4) : (rnd.nextInt(4) == 0 ? 1 : 0);
            for (int i = 0; i < extra || ops.isEmpty(); i++) {
                ops.add(randomOp(rnd, db.snapshot(), names));
            }
            int n = ops.size();
            DatabaseSnapshot before = db.snapshot();
            Json request = Json.array(ops);
            TxnResult r = db.transact(request);
            String ctx = "seed " + seed + " txn " + t + ": " + request + " -> " + r;
            assertThat(r.results().size()).as(ctx).isBetween(n, n + 1);
            if (!r.isSuccess()) {
                assertThat(db.snapshot()).as(ctx).isSameAs(before);
            } else if (r.changes() != null) {
                committed++;
            }
            checkInvariants(db.snapshot(), ctx);
            maxPorts = Math.max(maxPorts, db.snapshot().table("Port").size());
        }
        assertThat(committed).as("seed " + seed + ": some transactions should commit").isPositive();
        System.out.println("fuzz seed " + seed + ": " + committed + " of 400 transactions changed the database, "
                + maxPorts + " ports at most");
    }

    /** A meaningful change (add a bridge, add or drop a port) so the database grows real structure. */
    private static void structured(Random rnd, DatabaseSnapshot db, List<Json> ops, List<String> names) {
        List<Row> bridges = new ArrayList<>(db.table("Bridge").rows());
        String name = NAMES[rnd.nextInt(NAMES.length)] + rnd.nextInt(3);
        String i = "n" + names.size();
        String p = "n" + (names.size() + 1);
        names.add(i);
        names.add(p);
        ops.add(Json.object().put("op", "insert").put("table", "Interface").put("uuid-name", i)
                .put("row", Json.object().put("name", name).build()).build());
        ops.add(Json.object().put("op", "insert").put("table", "Port").put("uuid-name", p)
                .put("row", Json.object().put("name", name).put("interfaces", named(i)).build()).build());
        if (bridges.isEmpty() || rnd.nextInt(3) == 0) {
            String b = "n" + names.size();
            names.add(b);
            ops.add(Json.object().put("op", "insert").put("table", "Bridge").put("uuid-name", b)
                    .put("row", Json.object().put("name", name).put("ports", named(p)).build()).build());
            ops.add(Json.object().put("op", "mutate").put("table", "Open_vSwitch").put("where", Json.array())
                    .put("mutations", Json.array(Json.array(Json.of("bridges"), Json.of("insert"), named(b))))
                    .build());
            return;
        }
        Row br = bridges.get(rnd.nextInt(bridges.size()));
        Json where = Json.array(Json.array(Json.of("_uuid"), Json.of("=="), Atom.uuid(br.uuid()).toJson()));
        ops.add(Json.object().put("op", "mutate").put("table", "Bridge").put("where", where)
                .put("mutations", Json.array(Json.array(Json.of("ports"), Json.of("insert"), named(p)))).build());
        List<Uuid> ports = br.getUuids("ports");
        if (!ports.isEmpty() && rnd.nextBoolean()) {
            Uuid drop = ports.get(rnd.nextInt(ports.size()));
            ops.add(Json.object().put("op", "mutate").put("table", "Bridge").put("where", where)
                    .put("mutations", Json.array(Json.array(Json.of("ports"), Json.of("delete"),
                            Atom.uuid(drop).toJson()))).build());
        }
    }

    private static Json named(String n) {
        return Json.array(Json.of("named-uuid"), Json.of(n));
    }

    private static Json randomOp(Random rnd, DatabaseSnapshot db, List<String> names) {
        TableSchema t = db.schema().table(TABLES[rnd.nextInt(TABLES.length)]);
        switch (rnd.nextInt(6)) {
            case 0:
            case 1:
                String name = "n" + names.size();
                names.add(name);
                return Json.object().put("op", "insert").put("table", t.name()).put("uuid-name", name)
                        .put("row", randomRow(rnd, t, db, names)).build();
            case 2:
                return Json.object().put("op", "update").put("table", t.name()).put("where", randomWhere(rnd, t, db))
                        .put("row", randomRow(rnd, t, db, names)).build();
            case 3:
                ColumnSchema c = t.columns().get(rnd.nextInt(t.columns().size()));
                String[] mutators = {"insert", "delete", "+=", "-=", "*=", "/=", "%="};
                return Json.object().put("op", "mutate").put("table", t.name()).put("where", randomWhere(rnd, t, db))
                        .put("mutations", Json.array(Json.array(Json.of(c.name()),
                                Json.of(mutators[rnd.nextInt(mutators.length)]), randomValue(rnd, c, db, names))))
                        .build();
            case 4:
                return Json.object().put("op", "delete").put("table", t.name()).put("where", randomWhere(rnd, t, db))
                        .build();
            default:
                return Json.object().put("op", "select").put("table", t.name()).put("where", randomWhere(rnd, t, db))
                        .build();
        }
    }

    private static Json randomWhere(Random rnd, TableSchema t, DatabaseSnapshot db) {
        if (rnd.nextInt(3) == 0) {
            return Json.array();
        }
        if (rnd.nextBoolean() && db.table(t.name()).size() > 0) {
            List<Row> rows = new ArrayList<>(db.table(t.name()).rows());
            Row r = rows.get(rnd.nextInt(rows.size()));
            return Json.array(Json.array(Json.of("_uuid"), Json.of("=="), Atom.uuid(r.uuid()).toJson()));
        }
        if (t.column("name") != null) {
            return Json.array(Json.array(Json.of("name"), Json.of(rnd.nextBoolean() ? "==" : "!="),
                    Json.of(NAMES[rnd.nextInt(NAMES.length)])));
        }
        return Json.array();
    }

    private static Json randomRow(Random rnd, TableSchema t, DatabaseSnapshot db, List<String> names) {
        Json.ObjBuilder b = Json.object();
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            ColumnSchema c = t.columns().get(rnd.nextInt(t.columns().size()));
            b.put(c.name(), randomValue(rnd, c, db, names));
        }
        if (t.column("name") != null && rnd.nextInt(4) != 0) {
            b.put("name", Json.of(NAMES[rnd.nextInt(NAMES.length)]));
        }
        return b.build();
    }

    private static Json randomValue(Random rnd, ColumnSchema c, DatabaseSnapshot db, List<String> names) {
        if (rnd.nextInt(20) == 0) {
            return Json.of("garbage");
        }
        int n = rnd.nextInt(3);
        List<Json> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(randomAtom(rnd, c.type().key().type(), c.type().key().refTable(), db, names));
        }
        if (c.type().isMap()) {
            List<Json> pairs = new ArrayList<>();
            for (Json k : keys) {
                pairs.add(Json.array(k, randomAtom(rnd, c.type().value().type(), c.type().value().refTable(), db,
                        names)));
            }
            return Json.array(Json.of("map"), Json.array(pairs));
        }
        return keys.size() == 1 && rnd.nextBoolean() ? keys.get(0) : Json.array(Json.of("set"), Json.array(keys));
    }

    private static Json randomAtom(Random rnd, AtomicType type, String refTable,
            DatabaseSnapshot db, List<String> names) {
        switch (type) {
            case INTEGER:
                return Json.of((long) rnd.nextInt(5000) - 10);
            case REAL:
                return Json.of(rnd.nextDouble() * 100);
            case BOOLEAN:
                return Json.of(rnd.nextBoolean());
            case STRING:
                String[] s = {"", "a", "active", "secure", "trunk", "127.0.0.1:6343", "up"};
                return Json.of(s[rnd.nextInt(s.length)]);
            default:
                if (!names.isEmpty() && rnd.nextBoolean()) {
                    return Json.array(Json.of("named-uuid"), Json.of(names.get(rnd.nextInt(names.size()))));
                }
                if (refTable != null && db.table(refTable).size() > 0 && rnd.nextInt(4) != 0) {
                    List<Row> rows = new ArrayList<>(db.table(refTable).rows());
                    return Atom.uuid(rows.get(rnd.nextInt(rows.size())).uuid()).toJson();
                }
                return Atom.uuid(Uuid.random()).toJson();
        }
    }

    private static void checkInvariants(DatabaseSnapshot db, String ctx) {
        Schema s = db.schema();
        Set<Uuid> reachable = new HashSet<>();
        List<Row> todo = new ArrayList<>();
        for (TableSchema t : s.tables()) {
            Set<Datum> names = new HashSet<>();
            for (Row r : db.table(t.name()).rows()) {
                if (s.isRoot(t)) {
                    todo.add(r);
                }
                for (ColumnSchema c : t.columns()) {
                    Datum d = r.get(c);
                    c.type().check(d);
                    for (int i = 0; i < d.size(); i++) {
                        checkRef(db, c.type().key(), d.keyAt(i), ctx);
                        if (d.isMap()) {
                            checkRef(db, c.type().value(), d.valueAt(i), ctx);
                        }
                    }
                }
                for (List<ColumnSchema> index : t.indexes()) {
                    assertThat(names.add(r.get(index.get(0)))).as(ctx + ": unique " + t.name()).isTrue();
                }
            }
        }
        while (!todo.isEmpty()) {
            Row r = todo.remove(todo.size() - 1);
            for (ColumnSchema c : r.table().strongRefColumns()) {
                Datum d = r.get(c);
                for (int i = 0; i < d.size(); i++) {
                    Atom a = c.type().key().isStrongRef() ? d.keyAt(i) : d.valueAt(i);
                    String target = c.type().key().isStrongRef() ? c.type().key().refTable()
                            : c.type().value().refTable();
                    if (reachable.add(a.asUuid())) {
                        Row next = db.row(target, a.asUuid());
                        if (next != null) {
                            todo.add(next);
                        }
                    }
                }
            }
        }
        for (TableSchema t : s.tables()) {
            if (!s.isRoot(t)) {
                for (Row r : db.table(t.name()).rows()) {
                    assertThat(reachable).as(ctx + ": orphan " + t.name() + " " + r.uuid()).contains(r.uuid());
                }
            }
        }
    }

    private static void checkRef(DatabaseSnapshot db, BaseType b, Atom a, String ctx) {
        if (b.refTable() != null) {
            assertThat(db.row(b.refTable(), a.asUuid())).as(ctx + ": dangling ref to " + b.refTable() + " " + a)
                    .isNotNull();
        }
    }
}

package io.jvswitch.ovsdb.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.txn.TxnResult;
import org.junit.jupiter.api.Test;

class CfgFollowerTest {

    private static void addBridge(Database db, String br, String... ports) {
        StringBuilder ops = new StringBuilder("[{\"op\":\"mutate\",\"table\":\"Open_vSwitch\",\"where\":[],"
                + "\"mutations\":[[\"bridges\",\"insert\",[\"named-uuid\",\"b\"]],[\"next_cfg\",\"+=\",1]]},"
                + "{\"op\":\"insert\",\"table\":\"Bridge\",\"uuid-name\":\"b\",\"row\":{\"name\":\"" + br
                + "\",\"ports\":[\"set\",[[\"named-uuid\",\"p\"]");
        for (int i = 0; i < ports.length; i++) {
            ops.append(",[\"named-uuid\",\"p").append(i).append("\"]");
        }
        ops.append("]]}},").append(port("p", "i", br, ""));
        for (int i = 0; i < ports.length; i++) {
            ops.append(",").append(port("p" + i, "i" + i, ports[i], i == 0 ? ",\"ofport_request\":7" : ""));
        }
        TxnResult r = db.transact(ops.append("]").toString());
        assertThat(r.isSuccess()).as(r.toString()).isTrue();
    }

    private static String port(String p, String i, String name, String extra) {
        return "{\"op\":\"insert\",\"table\":\"Port\",\"uuid-name\":\"" + p + "\",\"row\":{\"name\":\"" + name
                + "\",\"interfaces\":[\"named-uuid\",\"" + i + "\"]}},{\"op\":\"insert\",\"table\":\"Interface\","
                + "\"uuid-name\":\"" + i + "\",\"row\":{\"name\":\"" + name + "\"" + extra + "}}";
    }

    private static long ofport(Database db, String iface) {
        Row r = db.snapshot().table("Interface").findByName(iface);
        return r.getLong("ofport");
    }

    @Test
    void shouldAssignOfportsAndRaiseCurCfgWhenConfigurationChanges() throws Exception {
        try (Database db = Database.inMemory(Schema.vswitch()); CfgFollower f = CfgFollower.start(db)) {
            addBridge(db, "br0", "a", "b", "c");
            long deadline = System.currentTimeMillis() + 5000;
            while (db.snapshot().openVswitchRow().getLong("cur_cfg") != 1L && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            assertThat(db.snapshot().openVswitchRow().getLong("cur_cfg")).isEqualTo(1L);
            assertThat(ofport(db, "br0")).isEqualTo(CfgFollower.OFPP_LOCAL);
            assertThat(ofport(db, "a")).isEqualTo(7L);
            assertThat(ofport(db, "b")).isEqualTo(1L);
            assertThat(ofport(db, "c")).isEqualTo(2L);
            assertThat(f.acknowledge()).as("nothing left to do").isNull();
        }
    }

    @Test
    void shouldDoNothingWhenAlreadyApplied() throws Exception {
        try (Database db = Database.inMemory(Schema.vswitch())) {
            assertThat(CfgFollower.operations(db.snapshot())).isEmpty();
        }
    }
}

package io.jvswitch.ovsdb.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.TableSchema;
import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.json.JsonParser;
import io.jvswitch.ovsdb.txn.TxnResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdateEncoderTest {
    private final Database db = Database.inMemory(Schema.vswitch());
    private final TableSchema bridge = db.schema().table("Bridge");

    private TxnResult run(String ops) {
        TxnResult r = db.transact(ops);
        assertThat(r.isSuccess()).as(r.toString()).isTrue();
        return r;
    }

    private String insertBridge(String name) {
        TxnResult r = run("[{\"op\":\"insert\",\"table\":\"Bridge\",\"uuid-name\":\"b\",\"row\":{\"name\":\"" + name
                + "\",\"datapath_type\":\"netdev\"}},{\"op\":\"mutate\",\"table\":\"Open_vSwitch\",\"where\":[],"
                + "\"mutations\":[[\"bridges\",\"insert\",[\"named-uuid\",\"b\"]]]}]");
        return r.insertedUuid(0).toString();
    }

    private static String where(String uuid) {
        return "\"where\":[[\"_uuid\",\"==\",[\"uuid\",\"" + uuid + "\"]]]";
    }

    @Test
    void shouldReportConditionTransitionsAsInsertAndDeleteWhenMonitorIsConditional() {
        String b = insertBridge("br0");
        Map<String, TableMonitor> spec = Map.of("Bridge", TableMonitor.parse(bridge,
                JsonParser.parse("{\"columns\":[\"name\",\"fail_mode\"],"
                        + "\"where\":[[\"fail_mode\",\"==\",\"secure\"]]}"),
                true));
        assertThat(UpdateEncoder.initial(db.snapshot(), spec, true).toString()).isEqualTo("{}");
        TxnResult in = run("[{\"op\":\"update\",\"table\":\"Bridge\"," + where(b)
                + ",\"row\":{\"fail_mode\":\"secure\"}}]");
        assertThat(UpdateEncoder.changes(in.changes(), spec, true).toString()).isEqualTo("{\"Bridge\":{\"" + b
                + "\":{\"insert\":{\"name\":\"br0\",\"fail_mode\":\"secure\"}}}}");
        assertThat(UpdateEncoder.changes(in.changes(), spec, false).toString()).isEqualTo("{\"Bridge\":{\"" + b
                + "\":{\"new\":{\"name\":\"br0\",\"fail_mode\":\"secure\"}}}}");
        TxnResult out = run("[{\"op\":\"update\",\"table\":\"Bridge\"," + where(b)
                + ",\"row\":{\"fail_mode\":\"standalone\"}}]");
        assertThat(UpdateEncoder.changes(out.changes(), spec, true).toString()).isEqualTo("{\"Bridge\":{\"" + b
                + "\":{\"delete\":null}}}");
    }

    @Test
    void shouldSendOldChangedAndNewAllWhenV1Modify() {
        String b = insertBridge("br1");
        Map<String, TableMonitor> spec = Map.of("Bridge", TableMonitor.parse(bridge,
                JsonParser.parse("[{\"columns\":[\"name\"]},{\"columns\":[\"fail_mode\"]}]"), false));
        TxnResult r = run("[{\"op\":\"update\",\"table\":\"Bridge\"," + where(b)
                + ",\"row\":{\"fail_mode\":\"secure\"}}]");
        assertThat(UpdateEncoder.changes(r.changes(), spec, false).toString()).isEqualTo("{\"Bridge\":{\"" + b
                + "\":{\"old\":{\"fail_mode\":[\"set\",[]]},\"new\":{\"name\":\"br1\",\"fail_mode\":\"secure\"}}}}");
        TxnResult unmonitored = run("[{\"op\":\"update\",\"table\":\"Bridge\"," + where(b)
                + ",\"row\":{\"stp_enable\":true}}]");
        assertThat(UpdateEncoder.isEmpty(UpdateEncoder.changes(unmonitored.changes(), spec, false))).isTrue();
    }

    @Test
    void shouldHonourSelectFlagsWhenGiven() {
        Map<String, TableMonitor> spec = Map.of("Bridge", TableMonitor.parse(bridge,
                JsonParser.parse("{\"columns\":[\"name\"],\"select\":{\"initial\":false,\"insert\":false}}"), false));
        insertBridge("br2");
        assertThat(UpdateEncoder.initial(db.snapshot(), spec, false).toString()).isEqualTo("{}");
        TxnResult r = run("[{\"op\":\"insert\",\"table\":\"Bridge\",\"uuid-name\":\"b\",\"row\":{\"name\":\"br3\"}},"
                + "{\"op\":\"mutate\",\"table\":\"Open_vSwitch\",\"where\":[],"
                + "\"mutations\":[[\"bridges\",\"insert\",[\"named-uuid\",\"b\"]]]}]");
        assertThat(UpdateEncoder.changes(r.changes(), spec, false).toString()).isEqualTo("{}");
    }

    @Test
    void shouldDiffScalarsAsNewValueWhenOptional() {
        String b = insertBridge("br4");
        Map<String, TableMonitor> spec = Map.of("Bridge", TableMonitor.parse(bridge, Json.emptyObject(), true));
        run("[{\"op\":\"update\",\"table\":\"Bridge\"," + where(b) + ",\"row\":{\"fail_mode\":\"secure\"}}]");
        TxnResult r = run("[{\"op\":\"update\",\"table\":\"Bridge\"," + where(b)
                + ",\"row\":{\"fail_mode\":[\"set\",[]],\"datapath_type\":\"system\"}}]");
        assertThat(UpdateEncoder.changes(r.changes(), spec, true).toString()).isEqualTo("{\"Bridge\":{\"" + b
                + "\":{\"modify\":{\"datapath_type\":\"system\",\"fail_mode\":[\"set\",[]]}}}}");
    }
}

package io.jvswitch.ovsdb.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.json.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protocol server over a real Unix socket, byte for byte: framing, each method, errors. */
class OvsdbJsonRpcServerTest {
    private static final String ADD_BR0 = "{\"id\":7,\"method\":\"transact\",\"params\":[\"Open_vSwitch\","
            + "{\"op\":\"update\",\"table\":\"Open_vSwitch\",\"where\":[],"
            + "\"row\":{\"bridges\":[\"named-uuid\",\"b\"]}},"
            + "{\"op\":\"insert\",\"table\":\"Bridge\",\"uuid-name\":\"b\",\"row\":{\"name\":\"br0\","
            + "\"ports\":[\"named-uuid\",\"p\"]}},"
            + "{\"op\":\"insert\",\"table\":\"Port\",\"uuid-name\":\"p\",\"row\":{\"name\":\"br0\","
            + "\"interfaces\":[\"named-uuid\",\"i\"]}},"
            + "{\"op\":\"insert\",\"table\":\"Interface\",\"uuid-name\":\"i\",\"row\":{\"name\":\"br0\","
            + "\"type\":\"internal\"}},"
            + "{\"op\":\"comment\",\"comment\":\"test\"}]}";

    private Path dir;
    private Database db;
    private OvsdbJsonRpcServer server;
    private Path socket;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "ovsrpc");
        db = Database.inMemory(Schema.vswitch());
        server = new OvsdbJsonRpcServer(db, new ServerLimits(8, 4096, 1 << 20));
        socket = dir.resolve("db.sock");
        server.listen(socket);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        db.close();
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
    }

    private static Json parse(String s) {
        return JsonParser.parse(s);
    }

    @Test
    void shouldListDatabasesAndServeSchemasWhenAsked() throws Exception {
        try (RawClient c = new RawClient(socket)) {
            assertThat(c.call("{\"id\":1,\"method\":\"list_dbs\",\"params\":[]}").toString())
                    .isEqualTo("{\"id\":1,\"result\":[\"Open_vSwitch\",\"_Server\"],\"error\":null}");
            Json.Obj schema = (Json.Obj) ((Json.Obj) c.call("{\"id\":2,\"method\":\"get_schema\","
                    + "\"params\":[\"Open_vSwitch\"]}")).get("result");
            assertThat(schema.get("version")).isEqualTo(Json.of("8.3.1"));
            assertThat(((Json.Obj) schema.get("tables")).has("Interface")).isTrue();
            Json.Obj server = (Json.Obj) ((Json.Obj) c.call("{\"id\":3,\"method\":\"get_schema\","
                    + "\"params\":[\"_Server\"]}")).get("result");
            assertThat(server.get("name")).isEqualTo(Json.of("_Server"));
            assertThat(c.call("{\"id\":4,\"method\":\"get_schema\",\"params\":[\"Nope\"]}").toString())
                    .isEqualTo("{\"id\":4,\"error\":{\"syntax\":\"[\\\"Nope\\\"]\",\"details\":\"get_schema request "
                            + "specifies unknown database Nope\",\"error\":\"unknown database\"}}");
        }
    }

    @Test
    void shouldAnswerUnknownMethodAndKeepSessionWhenMethodIsUnknown() throws Exception {
        try (RawClient c = new RawClient(socket)) {
            assertThat(c.call("{\"id\":2,\"method\":\"frobnicate\",\"params\":[]}").toString())
                    .isEqualTo("{\"id\":2,\"error\":\"unknown method\"}");
            assertThat(c.call("{\"id\":\"e1\",\"method\":\"echo\",\"params\":[\"hi\",1]}").toString())
                    .isEqualTo("{\"id\":\"e1\",\"result\":[\"hi\",1],\"error\":null}");
            assertThat(c.call("{\"id\":3,\"method\":\"set_db_change_aware\",\"params\":[true]}").toString())
                    .isEqualTo("{\"id\":3,\"result\":{},\"error\":null}");
        }
    }

    @Test
    void shouldParseMessagesWhenSplitAcrossWritesOrConcatenated() throws Exception {
        try (RawClient c = new RawClient(socket)) {
            byte[] two = ("{\"id\":1,\"method\":\"echo\",\"params\":[\"a\\\"}\"]}"
                    + "  {\"params\":[\"é\"],\"method\":\"echo\",\"id\":2}").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < two.length; i += 3) {
                c.send(Arrays.copyOfRange(two, i, Math.min(two.length, i + 3)));
                Thread.sleep(1);
            }
            assertThat(c.next().toString()).isEqualTo("{\"id\":1,\"result\":[\"a\\\"}\"],\"error\":null}");
            assertThat(c.next().toString()).isEqualTo("{\"id\":2,\"result\":[\"é\"],\"error\":null}");
        }
    }

    @Test
    void shouldCloseSessionWithoutReplyAndKeepStoreWhenJsonIsMalformed() throws Exception {
        try (RawClient c = new RawClient(socket)) {
            c.send("{\"id\":1,\"method\":\"echo\",\"params\":[}");
            assertThat(c.closedWithin(3000)).isTrue();
            assertThat(c.poll(10)).isNull();
        }
        try (RawClient c = new RawClient(socket)) {
            c.send("{\"id\":1,\"method\":\"echo\",\"params\":[],\"jsonrpc\":\"2.0\"}");
            assertThat(c.closedWithin(3000)).isTrue();
        }
        assertStoreServes();
    }

    @Test
    void shouldCloseSessionWhenMessageIsOversized() throws Exception {
        try (RawClient c = new RawClient(socket)) {
            c.send("{\"id\":1,\"method\":\"echo\",\"params\":[\"" + "x".repeat(5000) + "\"]}");
            assertThat(c.closedWithin(3000)).isTrue();
            assertThat(c.poll(10)).isNull();
        }
        assertStoreServes();
    }

    @Test
    void shouldApplyNothingWhenClientDropsMidTransaction() throws Exception {
        long before = db.snapshot().txnId();
        try (RawClient c = new RawClient(socket)) {
            c.send(ADD_BR0.substring(0, ADD_BR0.length() - 5));
        }
        Thread.sleep(200);
        assertThat(db.snapshot().txnId()).isEqualTo(before);
        assertThat(db.snapshot().table("Bridge").size()).isZero();
        assertStoreServes();
    }

    @Test
    void shouldTransactWithNamedUuidsAndSendUpdateBeforeReplyWhenMonitoring() throws Exception {
        try (RawClient c = new RawClient(socket)) {
            Json mon = c.call("{\"id\":1,\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",[\"monid\",\"x\"],"
                    + "{\"Bridge\":[{\"columns\":[\"name\",\"ports\"]}],\"Open_vSwitch\":[{\"columns\":[]}]}]}");
            String ovsUuid = db.snapshot().openVswitchRow().uuid().toString();
            assertThat(mon.toString()).isEqualTo("{\"id\":1,\"result\":{\"Open_vSwitch\":{\"" + ovsUuid
                    + "\":{\"new\":{}}}},\"error\":null}");
            c.send(ADD_BR0);
            Json update = c.next();
            Json reply = c.next();
            assertThat(((Json.Obj) update).get("method")).isEqualTo(Json.of("update"));
            String bridge = db.snapshot().table("Bridge").findByName("br0").uuid().toString();
            String port = db.snapshot().table("Port").findByName("br0").uuid().toString();
            assertThat(((Json.Obj) update).get("params").toString()).isEqualTo("[[\"monid\",\"x\"],{\"Bridge\":{\""
                    + bridge + "\":{\"new\":{\"name\":\"br0\",\"ports\":[\"uuid\",\"" + port + "\"]}}}}]");
            assertThat(reply.toString()).startsWith("{\"id\":7,\"result\":[{\"count\":1},{\"uuid\":[\"uuid\",\""
                    + bridge + "\"]},");
            assertThat(reply.toString()).endsWith(",{}],\"error\":null}");
        }
    }

    @Test
    void shouldSendUpdate2DiffsWhenMonitorCond() throws Exception {
        try (RawClient c = new RawClient(socket); RawClient other = new RawClient(socket)) {
            other.call(ADD_BR0);
            Json mon = c.call("{\"id\":1,\"method\":\"monitor_cond\",\"params\":[\"Open_vSwitch\",null,"
                    + "{\"Bridge\":[{\"columns\":[\"name\",\"external_ids\",\"flood_vlans\",\"stp_enable\"]}]}]}");
            String bridge = db.snapshot().table("Bridge").findByName("br0").uuid().toString();
            assertThat(mon.toString()).isEqualTo("{\"id\":1,\"result\":{\"Bridge\":{\"" + bridge
                    + "\":{\"initial\":{\"name\":\"br0\"}}}},\"error\":null}");
            String where = "\"where\":[[\"_uuid\",\"==\",[\"uuid\",\"" + bridge + "\"]]]";
            other.call("{\"id\":2,\"method\":\"transact\",\"params\":[\"Open_vSwitch\",{\"op\":\"update\","
                    + "\"table\":\"Bridge\"," + where + ",\"row\":{\"external_ids\":[\"map\",[[\"a\",\"1\"],"
                    + "[\"b\",\"2\"]]],\"flood_vlans\":[\"set\",[1,2,3]]}}]}");
            assertThat(c.next().toString()).isEqualTo("{\"id\":null,\"method\":\"update2\",\"params\":[null,"
                    + "{\"Bridge\":{\"" + bridge + "\":{\"modify\":{\"external_ids\":[\"map\",[[\"a\",\"1\"],"
                    + "[\"b\",\"2\"]]],\"flood_vlans\":[\"set\",[1,2,3]]}}}}]}");
            other.call("{\"id\":3,\"method\":\"transact\",\"params\":[\"Open_vSwitch\",{\"op\":\"update\","
                    + "\"table\":\"Bridge\"," + where + ",\"row\":{\"external_ids\":[\"map\",[[\"a\",\"9\"],"
                    + "[\"c\",\"3\"]]],\"flood_vlans\":[\"set\",[1,3,7]]}}]}");
            assertThat(c.next().toString()).isEqualTo("{\"id\":null,\"method\":\"update2\",\"params\":[null,"
                    + "{\"Bridge\":{\"" + bridge + "\":{\"modify\":{\"external_ids\":[\"map\",[[\"a\",\"9\"],"
                    + "[\"b\",\"2\"],[\"c\",\"3\"]]],\"flood_vlans\":[\"set\",[2,7]]}}}}]}");
        }
    }

    @Test
    void shouldAnswerMonitorCondSinceWithZeroTxnIdAndSendUpdate3() throws Exception {
        try (RawClient c = new RawClient(socket)) {
            String zero = "00000000-0000-0000-0000-000000000000";
            Json mon = c.call("{\"id\":3,\"method\":\"monitor_cond_since\",\"params\":[\"Open_vSwitch\","
                    + "[\"monid\",\"Open_vSwitch\"],{\"Interface\":[{\"columns\":[\"name\",\"ofport\"]}]},\"" + zero
                    + "\"]}");
            assertThat(mon.toString()).isEqualTo("{\"id\":3,\"result\":[false,\"" + zero + "\",{}],\"error\":null}");
            c.send(ADD_BR0);
            Json update = c.next();
            String iface = db.snapshot().table("Interface").findByName("br0").uuid().toString();
            assertThat(update.toString()).isEqualTo("{\"id\":null,\"method\":\"update3\",\"params\":[[\"monid\","
                    + "\"Open_vSwitch\"],\"" + zero + "\",{\"Interface\":{\"" + iface
                    + "\":{\"insert\":{\"name\":\"br0\"}}}}]}");
            assertThat(((Json.Obj) c.next()).get("id")).isEqualTo(Json.of(7));
        }
    }

    @Test
    void shouldSendEnteringAndLeavingRowsBeforeReplyWhenConditionChanges() throws Exception {
        try (RawClient c = new RawClient(socket)) {
            c.call(ADD_BR0);
            c.call(ADD_BR0.replace("br0", "br1").replace("\"id\":7", "\"id\":8")
                    .replace("{\"op\":\"update\",\"table\":\"Open_vSwitch\",\"where\":[],"
                            + "\"row\":{\"bridges\":[\"named-uuid\",\"b\"]}}",
                            "{\"op\":\"mutate\",\"table\":\"Open_vSwitch\",\"where\":[],"
                            + "\"mutations\":[[\"bridges\",\"insert\",[\"named-uuid\",\"b\"]]]}"));
            String b0 = db.snapshot().table("Bridge").findByName("br0").uuid().toString();
            String b1 = db.snapshot().table("Bridge").findByName("br1").uuid().toString();
            assertThat(c.call("{\"id\":1,\"method\":\"monitor_cond\",\"params\":[\"Open_vSwitch\",\"m\","
                    + "{\"Bridge\":[{\"columns\":[\"name\"],\"where\":[[\"name\",\"==\",\"br0\"]]}]}]}").toString())
                    .isEqualTo("{\"id\":1,\"result\":{\"Bridge\":{\"" + b0 + "\":{\"initial\":{\"name\":\"br0\"}}}},"
                            + "\"error\":null}");
            c.send("{\"id\":2,\"method\":\"monitor_cond_change\",\"params\":[\"m\",\"m2\","
                    + "{\"Bridge\":[{\"where\":[[\"name\",\"==\",\"br1\"]]}]}]}");
            Json update = c.next();
            assertThat(update.toString()).startsWith("{\"id\":null,\"method\":\"update2\",\"params\":[\"m2\",")
                    .contains("\"" + b1 + "\":{\"insert\":{\"name\":\"br1\"}}", "\"" + b0 + "\":{\"delete\":null}");
            assertThat(c.next().toString()).isEqualTo("{\"id\":2,\"result\":{},\"error\":null}");
            assertThat(c.call("{\"id\":3,\"method\":\"monitor_cond_change\",\"params\":[\"m2\",\"m3\","
                    + "{\"Bridge\":[{\"columns\":[\"name\"],\"where\":[false]}]}]}").toString())
                    .contains("\"details\":\"changing columns is unsupported\"");
            assertThat(c.call("{\"id\":4,\"method\":\"monitor_cond_change\",\"params\":[\"zz\",\"m3\","
                    + "{\"Bridge\":[{\"where\":[false]}]}]}").toString())
                    .isEqualTo("{\"id\":4,\"error\":{\"syntax\":\"\\\"zz\\\"\",\"details\":\"unknown monitor "
                            + "session\",\"error\":\"syntax error\"}}");
            // Later changes follow the new condition under the new id.
            c.call("{\"id\":5,\"method\":\"transact\",\"params\":[\"Open_vSwitch\",{\"op\":\"update\","
                    + "\"table\":\"Bridge\",\"where\":[],\"row\":{\"external_ids\":[\"map\",[[\"k\",\"v\"]]]}}]}");
            assertThat(c.poll(300)).as("no monitored column changed").isNull();
        }
    }

    @Test
    void shouldStopUpdatesWhenMonitorCancelled() throws Exception {
        try (RawClient c = new RawClient(socket)) {
            c.call("{\"id\":1,\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",\"m\",{\"Bridge\":{}}]}");
            assertThat(c.call("{\"id\":2,\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",\"m\",{\"Bridge\":{}}]}")
                    .toString()).isEqualTo("{\"id\":2,\"error\":{\"syntax\":\"\\\"m\\\"\",\"details\":\"duplicate "
                            + "monitor ID\",\"error\":\"syntax error\"}}");
            assertThat(c.call("{\"id\":3,\"method\":\"monitor_cancel\",\"params\":[\"m\"]}").toString())
                    .isEqualTo("{\"id\":3,\"result\":{},\"error\":null}");
            assertThat(c.call("{\"id\":4,\"method\":\"monitor_cancel\",\"params\":[\"m\"]}").toString())
                    .isEqualTo("{\"id\":4,\"error\":\"unknown monitor\"}");
            assertThat(c.call(ADD_BR0.replace("\"id\":7", "\"id\":5")).toString()).contains("\"id\":5,\"result\"");
        }
    }

    @Test
    void shouldReportTransactionErrorsInResultArrayWhenOpFails() throws Exception {
        try (RawClient c = new RawClient(socket)) {
            Json r = c.call("{\"id\":1,\"method\":\"transact\",\"params\":[\"Open_vSwitch\",{\"op\":\"wait\","
                    + "\"table\":\"Bridge\",\"timeout\":0,\"where\":[],\"columns\":[\"name\"],\"until\":\"==\","
                    + "\"rows\":[{\"name\":\"x\"}]},{\"op\":\"comment\",\"comment\":\"c\"}]}");
            assertThat(r.toString()).isEqualTo("{\"id\":1,\"result\":[{\"details\":\"\\\"where\\\" clause test "
                    + "failed\",\"error\":\"timed out\"},null],\"error\":null}");
            assertThat(c.call("{\"id\":2,\"method\":\"transact\",\"params\":[\"Nope\"]}").toString())
                    .contains("\"error\":\"unknown database\"");
            assertThat(c.call("{\"id\":3,\"method\":\"transact\",\"params\":[\"_Server\",{\"op\":\"delete\","
                    + "\"table\":\"Database\",\"where\":[]}]}").toString()).contains("\"error\":\"not allowed\"");
            Json sel = c.call("{\"id\":4,\"method\":\"transact\",\"params\":[\"_Server\",{\"op\":\"select\","
                    + "\"table\":\"Database\",\"where\":[[\"name\",\"==\",\"Open_vSwitch\"]],"
                    + "\"columns\":[\"model\"]}]}");
            assertThat(sel.toString()).contains("\"rows\":[{\"model\":\"standalone\"}]");
        }
    }

    @Test
    void shouldGrantQueueAndStealLocksWhenSessionsAsk() throws Exception {
        try (RawClient a = new RawClient(socket); RawClient b = new RawClient(socket)) {
            assertThat(a.call("{\"id\":1,\"method\":\"lock\",\"params\":[\"L\"]}").toString())
                    .contains("\"result\":{\"locked\":true}");
            assertThat(b.call("{\"id\":1,\"method\":\"lock\",\"params\":[\"L\"]}").toString())
                    .contains("\"result\":{\"locked\":false}");
            a.call("{\"id\":2,\"method\":\"unlock\",\"params\":[\"L\"]}");
            assertThat(b.next().toString()).isEqualTo("{\"id\":null,\"method\":\"locked\",\"params\":[\"L\"]}");
            assertThat(a.call("{\"id\":3,\"method\":\"steal\",\"params\":[\"L\"]}").toString())
                    .contains("\"result\":{\"locked\":true}");
            assertThat(b.next().toString()).isEqualTo("{\"id\":null,\"method\":\"stolen\",\"params\":[\"L\"]}");
            String assertL = "\"method\":\"transact\",\"params\":[\"Open_vSwitch\","
                    + "{\"op\":\"assert\",\"lock\":\"L\"}]}";
            assertThat(a.call("{\"id\":4," + assertL).toString())
                    .isEqualTo("{\"id\":4,\"result\":[{}],\"error\":null}");
            assertThat(b.call("{\"id\":5," + assertL).toString()).contains("\"error\":\"not owner\"");
        }
    }

    @Test
    void shouldRefuseToBindWhenLiveServerAnswers() throws Exception {
        try (OvsdbJsonRpcServer second = new OvsdbJsonRpcServer(db)) {
            assertThatThrownBy(() -> second.listen(socket))
                    .hasMessageContaining("already listening");
        }
        assertThat(OvsdbJsonRpcServer.isServing(socket)).isTrue();
        assertStoreServes();
    }

    private void assertStoreServes() throws Exception {
        try (RawClient c = new RawClient(socket)) {
            assertThat(c.call("{\"id\":9,\"method\":\"echo\",\"params\":[]}").toString())
                    .isEqualTo("{\"id\":9,\"result\":[],\"error\":null}");
        }
        assertThat(parse("[]")).isNotNull();
    }
}

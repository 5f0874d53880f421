package io.jvswitch.ovsdb.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The same requests, byte for byte, to a real ovsdb-server (Open vSwitch 3.1, when installed) and to this server:
 * the replies must be identical. Only requests whose answers hold no fresh UUIDs are compared.
 */
class OvsdbServerWireDifferentialTest {
    private static final String OVS_SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema";

    /** Requests sent in order on one session to both servers. */
    private static final List<String> REQUESTS = List.of(
            "{\"id\":1,\"method\":\"list_dbs\",\"params\":[]}",
            "{\"id\":\"e\",\"method\":\"echo\",\"params\":[\"hi\",1,{\"a\":[]}]}",
            "{\"id\":2,\"method\":\"frobnicate\",\"params\":[]}",
            "{\"id\":3,\"method\":\"get_schema\",\"params\":[\"Nope\"]}",
            "{\"id\":4,\"method\":\"transact\",\"params\":[\"Nope\"]}",
            "{\"id\":5,\"method\":\"transact\",\"params\":[]}",
            "{\"id\":6,\"method\":\"get_schema\",\"params\":[]}",
            "{\"id\":7,\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",\"m\","
                    + "{\"Bridge\":{\"columns\":[\"nosuch\"]}}]}",
            "{\"id\":8,\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",\"m\",{\"Nope\":{}}]}",
            "{\"id\":9,\"method\":\"monitor_cond\",\"params\":[\"Open_vSwitch\",\"m2\","
                    + "{\"Bridge\":[{\"columns\":[\"name\"],\"where\":[[\"name\",\"==\",\"x\"]]}]}]}",
            "{\"id\":91,\"method\":\"monitor_cond_change\",\"params\":[\"zz\",\"m3\","
                    + "{\"Bridge\":[{\"where\":[false]}]}]}",
            "{\"id\":92,\"method\":\"monitor_cond_change\",\"params\":[\"m2\",\"m3\","
                    + "{\"Bridge\":[{\"columns\":[\"name\"],\"where\":[false]}]}]}",
            "{\"id\":93,\"method\":\"monitor_cond_change\",\"params\":[\"m2\",\"m3\","
                    + "{\"Nope\":[{\"where\":[false]}]}]}",
            "{\"id\":94,\"method\":\"monitor_cond_change\",\"params\":[\"m2\",\"m2\","
                    + "{\"Bridge\":[{\"where\":[false]}]}]}",
            "{\"id\":10,\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",\"m2\",{\"Bridge\":{}}]}",
            "{\"id\":11,\"method\":\"monitor_cancel\",\"params\":[\"m2\"]}",
            "{\"id\":12,\"method\":\"monitor_cancel\",\"params\":[\"m2\"]}",
            "{\"id\":13,\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",\"m3\","
                    + "{\"Bridge\":{\"columns\":[\"name\"],\"select\":{\"initial\":\"yes\"}}}]}",
            "{\"id\":14,\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",null,"
                    + "{\"Bridge\":{\"columns\":[\"name\"]}}]}",
            "{\"id\":15,\"method\":\"monitor_cond_since\",\"params\":[\"Open_vSwitch\",[\"monid\",\"Open_vSwitch\"],"
                    + "{\"Bridge\":[{\"columns\":[\"name\"]}]},\"00000000-0000-0000-0000-000000000000\"]}",
            "{\"id\":16,\"method\":\"transact\",\"params\":[\"Open_vSwitch\",{\"op\":\"select\",\"table\":\"Bridge\","
                    + "\"where\":[]},{\"op\":\"comment\",\"comment\":\"x\"},{\"op\":\"commit\",\"durable\":false}]}",
            "{\"id\":17,\"method\":\"transact\",\"params\":[\"Open_vSwitch\",{\"op\":\"wait\",\"table\":\"Bridge\","
                    + "\"timeout\":0,\"where\":[],\"columns\":[\"name\"],\"until\":\"==\",\"rows\":[{\"name\":\"x\"}]},"
                    + "{\"op\":\"comment\",\"comment\":\"x\"}]}",
            "{\"id\":18,\"method\":\"transact\",\"params\":[\"Open_vSwitch\",{\"op\":\"abort\"}]}",
            // Members in sorted order: ovsdb-server sorts them when it echoes the op as "syntax".
            "{\"id\":19,\"method\":\"transact\",\"params\":[\"Open_vSwitch\",{\"op\":\"insert\",\"row\":{},"
                    + "\"table\":\"Nope\"}]}",
            "{\"id\":20,\"method\":\"transact\",\"params\":[\"Open_vSwitch\"]}",
            "{\"id\":21,\"method\":\"lock\",\"params\":[1]}",
            "{\"id\":22,\"method\":\"lock\",\"params\":[\"L\"]}",
            "{\"id\":23,\"method\":\"transact\",\"params\":[\"Open_vSwitch\",{\"op\":\"assert\",\"lock\":\"L\"}]}",
            "{\"id\":24,\"method\":\"unlock\",\"params\":[\"L\"]}",
            "{\"id\":25,\"method\":\"transact\",\"params\":[\"Open_vSwitch\",{\"op\":\"assert\",\"lock\":\"L\"}]}",
            "{\"id\":26,\"method\":\"set_db_change_aware\",\"params\":[true]}");

    @Test
    void shouldAnswerLikeOvsdbServerWhenSentTheSameRequests() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ovsdb-server")) && Files.isReadable(Path.of(OVS_SCHEMA)),
                "Open vSwitch's ovsdb-server is not installed");
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "ovswd");
        Map<String, String> env = Map.of("OVS_RUNDIR", dir.toString(), "OVS_LOGDIR", dir.toString(), "OVS_DBDIR",
                dir.toString());
        Process real = null;
        try (Database db = Database.inMemory(Schema.vswitch());
                OvsdbJsonRpcServer ours = new OvsdbJsonRpcServer(db)) {
            run(env, "ovsdb-tool", "create", dir.resolve("conf.db").toString(), OVS_SCHEMA);
            ProcessBuilder pb = new ProcessBuilder("ovsdb-server", "--remote=punix:" + dir.resolve("real.sock"),
                    "--unixctl=" + dir.resolve("real.ctl"), "--no-chdir", dir.resolve("conf.db").toString());
            pb.environment().putAll(env);
            real = pb.redirectErrorStream(true).redirectOutput(dir.resolve("real.out").toFile()).start();
            long deadline = System.currentTimeMillis() + 10_000;
            while (!OvsdbJsonRpcServer.isServing(dir.resolve("real.sock")) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            ours.listen(dir.resolve("ours.sock"));
            List<String> expected = exchange(dir.resolve("real.sock"));
            List<String> actual = exchange(dir.resolve("ours.sock"));
            for (int i = 0; i < REQUESTS.size(); i++) {
                assertThat(actual.get(i)).as(REQUESTS.get(i)).isEqualTo(expected.get(i));
            }
        } finally {
            if (real != null) {
                real.destroy();
                if (!real.waitFor(5, TimeUnit.SECONDS)) {
                    real.destroyForcibly();
                }
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<String> exchange(Path socket) throws Exception {
        List<String> replies = new ArrayList<>();
        try (RawClient c = new RawClient(socket)) {
            for (String r : REQUESTS) {
                replies.add(c.call(r).toString());
            }
        }
        return replies;
    }

    private static void run(Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}

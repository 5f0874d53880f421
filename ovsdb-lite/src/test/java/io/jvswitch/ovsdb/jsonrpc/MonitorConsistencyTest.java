package io.jvswitch.ovsdb.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.txn.TxnResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A monitor started while other threads commit sees the reply first and every later row exactly once. */
class MonitorConsistencyTest {

    private static void addBridge(Database db, String name) {
        TxnResult r = db.transact("[{\"op\":\"insert\",\"table\":\"Bridge\",\"uuid-name\":\"b\",\"row\":{\"name\":\""
                + name + "\"}},{\"op\":\"mutate\",\"table\":\"Open_vSwitch\",\"where\":[],"
                + "\"mutations\":[[\"bridges\",\"insert\",[\"named-uuid\",\"b\"]]]}]");
        assertThat(r.isSuccess()).as(r.toString()).isTrue();
    }

    @Test
    void shouldSeeEveryRowExactlyOnceWhenMonitorStartsDuringCommits() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "ovsmc");
        Path socket = dir.resolve("db.sock");
        ExecutorService writers = Executors.newFixedThreadPool(3);
        try (Database db = Database.inMemory(Schema.vswitch());
                OvsdbJsonRpcServer server = new OvsdbJsonRpcServer(db)) {
            server.listen(socket);
            List<Future<?>> jobs = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                jobs.add(writers.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        addBridge(db, "w" + writer + "b" + i);
                    }
                }));
            }
            Set<String> seen = new HashSet<>();
            try (RawClient c = new RawClient(socket)) {
                Thread.sleep(5);
                c.send("{\"id\":1,\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",\"m\","
                        + "{\"Bridge\":{\"columns\":[\"name\"]}}]}");
                Json.Obj reply = (Json.Obj) c.next();
                assertThat(reply.get("id")).as("the reply comes before any update").isEqualTo(Json.of(1));
                collect((Json.Obj) reply.get("result"), seen);
                for (Future<?> j : jobs) {
                    j.get(30, TimeUnit.SECONDS);
                }
                addBridge(db, "last");
                while (!seen.contains("last")) {
                    Json.Obj update = (Json.Obj) c.next();
                    assertThat(update.get("method")).isEqualTo(Json.of("update"));
                    collect((Json.Obj) ((Json.Arr) update.get("params")).get(1), seen);
                }
            }
            Set<String> all = new HashSet<>();
            for (Row r : db.snapshot().table("Bridge").rows()) {
                all.add(r.getString("name"));
            }
            assertThat(seen).isEqualTo(all).hasSize(181);
        } finally {
            writers.shutdownNow();
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    private static void collect(Json.Obj tableUpdates, Set<String> seen) {
        Json.Obj bridges = (Json.Obj) tableUpdates.get("Bridge");
        if (bridges == null) {
            return;
        }
        for (Json row : bridges.members().values()) {
            Json.Obj n = (Json.Obj) ((Json.Obj) row).get("new");
            String name = ((Json.Str) n.get("name")).value();
            assertThat(seen.add(name)).as("%s reported twice", name).isTrue();
        }
    }
}

package io.jvswitch.ovsdb.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.ctl.VsctlEngine;
import io.jvswitch.ovsdb.ctl.VsctlResult;
import io.jvswitch.ovsdb.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stock {@code ovs-vsctl} over the protocol and jvswitch's own vsctl engine on one store: a change made through
 * one is seen at once through the other (issue 7 item 4). Skipped when Open vSwitch's tools are not installed.
 */
class StockClientInterleaveTest {
    private Path dir;
    private Path socket;
    private Database db;
    private OvsdbJsonRpcServer server;
    private CfgFollower follower;
    private VsctlEngine engine;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ovs-vsctl")), "ovs-vsctl is not installed");
        dir = Files.createTempDirectory(Path.of("/tmp"), "ovsil");
        socket = dir.resolve("db.sock");
        db = Database.inMemory(Schema.vswitch());
        server = new OvsdbJsonRpcServer(db);
        server.listen(socket);
        follower = CfgFollower.start(db);
        engine = new VsctlEngine(db);
    }

    @AfterEach
    void stop() throws Exception {
        if (db == null) {
            return;
        }
        follower.close();
        server.close();
        db.close();
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
    }

    private String stock(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/ovs-vsctl", "--db=unix:" + socket, "--timeout=5"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private String jvs(String... args) {
        VsctlResult r = engine.run(List.of(args), "jvs-vsctl");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout();
    }

    @Test
    void shouldSeeEachOthersChangesWhenStockAndJvsToolsInterleave() throws Exception {
        try (RawClient watcher = new RawClient(socket)) {
            watcher.call("{\"id\":1,\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",\"w\","
                    + "{\"Port\":{\"columns\":[\"name\"]}}]}");
            stock("add-br", "ib0");
            assertThat(jvs("list-br")).isEqualTo("ib0\n");
            jvs("add-port", "ib0", "jp0", "tag=3");
            // The engine's commit reaches protocol monitors at once ...
            boolean seen = false;
            for (int i = 0; i < 5 && !seen; i++) {
                Json m = watcher.next();
                seen = m.toString().contains("\"jp0\"");
            }
            assertThat(seen).isTrue();
            // ... and stock clients read it.
            assertThat(stock("list-ports", "ib0")).isEqualTo("jp0\n");
            assertThat(stock("get", "Port", "jp0", "tag")).isEqualTo("3\n");
            stock("set", "Port", "jp0", "tag=4", "--", "add-port", "ib0", "sp0");
            assertThat(jvs("get", "Port", "jp0", "tag")).isEqualTo("4\n");
            assertThat(jvs("list-ports", "ib0")).isEqualTo("jp0\nsp0\n");
            jvs("del-br", "ib0");
            assertThat(stock("list-br")).isEmpty();
        }
    }
}

package io.jvswitch.ovsdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.Subscription;
import io.jvswitch.ovsdb.txn.TxnBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open vSwitch's own ovs-vsctl and ovsdb-client, unchanged, against ovsdb-lite over RFC 7047 — in ovs-vsctl's
 * waiting mode, with a stand-in for the switch that assigns ofports and raises cur_cfg. Skips without the tools.
 */
class StockOvsVsctlTest {
    @TempDir
    Path dir;
    private Database db;
    private OvsdbUnixServer server;
    private ExecutorService fakeSwitch;
    private Subscription sub;

    record Result(int exit, String out, String err) {
    }

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ovs-vsctl")), "ovs-vsctl not installed");
        db = Database.inMemory(Schema.vswitch());
        server = OvsdbUnixServer.start(db, dir.resolve("db.sock"), OvsdbUnixServer.DEFAULT_MAX_MESSAGE);
        fakeSwitch = Executors.newSingleThreadExecutor();
        sub = db.subscribe(cs -> fakeSwitch.execute(this::applyConfig));
    }

    /** What ovs-vswitchd does after each change: give new interfaces an ofport, then cur_cfg = next_cfg. */
    private void applyConfig() {
        Row ovs = db.snapshot().openVswitchRow();
        List<Row> pending = new ArrayList<>();
        for (Row i : db.snapshot().table("Interface").rows()) {
            if (i.getLong("ofport") == null) {
                pending.add(i);
            }
        }
        if (pending.isEmpty() && ovs.getLong("cur_cfg").equals(ovs.getLong("next_cfg"))) {
            return;
        }
        TxnBuilder t = db.newTransaction();
        long port = 1 + db.snapshot().table("Interface").size();
        for (Row i : pending) {
            t.update("Interface", List.of(TxnBuilder.whereUuid(i.uuid())), Map.of("ofport", port++));
        }
        t.update("Open_vSwitch", List.of(), Map.of("cur_cfg", ovs.getLong("next_cfg")));
        t.commit();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            sub.close();
            fakeSwitch.shutdownNow();
            server.close();
        }
    }

    private Result run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(args[0]);
        if (args[0].equals("ovs-vsctl")) {
            cmd.add("--db=unix:" + server.path());
            cmd.add("--timeout=5");
        }
        cmd.addAll(List.of(args).subList(1, args.length));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as(String.join(" ", cmd)).isTrue();
        return new Result(p.exitValue(), out, Files.readString(dir.resolve("err")));
    }

    private void ok(String... args) throws Exception {
        Result r = run(args);
        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
        assertThat(r.err()).as(String.join(" ", args)).isEmpty();
    }

    @Test
    void shouldServeStockOvsVsctlAndLibvirtLinesWhenWaitingForTheSwitch() throws Exception {
        ok("ovs-vsctl", "add-br", "br0");
        ok("ovs-vsctl", "--", "--may-exist", "add-port", "br0", "vnet0", "--", "set", "Port", "vnet0",
                "other_config:transient=true", "tag=10", "--", "set", "Interface", "vnet0",
                "external-ids:attached-mac=\"52:54:00:71:b1:b6\"", "--", "set", "Interface", "vnet0",
                "external-ids:iface-status=active");
        assertThat(run("ovs-vsctl", "list-ports", "br0").out()).isEqualTo("vnet0\n");
        assertThat(run("ovs-vsctl", "iface-to-br", "vnet0").out()).isEqualTo("br0\n");
        assertThat(run("ovs-vsctl", "get", "Interface", "vnet0", "external_ids:attached-mac").out())
                .isEqualTo("\"52:54:00:71:b1:b6\"\n");
        assertThat(run("ovs-vsctl", "--if-exists", "--format=list", "--data=json", "--no-headings",
                "--columns=statistics", "list", "Interface", "vnet0").out()).isEqualTo("[\"map\",[]]\n");
        Result sflow = run("ovs-vsctl", "--", "--id=@s", "create", "sflow", "agent=lo",
                "target=\"127.0.0.1:6343\"", "header=128", "sampling=64", "polling=10", "--", "set", "bridge", "br0",
                "sflow=@s");
        assertThat(sflow.exit()).as(sflow.err()).isZero();
        assertThat(sflow.out().trim()).isEqualTo(db.snapshot().table("sFlow").rows().iterator().next().uuid()
                .toString());
        String show = run("ovs-vsctl", "show").out();
        assertThat(show).contains("Bridge br0").contains("Port vnet0").contains("tag: 10")
                .contains("type: internal");
        ok("ovs-vsctl", "clear", "bridge", "br0", "sflow");
        assertThat(db.snapshot().table("sFlow").size()).isZero();

        ok("ovs-vsctl", "del-port", "vnet0");
        assertThat(run("ovs-vsctl", "list-ports", "br0").out()).isEmpty();
        assertThat(db.snapshot().table("Interface").findByName("vnet0")).isNull();
        Result missing = run("ovs-vsctl", "del-port", "nosuch");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("ovs-vsctl: no port named nosuch\n");
        ok("ovs-vsctl", "--if-exists", "del-port", "nosuch");
        // Older libvirt: delete and re-add the same name in one transaction (needs GC before index checks).
        ok("ovs-vsctl", "add-port", "br0", "vnet1");
        ok("ovs-vsctl", "--", "--if-exists", "del-port", "vnet1", "--", "add-port", "br0", "vnet1", "--", "set",
                "Port", "vnet1", "tag=20");
        assertThat(db.snapshot().table("Port").findByName("vnet1").getLong("tag")).isEqualTo(20);

        Result dump = run("ovsdb-client", "dump", "unix:" + server.path());
        assertThat(dump.exit()).as(dump.err()).isZero();
        assertThat(dump.out()).contains("Bridge table").contains("vnet1");
    }

    @Test
    void shouldListEveryTableWithoutSchemaWarningsWhenStockClientMonitorsAllColumns() throws Exception {
        ok("ovs-vsctl", "add-br", "br0");
        for (String table : List.of("Open_vSwitch", "Bridge", "Port", "Interface", "sFlow", "QoS", "Queue",
                "Mirror", "NetFlow", "Controller", "Manager", "SSL", "IPFIX", "Flow_Table", "AutoAttach",
                "Datapath", "CT_Zone", "CT_Timeout_Policy", "Flow_Sample_Collector_Set")) {
            ok("ovs-vsctl", "list", table);
        }
        assertThat(run("ovs-vsctl", "list", "Bridge", "br0").out()).contains("mcast_snooping_enable: false")
                .contains("name                : br0");
    }

    @Test
    void shouldStreamChangesToStockOvsdbClientMonitor() throws Exception {
        ok("ovs-vsctl", "add-br", "br0");
        Process mon = new ProcessBuilder("ovsdb-client", "monitor", "unix:" + server.path(), "Open_vSwitch",
                "Bridge", "name").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(mon.getInputStream(),
                    StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            boolean added = false;
            while (System.nanoTime() < deadline) {
                String line = out.readLine();
                if (line == null) {
                    break;
                }
                seen.append(line).append('\n');
                if (!added && line.contains("br0")) {
                    ok("ovs-vsctl", "add-br", "br9");
                    added = true;
                }
                if (line.contains("br9")) {
                    break;
                }
            }
            assertThat(seen.toString()).contains("initial").contains("br0").contains("insert").contains("br9");
        } finally {
            mon.destroyForcibly();
            mon.waitFor(5, TimeUnit.SECONDS);
        }
    }
}

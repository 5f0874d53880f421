package io.jvswitch.ovsdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Schema;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same stock ovs-vsctl command lines against Open vSwitch's ovsdb-server (with our schema) and against
 * ovsdb-lite: exit status, stdout and stderr must be identical once uuids are normalized. Skips without the tools.
 */
class StockOvsVsctlParityTest {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @TempDir
    Path dir;
    private Process realServer;
    private OvsdbUnixServer lite;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ovs-vsctl")) && Files.isExecutable(Path.of(
                "/usr/sbin/ovsdb-server")), "Open vSwitch tools not installed");
        Path schema = dir.resolve("vswitch.ovsschema");
        try (InputStream in = Schema.class.getResourceAsStream(Schema.VSWITCH_RESOURCE)) {
            Files.write(schema, in.readAllBytes());
        }
        Path db = dir.resolve("conf.db");
        assumeTrue(exec(List.of("ovsdb-tool", "create", db.toString(), schema.toString())).exit == 0);
        Path sock = dir.resolve("real.sock");
        realServer = new ProcessBuilder("ovsdb-server", "--remote=punix:" + sock, "--unixctl=" + dir.resolve("ctl"),
                "--no-chdir", db.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile())
                .start();
        boolean up = false;
        for (int i = 0; i < 100 && !up; i++) {
            Thread.sleep(20);
            up = Files.exists(sock) && exec(List.of("ovsdb-client", "list-dbs", "unix:" + sock)).exit == 0;
        }
        assumeTrue(up, "ovsdb-server did not start");
        assertThat(exec(List.of("ovs-vsctl", "--db=unix:" + sock, "--no-wait", "init")).exit).isZero();
        lite = OvsdbUnixServer.start(Database.inMemory(Schema.vswitch()), dir.resolve("lite.sock"),
                OvsdbUnixServer.DEFAULT_MAX_MESSAGE);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (lite != null) {
            lite.close();
        }
        if (realServer != null) {
            realServer.destroy();
            if (!realServer.waitFor(5, TimeUnit.SECONDS)) {
                realServer.destroyForcibly();
            }
        }
    }

    record Result(int exit, String out, String err) {
    }

    private Result exec(List<String> cmd) throws Exception {
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as(String.join(" ", cmd)).isTrue();
        return new Result(p.exitValue(), out, Files.readString(err));
    }

    private static String normalize(String s, Map<String, String> ids) {
        Matcher m = UUID.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, ids.computeIfAbsent(m.group(), k -> "<uuid" + ids.size() + ">"));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    @Test
    void shouldPrintTheSameAsWithOvsdbServerWhenRunningTheSameCommands() throws Exception {
        String[][] commands = {
            {"add-br", "br0"},
            {"add-br", "br0"},
            {"--", "--may-exist", "add-port", "br0", "vnet0", "--", "set", "Port", "vnet0",
                "other_config:transient=true", "tag=10", "--", "set", "Interface", "vnet0",
                "external-ids:attached-mac=\"52:54:00:71:b1:b6\"", "--", "set", "Interface", "vnet0",
                "external-ids:iface-status=active"},
            {"set", "Port", "vnet0", "trunks=30,40"},
            {"get", "Port", "vnet0", "tag", "trunks", "other_config"},
            {"get", "Interface", "vnet0", "external_ids"},
            {"get", "Interface", "vnet0", "external_ids:attached-mac"},
            {"get", "Interface", "vnet0", "external_ids:nokey"},
            {"--columns=name,tag,trunks,vlan_mode,other_config", "list", "Port", "vnet0"},
            {"--format=json", "--columns=name,tag,trunks", "list", "Port", "vnet0"},
            {"--bare", "--columns=name", "find", "Port", "tag=10"},
            {"list", "Interface", "vnet0"},
            {"set", "Port", "vnet0", "tag=5000"},
            {"set", "Port", "vnet0", "vlan_mode=bogus"},
            {"set", "Port", "br0", "name=x"},
            {"add-port", "nosuch", "p9"},
            {"list-ports", "br0"},
            {"list-br"},
            {"iface-to-br", "vnet0"},
            {"--", "--id=@s", "create", "sflow", "agent=lo", "target=\"127.0.0.1:6343\"", "header=128",
                "sampling=64", "polling=10", "--", "set", "bridge", "br0", "sflow=@s"},
            {"list", "sflow"},
            {"clear", "bridge", "br0", "sflow"},
            {"list", "sflow"},
            {"set", "Interface", "vnet0", "ingress_policing_rate=8192", "ingress_policing_burst=0"},
            {"get", "Interface", "vnet0", "ingress_policing_rate"},
            {"del-port", "vnet0"},
            {"del-port", "vnet0"},
            {"--if-exists", "del-port", "vnet0"},
            {"list-ports", "br0"},
            {"del-br", "br0"},
            {"list-br"},
            {"list", "Port"},
        };
        Map<String, String> realIds = new HashMap<>();
        Map<String, String> liteIds = new HashMap<>();
        for (String[] c : commands) {
            List<String> real = new ArrayList<>(List.of("ovs-vsctl", "--no-wait", "--db=unix:" + dir.resolve(
                    "real.sock")));
            List<String> mine = new ArrayList<>(List.of("ovs-vsctl", "--no-wait", "--db=unix:" + lite.path()));
            real.addAll(List.of(c));
            mine.addAll(List.of(c));
            Result expected = exec(real);
            Result actual = exec(mine);
            String what = String.join(" ", c);
            assertThat(actual.exit()).as(what + "\n" + actual.err()).isEqualTo(expected.exit());
            assertThat(normalize(actual.out(), liteIds)).as(what).isEqualTo(normalize(expected.out(), realIds));
            assertThat(normalize(actual.err(), liteIds)).as(what).isEqualTo(normalize(expected.err(), realIds));
        }
    }
}

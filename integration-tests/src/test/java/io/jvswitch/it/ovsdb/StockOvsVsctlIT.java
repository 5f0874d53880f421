package io.jvswitch.it.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvswitch.it.support.DaemonLogOnFailure;
import io.jvswitch.it.support.DaemonProcess;
import io.jvswitch.it.support.Exec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stock Open vSwitch 3.1 clients ({@code ovs-vsctl}, {@code ovsdb-client}) against a real {@code jvs-vswitchd}
 * over its {@code $JVS_RUNDIR/db.sock} (issue 7), in waiting mode (no {@code --no-wait}): every command must
 * return promptly because the daemon raises {@code cur_cfg} and sets {@code ofport}.
 */
@ExtendWith(DaemonLogOnFailure.class)
class StockOvsVsctlIT {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    private static DaemonProcess daemon;
    private static Path socket;

    @BeforeAll
    static void startDaemon() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ovs-vsctl")) && Files.isExecutable(Path.of(
                "/usr/bin/ovsdb-client")), "Open vSwitch's ovs-vsctl/ovsdb-client are not installed");
        daemon = DaemonProcess.start();
        socket = daemon.dirs().runDir().resolve("db.sock");
    }

    @AfterAll
    static void stopDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    /** {@code ovs-vsctl --db=unix:… --timeout=5 ARGS}: libvirt's timeout, never --no-wait. */
    static Exec.Result vsctl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ovs-vsctl", "--db=unix:" + socket, "--timeout=5"));
        cmd.addAll(List.of(args));
        // OVS_RUNDIR as well, so that nothing ever falls back to /var/run/openvswitch.
        return Exec.run(cmd, Map.of("OVS_RUNDIR", daemon.dirs().runDir().toString()), null, LIMIT, new byte[0]);
    }

    /** Runs ovs-vsctl and expects exit 0 and a clean stderr; returns stdout. */
    static String ok(String... args) {
        Exec.Result r = vsctl(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).as(r.toString()).isEmpty();
        return r.stdout();
    }

    @Test
    void shouldAgreeWithJvsVsctlWhenBothChangeOneDaemon() {
        // Each tool sees the other's change at once: one store behind both protocols.
        daemon.cli().vsctl("add-br", "mix0").orFail();
        ok("add-port", "mix0", "mixp1", "tag=12");
        assertThat(daemon.cli().vsctl("list-ports", "mix0").orFail().stdout()).isEqualTo("mixp1\n");
        assertThat(daemon.cli().vsctl("get", "Port", "mixp1", "tag").orFail().stdout()).isEqualTo("12\n");
        daemon.cli().vsctl("set", "Port", "mixp1", "trunks=20,30", "--", "add-port", "mix0", "mixp2").orFail();
        assertThat(ok("get", "Port", "mixp1", "trunks")).isEqualTo("[20, 30]\n");
        assertThat(ok("list-ports", "mix0")).isEqualTo("mixp1\nmixp2\n");
        assertThat(ok("--bare", "--columns=name", "find", "Port", "tag=12"))
                .isEqualTo(daemon.cli().vsctl("--bare", "--columns=name", "find", "Port", "tag=12").orFail().stdout());
        ok("del-br", "mix0");
        assertThat(daemon.cli().vsctl("br-exists", "mix0").exitCode()).isEqualTo(2);
    }

    @Test
    void shouldRunBridgeAndPortCommandsWhenStockOvsVsctlWaits() {
        ok("init");
        ok("add-br", "sb0");
        ok("add-port", "sb0", "sp1");
        ok("add-port", "sb0", "sp2", "tag=7");
        assertThat(ok("list-br")).contains("sb0\n");
        assertThat(ok("list-ports", "sb0")).isEqualTo("sp1\nsp2\n");
        ok("set", "Port", "sp1", "tag=5", "other_config:k=v");
        assertThat(ok("get", "Port", "sp1", "tag")).isEqualTo("5\n");
        assertThat(ok("get", "Port", "sp2", "tag")).isEqualTo("7\n");
        assertThat(ok("get", "Interface", "sb0", "ofport")).isEqualTo("65534\n");
        assertThat(Long.parseLong(ok("get", "Interface", "sp1", "ofport").trim())).isPositive();
        assertThat(ok("--columns=name", "find", "Port", "tag=5")).contains("sp1");
        assertThat(ok("--columns=name,tag", "list", "Port", "sp2")).contains("name                : sp2",
                "tag                 : 7");
        assertThat(ok("show")).contains("Bridge sb0", "Port sp1", "Interface sp1", "tag: 5", "type: internal");
        ok("del-port", "sp1");
        assertThat(ok("list-ports", "sb0")).isEqualTo("sp2\n");
        Exec.Result missing = vsctl("del-port", "sp1");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("ovs-vsctl: no port named sp1\n");
        ok("del-br", "sb0");
        assertThat(ok("list-br")).doesNotContain("sb0");
        // del-br cascades through the store's garbage collection: no orphan Port/Interface rows.
        assertThat(ok("--columns=name", "find", "Interface", "name=sp2")).isEmpty();
    }

    @Test
    void shouldAcceptEveryLibvirtLineWhenWaiting() {
        ok("add-br", "lb0");
        String mac = "external-ids:attached-mac=\"52:54:00:71:b1:b6\"";
        String[] attach = {"--", "--may-exist", "add-port", "lb0", "vnet0", "--", "set", "Port", "vnet0",
            "other_config:transient=true", "tag=10", "--", "set", "Interface", "vnet0", mac, "--", "set",
            "Interface", "vnet0", "external-ids:iface-id=\"8c2c3b4e-8d1b-4a3e-9f7b-0d6a4c1e2f30\"", "--", "set",
            "Interface", "vnet0", "external-ids:vm-id=\"66616b65-7575-6964-0000-000000000000\"", "--", "set",
            "Interface", "vnet0", "external-ids:iface-status=active"};
        ok(attach);
        ok(attach);
        assertThat(ok("get", "Interface", "vnet0", "external_ids:attached-mac")).isEqualTo("\"52:54:00:71:b1:b6\"\n");
        // Trunk and native VLAN modes.
        ok("--", "--may-exist", "add-port", "lb0", "vnet1", "--", "set", "Port", "vnet1",
                "other_config:transient=true", "vlan_mode=native-untagged", "tag=4", "trunk=10,20", "--", "set",
                "Interface", "vnet1", mac, "--", "set", "Interface", "vnet1", "external-ids:iface-status=active");
        assertThat(ok("get", "Port", "vnet1", "trunks")).isEqualTo("[10, 20]\n");
        // ≈2012 shape: VLAN arguments on add-port itself; ≈2014-2020 shape: delete then add, one transaction.
        ok("--", "--may-exist", "add-port", "lb0", "vnet2", "tag=11", "--", "set", "Interface", "vnet2", mac);
        ok("--", "--if-exists", "del-port", "vnet2", "--", "add-port", "lb0", "vnet2", "trunk=1,2", "--", "set",
                "Interface", "vnet2", mac, "--", "set", "Interface", "vnet2", "external-ids:iface-status=active");
        assertThat(ok("get", "Port", "vnet2", "trunks")).isEqualTo("[1, 2]\n");
        // Live VLAN change.
        ok("--", "--if-exists", "clear", "Port", "vnet0", "tag", "--", "--if-exists", "clear", "Port", "vnet0",
                "trunk", "--", "--if-exists", "clear", "Port", "vnet0", "vlan_mode", "--", "--if-exists", "set",
                "Port", "vnet0", "trunk=10,20");
        assertThat(ok("get", "Port", "vnet0", "tag")).isEqualTo("[]\n");
        // Migration data, statistics, master bridge.
        assertThat(ok("--if-exists", "get", "Interface", "vnet0", "external_ids:PortData")).isEqualTo("\n");
        ok("set", "Interface", "vnet0", "external_ids:PortData=abc");
        ok("set", "Interface", "vnet0", "external_ids:PortData=xyz");
        assertThat(ok("--if-exists", "get", "Interface", "vnet0", "external_ids:PortData")).isEqualTo("xyz\n");
        assertThat(ok("--if-exists", "--format=list", "--data=json", "--no-headings", "--columns=statistics", "list",
                "Interface", "vnet0")).startsWith("[\"map\",");
        assertThat(ok("--if-exists", "--format=list", "--data=json", "--no-headings", "--columns=statistics", "list",
                "Interface", "nosuch")).isEmpty();
        assertThat(ok("iface-to-br", "vnet0")).isEqualTo("lb0\n");
        assertThat(vsctl("iface-to-br", "nosuch").exitCode()).isNotZero();
        assertThat(ok("get", "Interface", "vnet0", "name")).isEqualTo("vnet0\n");
        // QoS: create, look up, clear; ingress policing.
        String vm = "external-ids:vm-id=\"66616b65-7575-6964-0000-000000000000\"";
        String ifn = "external-ids:ifname=\"vnet0\"";
        ok("set", "port", "vnet0", "qos=@qos1", vm, ifn, "--", "--id=@qos1", "create", "qos", "type=linux-htb",
                "other_config:min-rate=8192000", "queues:0=@queue0", vm, ifn, "--", "--id=@queue0", "create", "queue",
                "other_config:min-rate=8192000", vm, ifn);
        String qos = ok("--no-heading", "--columns=_uuid", "find", "qos", vm, ifn).trim();
        String queue = ok("--no-heading", "--columns=_uuid", "find", "queue", vm, ifn).trim();
        assertThat(qos).hasSize(36);
        assertThat(queue).hasSize(36);
        ok("set", "queue", queue, "other_config:min-rate=1000");
        ok("remove", "port", "vnet0", "qos", qos);
        ok("destroy", "qos", qos);
        ok("destroy", "queue", queue);
        ok("set", "Interface", "vnet0", "ingress_policing_rate=8192", "ingress_policing_burst=0");
        ok("set", "Interface", "vnet0", "ingress_policing_rate=0", "ingress_policing_burst=0");
        // Detach, twice (the second is a no-op).
        ok("--", "--if-exists", "del-port", "vnet0");
        ok("--", "--if-exists", "del-port", "vnet0");
        assertThat(ok("list-ports", "lb0")).isEqualTo("vnet1\nvnet2\n");
        ok("del-br", "lb0");
    }

    @Test
    void shouldCreateSflowWhenOvsCompatLineIsRun() {
        ok("add-br", "fb0");
        String uuid = ok("--", "--id=@s", "create", "sflow", "agent=lo", "target=\"127.0.0.1:6343\"", "header=128",
                "sampling=64", "polling=10", "--", "set", "bridge", "fb0", "sflow=@s").trim();
        assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(ok("get", "bridge", "fb0", "sflow")).isEqualTo(uuid + "\n");
        assertThat(ok("--columns=agent,targets,sampling", "list", "sflow", uuid)).contains("agent               : lo",
                "targets             : [\"127.0.0.1:6343\"]", "sampling            : 64");
        ok("clear", "bridge", "fb0", "sflow");
        assertThat(ok("list", "sflow")).doesNotContain(uuid);
        ok("del-br", "fb0");
    }

    @Test
    void shouldShowDataWhenOvsdbClientDumpsAndMonitors() throws Exception {
        ok("add-br", "db0");
        Exec.Result dump = Exec.run(LIMIT, "ovsdb-client", "dump", "unix:" + socket);
        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        assertThat(dump.stdout()).contains("Bridge table", "db0", "Open_vSwitch table");
        assertThat(Exec.run(LIMIT, "ovsdb-client", "list-dbs", "unix:" + socket).stdout())
                .isEqualTo("Open_vSwitch\n_Server\n");

        Process monitor = new ProcessBuilder("ovsdb-client", "monitor", "unix:" + socket, "Open_vSwitch", "Bridge",
                "name").redirectErrorStream(true).start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(monitor.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<" + e + ">");
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            assertThat(awaitLine(lines, "initial db0")).as("initial row").isNotNull();
            ok("add-br", "db1");
            assertThat(awaitLine(lines, "insert db1")).as("insert").isNotNull();
            ok("del-br", "db1");
            assertThat(awaitLine(lines, "delete db1")).as("delete").isNotNull();
        } finally {
            monitor.destroy();
            monitor.waitFor(5, TimeUnit.SECONDS);
        }
        ok("del-br", "db0");
    }

    private static String awaitLine(LinkedBlockingQueue<String> lines, String words) throws InterruptedException {
        String[] parts = words.split(" ");
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            String line = lines.poll(deadline - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
            if (line != null && line.matches(".*\\b" + parts[0] + "\\s+" + parts[1] + "\\b.*")) {
                return line;
            }
        }
        return null;
    }
}

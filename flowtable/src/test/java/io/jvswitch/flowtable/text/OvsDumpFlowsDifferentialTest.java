package io.jvswitch.flowtable.text;

import io.jvswitch.flowtable.FlowFlag;
import io.jvswitch.flowtable.FlowRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Compares our {@code --no-stats dump-flows} line (the parse-flow output) and our stats line with what a
 * real Open vSwitch 3.1 switch prints after {@code add-flow}: a private {@code ovsdb-server} +
 * {@code ovs-vswitchd} with a dummy datapath in a temporary directory (no kernel module, no real
 * interface; ovs-compat §6.7). Skips when Open vSwitch's daemons are not installed.
 */
class OvsDumpFlowsDifferentialTest {
    private static Path dir;
    private static Map<String, String> env;
    private static boolean available;

    private final FlowParser parser = new FlowParser();
    private final FlowFormatter formatter = new FlowFormatter();

    @BeforeAll
    static void startSwitch() throws Exception {
        if (OvsTools.ofctl() == null || !Files.isExecutable(Path.of("/usr/sbin/ovs-vswitchd"))
                || !Files.isExecutable(Path.of("/usr/sbin/ovsdb-server"))
                || !Files.exists(Path.of("/usr/share/openvswitch/vswitch.ovsschema"))) {
            return;
        }
        dir = Files.createTempDirectory("jvsovs");
        env = Map.of("OVS_RUNDIR", dir.toString(), "OVS_LOGDIR", dir.toString(), "OVS_DBDIR", dir.toString());
        String db = "unix:" + dir.resolve("db.sock");
        available = run("ovsdb-tool", "create", dir.resolve("conf.db").toString(),
                "/usr/share/openvswitch/vswitch.ovsschema").exit == 0
                && run("ovsdb-server", "--detach", "--no-chdir", "--pidfile=" + dir.resolve("ovsdb-server.pid"),
                        "--remote=punix:" + dir.resolve("db.sock"), "--log-file=" + dir.resolve("ovsdb.log"),
                        dir.resolve("conf.db").toString()).exit == 0
                && run("ovs-vsctl", "--db=" + db, "--no-wait", "init").exit == 0
                && run("ovs-vswitchd", "--enable-dummy=override", "--disable-system", "--detach", "--no-chdir",
                        "--pidfile=" + dir.resolve("ovs-vswitchd.pid"), "--log-file=" + dir.resolve("vswitchd.log"),
                        db).exit == 0
                && run("ovs-vsctl", "--db=" + db, "--timeout=10", "add-br", "br0", "--", "set", "bridge", "br0",
                        "datapath_type=dummy").exit == 0;
    }

    @AfterAll
    static void stopSwitch() throws Exception {
        if (dir == null) {
            return;
        }
        for (String pidFile : new String[] {"ovs-vswitchd.pid", "ovsdb-server.pid"}) {
            Path p = dir.resolve(pidFile);
            if (Files.exists(p)) {
                long pid = Long.parseLong(Files.readString(p).strip());
                ProcessHandle.of(pid).ifPresent(h -> {
                    h.destroy();
                    h.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> null).join();
                });
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Test
    void shouldPrintTheNoStatsLineOfARealSwitchWhenFlowsAreAdded() throws Exception {
        assumeTrue(available, "Open vSwitch daemons not available");
        List<String> mismatches = new ArrayList<>();
        compare(OvsOfctlDifferentialTest.readResource("ovs-corpus.txt"), false, mismatches);
        compare(OvsOfctlDifferentialTest.readResource("ovs-corpus-of13.txt"), true, mismatches);
        assertThat(mismatches).as("lines differing from ovs-ofctl --no-stats dump-flows").isEmpty();
    }

    @Test
    void shouldPrintTheStatsLineOfARealSwitchWhenDurationsAreMasked() throws Exception {
        assumeTrue(available, "Open vSwitch daemons not available");
        String flow = "cookie=0x1f,table=1,idle_timeout=30,hard_timeout=60,tcp,nw_src=10.0.0.0/24,tp_dst=80,"
                + "actions=mod_nw_dst:10.0.0.9,mod_tp_dst:8080,NORMAL";
        String ovs = dumpAfterAdd(flow, false, false);
        FlowRule rule = parser.parseFlow(flow);
        String ours = formatter.formatWithStats(rule, new FlowDumpStats(58_000_000L, 0, 0, 0, 0));
        assertThat(maskTimes(ovs)).isEqualTo(maskTimes(ours));
    }

    /** Durations and ages depend on when the dump ran; the layout around them must not. */
    private static String maskTimes(String line) {
        return line.replaceAll("duration=[0-9.]+s", "duration=Xs").replaceAll("idle_age=[0-9]+", "idle_age=X");
    }

    /**
     * Adds the flows in as few batches as possible (flows with the same table, match and priority would
     * replace each other, so they go to different batches), dumps each batch once, and compares the dumped
     * lines with ours as multisets (the switch's order is unspecified).
     */
    private void compare(List<String> flows, boolean openFlow13, List<String> mismatches) throws Exception {
        List<List<String>> batches = new ArrayList<>();
        List<Set<String>> keys = new ArrayList<>();
        for (String flow : flows) {
            FlowRule rule = parser.parseFlow(flow);
            String key = rule.tableId() + "|" + rule.priority() + "|" + rule.match();
            // check_overlap refuses a flow overlapping any other of its priority, and OpenFlow 1.2 vlan_vid
            // "no VLAN" prints differently when the batch's protocol is NXM rather than OpenFlow 1.0 (ovs-ofctl
            // picks one protocol per batch, per flow for add-flow): such flows go alone.
            boolean alone = rule.has(FlowFlag.CHECK_OVERLAP) || flow.contains("vlan_vid");
            int b = alone ? batches.size() : 0;
            while (b < batches.size() && (keys.get(b).contains(key) || keys.get(b).contains("alone"))) {
                b++;
            }
            if (b == batches.size()) {
                batches.add(new ArrayList<>());
                keys.add(new HashSet<>());
            }
            batches.get(b).add(flow);
            keys.get(b).add(alone ? "alone" : key);
        }
        for (List<String> batch : batches) {
            List<String> ours = new ArrayList<>();
            for (String flow : batch) {
                ours.add(formatter.formatNoStats(parser.parseFlow(flow)));
            }
            List<String> ovs = dumpAfterAdding(batch, openFlow13);
            List<String> onlyOurs = new ArrayList<>(ours);
            ovs.forEach(onlyOurs::remove);
            List<String> onlyOvs = new ArrayList<>(ovs);
            ours.forEach(onlyOvs::remove);
            onlyOurs.forEach(l -> mismatches.add("jvs only: " + l));
            onlyOvs.forEach(l -> mismatches.add("ovs only: " + l));
        }
    }

    /** Empties the switch, adds {@code flows} with add-flows, and returns the dumped lines (no stats). */
    private static List<String> dumpAfterAdding(List<String> flows, boolean openFlow13) throws Exception {
        List<String> proto = openFlow13 ? List.of("-O", "OpenFlow13") : List.of();
        Result del = run(concat(proto, "del-flows", "br0"));
        assertThat(del.exit).as(del.output).isZero();
        Path file = dir.resolve("batch.flows");
        Files.write(file, flows, StandardCharsets.UTF_8);
        Result add = run(concat(proto, "add-flows", "br0", file.toString()));
        assertThat(add.exit).as(add.output).isZero();
        Result out = run(concat(proto, "--no-stats", "dump-flows", "br0"));
        List<String> lines = new ArrayList<>();
        for (String l : out.output.split("\n")) {
            if (l.startsWith(" ")) {
                lines.add(l.substring(1));
            }
        }
        return lines;
    }

    /** Empties the switch, adds {@code flow}, and returns the one dumped line without its leading space. */
    private static String dumpAfterAdd(String flow, boolean openFlow13, boolean noStats) throws Exception {
        List<String> proto = openFlow13 ? List.of("-O", "OpenFlow13") : List.of();
        Result del = run(concat(proto, "del-flows", "br0"));
        assertThat(del.exit).as(del.output).isZero();
        Result add = run(concat(proto, "add-flow", "br0", flow));
        if (add.exit != 0) {
            return "add-flow failed: " + add.output.strip();
        }
        List<String> dump = new ArrayList<>(proto);
        if (noStats) {
            dump.add("--no-stats");
        }
        Result out = run(concat(dump, "dump-flows", "br0"));
        List<String> lines = new ArrayList<>();
        for (String l : out.output.split("\n")) {
            if (l.startsWith(" ")) {
                lines.add(l.substring(1));
            }
        }
        return lines.size() == 1 ? lines.get(0) : "unexpected dump: " + out.output;
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(List.of(OvsTools.ofctl()));
        all.addAll(head);
        all.addAll(List.of(tail));
        return all.toArray(new String[0]);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", cmd));
        }
        return new Result(p.exitValue(), out);
    }
}

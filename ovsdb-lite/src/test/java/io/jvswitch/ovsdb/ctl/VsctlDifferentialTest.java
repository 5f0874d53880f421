package io.jvswitch.ovsdb.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs command sequences through our engine and through Open vSwitch's real {@code ovs-vsctl} (against a private
 * {@code ovsdb-server} on a temp directory, loaded with OVS's own schema) and compares stdout, stderr and exit
 * status after masking uuids and log timestamps. Skips when the OVS tools are not installed.
 *
 * <p>Scenarios live in {@code vsctl-differential.txt}: {@code == name} starts one (on fresh databases), each
 * other line is one invocation. A line starting {@code sorted:} compares its output lines as a sorted multiset
 * (OVS prints rows and referenced rows in hash/uuid order, which differs between two databases); {@code {last}}
 * stands for the first line of the previous invocation's stdout on the same side.
 */
class VsctlDifferentialTest {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern STAMP = Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\|\\d{5}\\|");
    private static final Path OVS_SCHEMA = Path.of("/usr/share/openvswitch/vswitch.ovsschema");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> shouldMatchRealOvsVsctlWhenRunningTheSameCommands() throws IOException {
        assumeTrue(installed("ovs-vsctl") && installed("ovsdb-server") && installed("ovsdb-tool")
                && Files.exists(OVS_SCHEMA), "Open vSwitch tools not installed");
        Map<String, List<String>> scenarios = loadScenarios();
        return scenarios.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> runScenario(e.getKey(), e.getValue())));
    }

    private static boolean installed(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, List<String>> loadScenarios() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        try (InputStream in = VsctlDifferentialTest.class.getResourceAsStream("vsctl-differential.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("== ")) {
                    current = new ArrayList<>();
                    out.put(line.substring(3).trim(), current);
                } else if (!line.isBlank() && !line.startsWith("#") && current != null) {
                    current.add(line);
                }
            }
        }
        return out;
    }

    private void runScenario(String name, List<String> lines) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name.replaceAll("[^A-Za-z0-9]", "_")));
        Path db = d.resolve("conf.db");
        run(d, List.of("ovsdb-tool", "create", db.toString(), OVS_SCHEMA.toString()));
        Path sock = d.resolve("db.sock");
        Process server = new ProcessBuilder("ovsdb-server", "--remote=punix:" + sock, "--unixctl=" + d.resolve("ctl"),
                "--no-chdir", "--log-file=" + d.resolve("server.log"), db.toString())
                .redirectErrorStream(true).redirectOutput(d.resolve("server.out").toFile()).start();
        try (Database ours = Database.inMemory(Schema.vswitch())) {
            assumeTrue(awaitListening(sock), "ovsdb-server did not start");
            VsctlEngine engine = new VsctlEngine(ours);
            List<String> mismatches = new ArrayList<>();
            String lastReal = "";
            String lastOurs = "";
            List<String> all = new ArrayList<>();
            all.add("init");
            all.addAll(lines);
            for (String line : all) {
                boolean sorted = line.startsWith("sorted:");
                String cmd = sorted ? line.substring("sorted:".length()).trim() : line;
                List<String> realArgs = ShellWords.split(cmd.replace("{last}", lastReal));
                List<String> ourArgs = ShellWords.split(cmd.replace("{last}", lastOurs));
                VsctlResult real = runReal(d, sock, realArgs);
                VsctlResult mine = engine.run(ourArgs, "ovs-vsctl");
                lastReal = firstLine(real.stdout());
                lastOurs = firstLine(mine.stdout());
                String want = render(real, sorted);
                String got = render(mine, sorted);
                if (!want.equals(got)) {
                    mismatches.add("$ ovs-vsctl " + cmd + "\n--- ovs-vsctl:\n" + want + "--- ours:\n" + got);
                }
            }
            assertThat(mismatches).as("differences from ovs-vsctl in scenario " + name).isEmpty();
        } finally {
            server.destroy();
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static boolean awaitListening(Path sock) throws InterruptedException {
        for (int i = 0; i < 250; i++) {
            if (Files.exists(sock)) {
                try {
                    SocketChannel.open(UnixDomainSocketAddress.of(sock)).close();
                    return true;
                } catch (IOException e) {
                    // not accepting yet
                }
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String render(VsctlResult r, boolean sorted) {
        String out = mask(r.stdout());
        if (sorted) {
            String[] lines = out.split("\n", -1);
            Arrays.sort(lines);
            out = String.join("\n", lines);
        }
        return "stdout:\n" + out + "\nstderr:\n" + mask(r.stderr()) + "\nexit " + r.exitCode() + "\n";
    }

    private static String mask(String s) {
        return STAMP.matcher(UUID.matcher(s).replaceAll("<uuid>")).replaceAll("<stamp>|");
    }

    private static VsctlResult runReal(Path d, Path sock, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ovs-vsctl", "--no-wait", "--db=unix:" + sock));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OVS_RUNDIR", d.toString());
        Path out = d.resolve("out");
        Path err = d.resolve("err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("ovs-vsctl hung: " + cmd);
        }
        return new VsctlResult(Files.readString(out), Files.readString(err), p.exitValue(), false);
    }

    private static void run(Path d, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(d.resolve("tool.out").toFile())
                .start();
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "cannot run " + cmd);
    }
}

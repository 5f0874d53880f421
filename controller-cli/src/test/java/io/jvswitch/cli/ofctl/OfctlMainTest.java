package io.jvswitch.cli.ofctl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class OfctlMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String prog, String... args) {
        return new OfctlMain(prog, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPrintTheNormalizedFlowWhenParsingOneFlow() {
        int status = run("", "jvs-ofctl", "parse-flow",
                "cookie=0x1,table=1,idle_timeout=10,priority=100,ip,nw_src=10.0.0.1/24,actions=output:3");
        assertThat(status).isZero();
        assertThat(out()).isEqualTo("cookie=0x1, table=1, idle_timeout=10, priority=100,ip,nw_src=10.0.0.0/24 "
                + "actions=output:3\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void shouldPrintTheErrorPrefixedWithTheProgramNameWhenTheFlowIsInvalid() {
        int status = run("", "ovs-ofctl", "parse-flow", "nw_src=1.2.3.4,actions=drop");
        assertThat(status).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err()).isEqualTo("ovs-ofctl: nw_src requires ip or arp (dl_type=0x0800/0x0806)\n");
    }

    @Test
    void shouldPrintOneLinePerFlowWhenParsingAFlowsFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("flows.txt");
        Files.writeString(file, "# a comment\n\nin_port=1,actions=output:2   # trailing comment\n"
                + "delete ip\nmodify_strict priority=5,tcp,actions=normal\npriority=7,\\\n  ip actions=drop\n");
        int status = run("", "jvs-ofctl", "parse-flows", file.toString());
        assertThat(err()).isEmpty();
        assertThat(status).isZero();
        assertThat(out()).isEqualTo("in_port=1 actions=output:2\ndelete ip\nmodify_strict priority=5,tcp "
                + "actions=NORMAL\npriority=7,ip actions=drop\n");
    }

    @Test
    void shouldReadStandardInputWhenTheFileIsADash() {
        int status = run("tcp,tp_dst=80,actions=normal\narp,actions=flood\n", "jvs-ofctl", "parse-flows", "-");
        assertThat(status).isZero();
        assertThat(out()).isEqualTo("tcp,tp_dst=80 actions=NORMAL\narp actions=FLOOD\n");
    }

    @Test
    void shouldNameFileAndLineAndPrintNothingWhenALineIsInvalid() {
        int status = run("ip,actions=drop\n\nfoo=1,actions=drop\n", "jvs-ofctl", "parse-flows", "-");
        assertThat(status).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err()).isEqualTo("jvs-ofctl: -:3: unknown keyword foo\n");
    }

    @Test
    void shouldFailCleanlyWhenTheFileIsMissing(@TempDir Path dir) {
        String missing = dir.resolve("nope").toString();
        assertThat(run("", "jvs-ofctl", "parse-flows", missing)).isEqualTo(1);
        assertThat(err()).isEqualTo("jvs-ofctl: " + missing + ": open failed (No such file or directory)\n");
    }

    @Test
    void shouldRouteDaemonCommandsToRunRemoteWhenNotOffline() {
        String db = "--db=unix:/nonexistent-jvs-dir/jvs.sock";
        assertThat(run("", "jvs-ofctl", db, "--strict", "del-flows", "br0", "in_port=1")).isEqualTo(1);
        assertThat(err()).startsWith("jvs-ofctl: cannot connect to \"/nonexistent-jvs-dir/jvs.sock\"");
        err.reset();
        assertThat(run("", "jvs-ofctl", "-O", "OpenFlow13", "show", "br0", db)).isEqualTo(1);
        assertThat(err()).startsWith("jvs-ofctl: cannot connect to \"/nonexistent-jvs-dir/jvs.sock\"");
        err.reset();
        assertThat(run("", "jvs-ofctl", db, "add-flows", "br0", "/nonexistent-jvs-dir/flows")).isEqualTo(1);
        assertThat(err()).startsWith("jvs-ofctl: /nonexistent-jvs-dir/flows: open failed");
    }

    @Test
    void shouldRejectUnknownCommandsAndMissingArgumentsWhenUsedWrongly() {
        assertThat(run("", "jvs-ofctl", "frobnicate")).isEqualTo(1);
        assertThat(err()).isEqualTo("jvs-ofctl: unknown command 'frobnicate'; use --help for help\n");
        err.reset();
        assertThat(run("", "jvs-ofctl", "parse-flow")).isEqualTo(1);
        assertThat(err()).isEqualTo("jvs-ofctl: 'parse-flow' command requires at least 1 arguments\n");
        err.reset();
        assertThat(run("", "jvs-ofctl")).isEqualTo(1);
        assertThat(err()).isEqualTo("jvs-ofctl: missing command name; use --help for help\n");
    }

    @Test
    void shouldAcceptOptionsAfterTheCommandWhenGivenGetoptStyle() {
        assertThat(run("", "jvs-ofctl", "parse-flow", "-O", "OpenFlow13", "ip,actions=drop", "--names")).isZero();
        assertThat(out()).isEqualTo("ip actions=drop\n");
    }

    @Test
    void shouldPrintUsageWhenAskedForHelp() {
        assertThat(run("", "jvs-ofctl", "--help")).isZero();
        assertThat(out()).contains("usage: jvs-ofctl", "parse-flow FLOW", "dump-flows SWITCH");
    }

    @Test
    void shouldSplitAFlowsFileLikeOvsWhenPreprocessing() {
        assertThat(FlowFileLine.read("a # x\n\n  b\\\nc\n#d\n")).containsExactly(new FlowFileLine(1, "a"),
                new FlowFileLine(3, "bc"));
    }

    @Test
    void shouldReturnTheFileContentWhenReadingForTheDaemon(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("f");
        Files.writeString(file, "x\ny\n");
        assertThat(OfctlMain.readFileOrStdin(file.toString(), new ByteArrayInputStream(new byte[0])))
                .isEqualTo("x\ny\n");
        assertThat(OfctlMain.readFileOrStdin("-", new ByteArrayInputStream("z".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("z");
    }
}

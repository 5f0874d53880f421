package io.jvswitch.it.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.it.support.Cli;
import io.jvswitch.it.support.DaemonDirs;
import io.jvswitch.it.support.DaemonLogOnFailure;
import io.jvswitch.it.support.DaemonProcess;
import io.jvswitch.it.support.Exec;
import io.jvswitch.it.support.Repo;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The thin clients against a real daemon, and without one (SPEC §1, ovs-appctl behaviour). */
@ExtendWith(DaemonLogOnFailure.class)
class ClientIT {

    private static DaemonProcess daemon;
    private static Cli cli;

    @BeforeAll
    static void startDaemon() {
        daemon = DaemonProcess.start();
        cli = daemon.cli();
    }

    @AfterAll
    static void stopDaemon() {
        daemon.close();
    }

    @Test
    void shouldPrintDaemonVersionWhenAppctlVersion() {
        Exec.Result result = cli.appctl("version");
        assertThat(result.stdout()).as(result.toString()).isEqualTo("jvs-vswitchd (jvswitch) 0.1.0\n");
        assertThat(result.exitCode()).isZero();
        assertThat(cli.appctl("-t", "ovs-vswitchd", "version").stdout()).isEqualTo(result.stdout());
        assertThat(cli.appctl("--target=" + daemon.dirs().socket(), "version").stdout()).isEqualTo(result.stdout());
        assertThat(cli.appctl("list-commands").stdout()).startsWith("The available commands are:\n")
                .contains("  vlog/set                {spec}\n", "  exit", "  version");
    }

    @Test
    void shouldChangeLogLevelsWhenVlogSet() {
        assertThat(cli.appctl("vlog/list").stdout()).containsPattern("datapath\\.daemon +INFO +INFO\n");
        Exec.Result set = cli.appctl("vlog/set", "daemon:file:dbg");
        assertThat(set.exitCode()).as(set.toString()).isZero();
        assertThat(set.stdout()).isEmpty();
        assertThat(cli.appctl("vlog/list").stdout()).containsPattern("datapath\\.daemon +INFO +DBG\n");
        cli.appctl("vlog/set", "info");
        assertThat(cli.appctl("vlog/list").stdout()).containsPattern("datapath\\.daemon +INFO +INFO\n");
    }

    @Test
    void shouldWriteToNewLogFileWhenReopenedAfterRotation() throws Exception {
        Path log = daemon.dirs().logFile();
        Path rotated = log.resolveSibling("jvs-vswitchd.log.1");
        Files.move(log, rotated);
        try {
            assertThat(cli.appctl("vlog/reopen").exitCode()).isZero();
            assertThat(cli.appctl("vlog/set", "ANY:file:info").exitCode()).isZero();
            assertThat(Files.readString(log)).contains("log levels set: ANY:file:info");
        } finally {
            Files.deleteIfExists(rotated);
        }
    }

    @Test
    void shouldReportServerErrorWithExit2WhenAppctlCommandRefused() {
        Exec.Result bogus = cli.appctl("vlog/set", "bogus:info");
        assertThat(bogus.exitCode()).isEqualTo(2);
        assertThat(bogus.stderr()).isEqualTo("no destination, level, or module \"bogus\"\njvs-appctl: "
                + daemon.dirs().socket() + ": server returned an error\n");
        Exec.Result unknown = cli.appctl("nosuch");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).startsWith("\"nosuch\" is not a valid command");
        Exec.Result tooMany = cli.appctl("version", "extra");
        assertThat(tooMany.stderr()).startsWith("\"version\" command takes at most 0 arguments\n");
    }

    @Test
    void shouldPrefixErrorsWithInvokedNameWhenCalledThroughOvsVsctlLink() throws Exception {
        Path dir = Files.createTempDirectory("jvsit-link");
        try {
            Path link = Files.createSymbolicLink(dir.resolve("ovs-vsctl"), Repo.bin("jvs-vsctl"));
            Exec.Result viaLink = cli.run(link, "bogus-cmd");
            assertThat(viaLink.exitCode()).as(viaLink.toString()).isEqualTo(1);
            assertThat(viaLink.stderr()).startsWith("ovs-vsctl: ").doesNotContain("jvs-vsctl");
            assertThat(viaLink.stderr().lines().count()).isEqualTo(1);
            Exec.Result direct = cli.vsctl("bogus-cmd");
            assertThat(direct.stderr()).startsWith("jvs-vsctl: ");
            assertThat(cli.run(link, "--version").stdout()).isEqualTo("ovs-vsctl (jvswitch) 0.1.0\n");
        } finally {
            Files.deleteIfExists(dir.resolve("ovs-vsctl"));
            Files.delete(dir);
        }
    }

    @Test
    void shouldFailWithOneLineConnectionErrorWhenNoDaemon() {
        try (DaemonDirs empty = DaemonDirs.create()) {
            Cli noDaemon = empty.cli();
            Exec.Result vsctl = noDaemon.vsctl("show");
            assertThat(vsctl.exitCode()).isEqualTo(1);
            assertThat(vsctl.stdout()).isEmpty();
            assertThat(vsctl.stderr()).isEqualTo("jvs-vsctl: unix:" + empty.socket()
                    + ": database connection failed (No such file or directory)\n");
            Exec.Result appctl = noDaemon.appctl("version");
            assertThat(appctl.exitCode()).isEqualTo(1);
            assertThat(appctl.stderr()).isEqualTo("jvs-appctl: cannot connect to \"" + empty.socket()
                    + "\" (No such file or directory)\n");
            Exec.Result viaDb = noDaemon.vsctl("--db=unix:/nonexistent/x.sock", "show");
            assertThat(viaDb.stderr()).isEqualTo(
                    "jvs-vsctl: unix:/nonexistent/x.sock: database connection failed (No such file or directory)\n");
        }
    }

    @Test
    void shouldUseDefaultRunDirectoryWhenEnvironmentUnset() {
        List<String> command = new ArrayList<>(List.of(Repo.bin("jvs-vsctl").toString(),
                "--db=unix:" + daemon.dirs().socket(), "bogus-cmd"));
        Exec.Result viaDb = Exec.run(command, Map.of(), null, Cli.DEFAULT_TIMEOUT, new byte[0]);
        // The daemon answered (with an error about the command), so --db found it without JVS_RUNDIR.
        assertThat(viaDb.stderr()).startsWith("jvs-vsctl: ").doesNotContain("connection failed");
    }

    @Test
    void shouldGiveUpAtTimeoutWhenDaemonNeverAnswers() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "jvsit-mute");
        Path socket = dir.resolve("mute.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            List<SocketChannel> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(server.accept());
                    }
                } catch (IOException e) {
                    // Closed at the end of the test.
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();
            Exec.Result result = cli.vsctl("--db=unix:" + socket, "--timeout=2", "show");
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(142);
            assertThat(result.stderr()).isEqualTo("jvs-vsctl: timed out after 2 seconds\n");
            assertThat(elapsedMs).isLessThan(15_000);
            Exec.Result appctl = cli.appctl("--db=unix:" + socket, "-T", "1", "version");
            assertThat(appctl.exitCode()).as(appctl.toString()).isEqualTo(142);
            assertThat(appctl.stderr()).isEqualTo("jvs-appctl: timed out after 1 seconds\n");
        } finally {
            Files.deleteIfExists(socket);
            Files.delete(dir);
        }
    }

    @Test
    void shouldAnswerHelpAndVersionWithoutDaemon() {
        try (DaemonDirs empty = DaemonDirs.create()) {
            Exec.Result version = empty.cli().vsctl("--version");
            assertThat(version.stdout()).isEqualTo("jvs-vsctl (jvswitch) 0.1.0\n");
            assertThat(empty.cli().vsctl("--help").stdout()).contains("usage: jvs-vsctl").contains("add-br");
            assertThat(empty.cli().appctl("--help").stdout()).contains("usage: jvs-appctl");
            Exec.Result noCommand = empty.cli().appctl();
            assertThat(noCommand.exitCode()).isEqualTo(1);
            assertThat(noCommand.stderr()).isEqualTo(
                    "jvs-appctl: at least one non-option argument is required (use --help for help)\n");
        }
    }
}

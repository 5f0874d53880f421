package io.jvswitch.it.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvswitch.it.support.Await;
import io.jvswitch.it.support.DaemonLogOnFailure;
import io.jvswitch.it.support.DaemonProcess;
import io.jvswitch.it.support.Exec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where the daemon serves OVSDB: {@code --remote=punix:PATH} next to {@code $JVS_RUNDIR/db.sock}, found by stock
 * {@code ovs-vsctl} through {@code OVS_RUNDIR} alone (as libvirt, which passes no {@code --db}, finds the
 * default socket); sockets removed at exit; a live server (a real ovsdb-server) is never taken over.
 */
@ExtendWith(DaemonLogOnFailure.class)
class OvsdbRemotesIT {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ovs-vsctl")), "ovs-vsctl is not installed");
        dir = Files.createTempDirectory(Path.of("/tmp"), "jvsrem");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void shouldServeExtraRemoteAndRemoveSocketsWhenStopped() {
        Path extra = dir.resolve("ovs/db.sock");
        Path runDirSocket;
        try (DaemonProcess daemon = DaemonProcess.start("--remote=punix:" + extra)) {
            runDirSocket = daemon.dirs().runDir().resolve("db.sock");
            // No --db: ovs-vsctl's default socket is $OVS_RUNDIR/db.sock, here the extra remote.
            Exec.Result r = Exec.run(List.of("ovs-vsctl", "--timeout=5", "add-br", "rb0"),
                    Map.of("OVS_RUNDIR", extra.getParent().toString()), null, LIMIT, new byte[0]);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            Exec.Result list = Exec.run(LIMIT, "ovs-vsctl", "--db=unix:" + runDirSocket, "--timeout=5", "list-br");
            assertThat(list.stdout()).isEqualTo("rb0\n");
        }
        assertThat(extra).doesNotExist();
        assertThat(runDirSocket).doesNotExist();
    }

    @Test
    void shouldServeStockClientOverTlsWhenPsslIsConfigured() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
                "-subj", "/CN=jvs-it-ca");
        for (String who : List.of("server", "client")) {
            openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", who + ".key", "-out", who + ".csr", "-subj",
                    "/CN=" + who);
            openssl("x509", "-req", "-in", who + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", who + ".crt", "-days", "2");
        }
        try (DaemonProcess daemon = DaemonProcess.start("--remote=pssl:0:127.0.0.1",
                "--private-key=" + dir.resolve("server.key"), "--certificate=" + dir.resolve("server.crt"),
                "--ca-cert=" + dir.resolve("ca.crt"))) {
            Matcher m = Pattern.compile("listening on pssl:(\\d+):127\\.0\\.0\\.1").matcher(daemon.dirs().log());
            assertThat(m.find()).as(daemon.dirs().log()).isTrue();
            List<String> cmd = List.of("ovs-vsctl", "--db=ssl:127.0.0.1:" + m.group(1),
                    "--private-key=" + dir.resolve("client.key"), "--certificate=" + dir.resolve("client.crt"),
                    "--ca-cert=" + dir.resolve("ca.crt"), "--timeout=5", "add-br", "tlsbr");
            Exec.Result r = Exec.run(cmd, Map.of(), null, LIMIT, new byte[0]);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stderr()).isEmpty();
            assertThat(Exec.run(LIMIT, "ovs-vsctl", "--db=unix:" + daemon.dirs().runDir().resolve("db.sock"),
                    "list-br").stdout()).isEqualTo("tlsbr\n");
        }
    }

    private void openssl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Exec.run(cmd, Map.of(), dir, LIMIT, new byte[0]).orFail();
    }

    @Test
    void shouldNeverTakeOverLiveOvsdbServerWhenItHoldsTheSocket() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ovsdb-server")), "ovsdb-server is not installed");
        Path db = dir.resolve("conf.db");
        Path sock = dir.resolve("db.sock");
        Map<String, String> env = Map.of("OVS_RUNDIR", dir.toString(), "OVS_LOGDIR", dir.toString(), "OVS_DBDIR",
                dir.toString());
        Exec.run(List.of("ovsdb-tool", "create", db.toString(), "/usr/share/openvswitch/vswitch.ovsschema"), env,
                null, LIMIT, new byte[0]).orFail();
        ProcessBuilder pb = new ProcessBuilder("ovsdb-server", "--remote=punix:" + sock,
                "--unixctl=" + dir.resolve("ovsdb.ctl"), "--no-chdir", db.toString());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("ovsdb.out").toFile());
        Process real = pb.start();
        try {
            Await.until(LIMIT, () -> Files.exists(sock), () -> "ovsdb-server socket");
            Exec.run(List.of("ovs-vsctl", "--db=unix:" + sock, "--no-wait", "init"), env, null, LIMIT, new byte[0])
                    .orFail();
            assertThatThrownBy(() -> DaemonProcess.start("--remote=punix:" + sock).close())
                    .hasMessageContaining("already listening");
            // The real server still owns and answers its socket.
            Exec.Result r = Exec.run(List.of("ovs-vsctl", "--db=unix:" + sock, "--no-wait", "add-br", "real0"), env,
                    null, LIMIT, new byte[0]);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(Exec.run(List.of("ovsdb-client", "list-dbs", "unix:" + sock), env, null, LIMIT, new byte[0])
                    .stdout()).isEqualTo("Open_vSwitch\n_Server\n");
        } finally {
            real.destroy();
            if (!real.waitFor(5, TimeUnit.SECONDS)) {
                real.destroyForcibly();
            }
        }
    }
}

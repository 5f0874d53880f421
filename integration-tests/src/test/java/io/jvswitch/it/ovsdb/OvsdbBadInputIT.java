package io.jvswitch.it.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvswitch.it.support.DaemonLogOnFailure;
import io.jvswitch.it.support.DaemonProcess;
import io.jvswitch.it.support.Exec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile or broken OVSDB clients against a real daemon (SPEC §8): each gets the right error or a closed
 * connection, and the store and the other clients are unharmed. Also many concurrent stock clients.
 */
@ExtendWith(DaemonLogOnFailure.class)
class OvsdbBadInputIT {
    private static DaemonProcess daemon;
    private static Path socket;

    @BeforeAll
    static void startDaemon() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ovs-vsctl")), "ovs-vsctl is not installed");
        daemon = DaemonProcess.start();
        socket = daemon.dirs().runDir().resolve("db.sock");
    }

    @AfterAll
    static void stopDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static Exec.Result vsctl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ovs-vsctl", "--db=unix:" + socket, "--timeout=5"));
        cmd.addAll(List.of(args));
        return Exec.run(cmd, Map.of("OVS_RUNDIR", daemon.dirs().runDir().toString()), null, Duration.ofSeconds(20),
                new byte[0]);
    }

    /** Sends {@code bytes}, half-closes, and returns everything the server wrote until it closed. */
    private static String exchange(byte[] bytes) throws Exception {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ExecutorService reader = Executors.newSingleThreadExecutor();
            try {
                // Plain channel reads and writes: Channels' stream adapters would share one lock between them.
                Future<byte[]> answer = reader.submit(() -> {
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    ByteBuffer buf = ByteBuffer.allocate(65536);
                    try {
                        while (ch.read(buf) >= 0) {
                            got.write(buf.array(), 0, buf.position());
                            buf.clear();
                        }
                    } catch (IOException e) {
                        // Reset by the server: what arrived before counts.
                    }
                    return got.toByteArray();
                });
                try {
                    ByteBuffer out = ByteBuffer.wrap(bytes);
                    while (out.hasRemaining()) {
                        ch.write(out);
                    }
                    ch.shutdownOutput();
                } catch (IOException e) {
                    // The server may close while we still write (oversized message): that is the point.
                }
                return new String(answer.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            } finally {
                reader.shutdownNow();
            }
        }
    }

    private static void assertStoreUnharmed() {
        Exec.Result r = vsctl("list-br");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("good0");
        assertThat(daemon.isAlive()).isTrue();
    }

    @Test
    void shouldAnswerErrorsOrCloseAndKeepStoreWhenInputIsBad() throws Exception {
        assertThat(vsctl("--may-exist", "add-br", "good0").exitCode()).isZero();
        assertThat(exchange(("{\"id\":2,\"method\":\"frobnicate\",\"params\":[]}"
                + "{\"id\":3,\"method\":\"echo\",\"params\":[1]}").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("{\"id\":2,\"error\":\"unknown method\"}{\"id\":3,\"result\":[1],\"error\":null}");
        // Malformed JSON: the session closes without a reply, as ovsdb-server's does.
        assertThat(exchange("{\"id\":1,\"method\":\"echo\",\"params\":[}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(exchange("\"just a string\"".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(exchange("{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[]}"
                .getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(exchange(new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'})).isEmpty();
        // Oversized (over 64 MiB): closed without being buffered whole.
        byte[] huge = new byte[(64 << 20) + 1024];
        Arrays.fill(huge, (byte) 'x');
        byte[] head = "{\"id\":1,\"method\":\"echo\",\"params\":[\"".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, huge, 0, head.length);
        assertThat(exchange(huge)).isEmpty();
        // Wrong params: error replies, the session goes on.
        assertThat(exchange(("{\"id\":4,\"method\":\"transact\",\"params\":[\"Nope\"]}"
                + "{\"id\":5,\"method\":\"transact\",\"params\":[\"Open_vSwitch\","
                + "{\"op\":\"insert\",\"table\":\"Nope\"}]}").getBytes(StandardCharsets.UTF_8)))
                .startsWith("{\"id\":4,\"error\":{\"syntax\":\"[\\\"Nope\\\"]\",\"details\":\"transact request "
                        + "specifies unknown database Nope\",\"error\":\"unknown database\"}}{\"id\":5,\"result\":[{");
        assertStoreUnharmed();
    }

    @Test
    void shouldApplyNothingWhenClientDropsMidTransaction() throws Exception {
        assertThat(vsctl("--may-exist", "add-br", "good0").exitCode()).isZero();
        String txn = "{\"id\":7,\"method\":\"transact\",\"params\":[\"Open_vSwitch\","
                + "{\"op\":\"insert\",\"table\":\"QoS\",\"row\":{\"type\":\"dropped-mid-way\"}}]}";
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(txn.substring(0, txn.length() - 3).getBytes(StandardCharsets.UTF_8)));
        }
        Thread.sleep(300);
        Exec.Result r = vsctl("--columns=type", "list", "QoS");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).doesNotContain("dropped-mid-way");
        assertStoreUnharmed();
    }

    @Test
    void shouldServeManyConcurrentStockClientsWhenTheyRace() throws Exception {
        assertThat(vsctl("--may-exist", "add-br", "race0").exitCode()).isZero();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Exec.Result>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String port = "rp" + i;
                results.add(pool.submit(() -> vsctl("--", "--may-exist", "add-port", "race0", port, "--", "set",
                        "Interface", port, "external-ids:iface-status=active")));
            }
            for (Future<Exec.Result> f : results) {
                Exec.Result r = f.get(30, TimeUnit.SECONDS);
                assertThat(r.exitCode()).as(r.toString()).isZero();
                assertThat(r.stderr()).as(r.toString()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(vsctl("list-ports", "race0").stdout().lines().count()).isEqualTo(12);
        assertThat(vsctl("del-br", "race0").exitCode()).isZero();
    }
}

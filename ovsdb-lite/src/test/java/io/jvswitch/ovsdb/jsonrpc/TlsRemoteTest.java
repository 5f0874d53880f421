package io.jvswitch.ovsdb.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code pssl:}: stock ovs-vsctl over TLS with a client certificate (keys made by openssl for the test, in both
 * PEM key formats), and a client without a certificate refused. Skipped without openssl/ovs-vsctl.
 */
class TlsRemoteTest {
    private Path dir;
    private Database db;
    private OvsdbJsonRpcServer server;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl"))
                && Files.isExecutable(Path.of("/usr/bin/ovs-vsctl")), "openssl or ovs-vsctl is not installed");
        dir = Files.createTempDirectory(Path.of("/tmp"), "ovstls");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
                "-subj", "/CN=jvs-test-ca");
        for (String who : List.of("server", "client")) {
            openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", who + ".key", "-out", who + ".csr", "-subj",
                    "/CN=" + who);
            openssl("x509", "-req", "-in", who + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", who + ".crt", "-days", "2");
        }
        // The server key in the older PKCS#1 form ("BEGIN RSA PRIVATE KEY"), as ovs-pki may write it.
        openssl("rsa", "-in", "server.key", "-out", "server-rsa.key", "-traditional");
        db = Database.inMemory(Schema.vswitch());
        server = new OvsdbJsonRpcServer(db);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
            db.close();
        }
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        run(cmd);
    }

    private String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(cmd + "\n" + out).isZero();
        return out;
    }

    @Test
    void shouldServeStockClientWithCertificateAndRefuseOneWithout() throws Exception {
        TlsConfig tls = new TlsConfig(dir.resolve("server-rsa.key"), dir.resolve("server.crt"), dir.resolve("ca.crt"));
        int port = server.listenTls(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), tls);
        List<String> vsctl = List.of("ovs-vsctl", "--db=ssl:127.0.0.1:" + port, "--private-key=client.key",
                "--certificate=client.crt", "--ca-cert=ca.crt", "--no-wait", "--timeout=5");
        List<String> add = new ArrayList<>(vsctl);
        add.addAll(List.of("add-br", "tls0"));
        run(add);
        List<String> list = new ArrayList<>(vsctl);
        list.add("list-br");
        assertThat(run(list)).isEqualTo("tls0\n");

        // No client certificate: the handshake fails and nothing is served.
        SSLContext anonymous = SSLContext.getInstance("TLS");
        anonymous.init(null, new TrustManager[] {new TrustAll()}, null);
        try (SSLSocket s = (SSLSocket) anonymous.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            boolean refused;
            try {
                s.getOutputStream().write("{\"id\":1,\"method\":\"echo\",\"params\":[]}"
                        .getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                InputStream in = s.getInputStream();
                refused = in.read() < 0;
            } catch (IOException e) {
                refused = true;
            }
            assertThat(refused).isTrue();
        }
        assertThat(run(list)).isEqualTo("tls0\n");
    }

    @Test
    void shouldReadPkcs8KeysWhenGiven() throws Exception {
        assertThat(TlsConfig.readKey(dir.resolve("server.key")).getAlgorithm()).isEqualTo("RSA");
        assertThat(TlsConfig.readKey(dir.resolve("server-rsa.key")).getAlgorithm()).isEqualTo("RSA");
        assertThat(Files.readString(dir.resolve("server-rsa.key"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    }

    /** Accepts any server certificate: this client is meant to be refused for lacking its own. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // Not used by a client.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Trust the test server.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

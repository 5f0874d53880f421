package io.jvswitch.datapath.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.jsonrpc.OvsdbJsonRpcServer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OVSDB endpoint's options and sockets; never touches /var/run/openvswitch (OVS_RUNDIR is a temp dir). */
class OvsdbServerComponentTest {
    private Path root;
    private DaemonLocations locations;
    private Database db;
    private Vswitchd daemon;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory(Path.of("/tmp"), "jvsovsc");
        locations = new DaemonLocations(root.resolve("run"), root.resolve("db"), root.resolve("log"));
        db = Database.inMemory(Schema.vswitch());
        daemon = new Vswitchd(locations, Optional.empty());
    }

    @AfterEach
    void tearDown() throws Exception {
        daemon.close();
        db.close();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void shouldParseRemotesWhenGiven() {
        DaemonOptions o = DaemonOptions.parse(List.of("--remote=punix:x.sock", "--remote=punix:/abs/y.sock",
                "--no-ovs-remote"), locations);
        assertThat(o.ovsdbRemotes()).containsExactly(locations.runDir().resolve("x.sock"), Path.of("/abs/y.sock"));
        assertThat(o.ovsRemote()).isFalse();
        assertThat(DaemonOptions.parse(List.of(), locations).ovsRemote()).isTrue();
        assertThatThrownBy(() -> DaemonOptions.parse(List.of("--remote=ptcp:6640"), locations))
                .hasMessage("--remote: only punix:PATH and pssl:PORT[:IP] are supported, not 'ptcp:6640'");
        assertThatThrownBy(() -> DaemonOptions.parse(List.of("--remote=pssl:6640"), locations))
                .hasMessage("--remote=pssl: needs --private-key, --certificate and --ca-cert");
        assertThatThrownBy(() -> DaemonOptions.parse(List.of("--remote=pssl:http", "--private-key=k",
                "--certificate=c", "--ca-cert=a"), locations)).hasMessage("--remote: bad pssl:PORT[:IP] 'pssl:http'");
        DaemonOptions tls = DaemonOptions.parse(List.of("--remote=pssl:6640:127.0.0.1", "--remote=pssl:6641:[::1]",
                "--private-key=/k.pem", "--certificate=/c.pem", "--ca-cert=/ca.pem"), locations);
        assertThat(tls.sslRemotes()).extracting(a -> a.getAddress().getHostAddress() + " " + a.getPort())
                .containsExactly("127.0.0.1 6640", "0:0:0:0:0:0:0:1 6641");
        assertThat(tls.tls()).hasValueSatisfying(t -> assertThat(t.caCert()).isEqualTo(Path.of("/ca.pem")));
        assertThatThrownBy(() -> DaemonOptions.parse(List.of("--remote"), locations))
                .hasMessageContaining("only punix:PATH");
        assertThatThrownBy(() -> DaemonOptions.parse(List.of("--no-ovs-remote=1"), locations))
                .hasMessage("option '--no-ovs-remote' doesn't allow an argument");
        assertThat(DaemonOptions.usage("jvs-vswitchd")).contains("--remote=punix:PATH", "--no-ovs-remote");
    }

    @Test
    void shouldUseOvsRundirWhenSet() {
        assertThat(OvsdbServerComponent.ovsDefaultSocket(Map.of("OVS_RUNDIR", "/tmp/o")))
                .isEqualTo(Path.of("/tmp/o/db.sock"));
        assertThat(OvsdbServerComponent.ovsDefaultSocket(Map.of()))
                .isEqualTo(Path.of("/var/run/openvswitch/db.sock"));
    }

    @Test
    void shouldServeRunDirRemotesAndFreeDefaultSocketWhenStarted() throws Exception {
        Path remote = root.resolve("extra/r.sock");
        Path ovsDefault = root.resolve("ovs/db.sock");
        Files.createDirectories(ovsDefault.getParent());
        Files.createFile(ovsDefault.resolveSibling("placeholder"));
        OvsdbServerComponent c = new OvsdbServerComponent(() -> db, List.of(remote), ovsDefault,
                OvsdbServerComponent.CfgAcknowledgement.STAND_IN);
        try {
            c.start(daemon);
            assertThat(c.paths()).containsExactly(locations.runDir().resolve("db.sock"), remote, ovsDefault);
            for (Path p : c.paths()) {
                assertThat(OvsdbJsonRpcServer.isServing(p)).as(p.toString()).isTrue();
            }
        } finally {
            c.close();
        }
        assertThat(ovsDefault).doesNotExist();
        assertThat(locations.runDir().resolve("db.sock")).doesNotExist();
    }

    @Test
    void shouldLeaveLiveDefaultSocketAloneAndReplaceStaleOne() throws Exception {
        Path ovsDefault = root.resolve("ovs/db.sock");
        Files.createDirectories(ovsDefault.getParent());
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            other.bind(UnixDomainSocketAddress.of(ovsDefault));
            OvsdbServerComponent c = new OvsdbServerComponent(() -> db, List.of(), ovsDefault,
                    OvsdbServerComponent.CfgAcknowledgement.DATAPATH);
            try {
                c.start(daemon);
                assertThat(c.paths()).containsExactly(locations.runDir().resolve("db.sock"));
            } finally {
                c.close();
            }
            assertThat(OvsdbJsonRpcServer.isServing(ovsDefault)).isTrue();
        }
        // The other server is gone and its socket file stayed behind: stale, so it is replaced.
        assertThat(ovsDefault).exists();
        OvsdbServerComponent c = new OvsdbServerComponent(() -> db, List.of(), ovsDefault,
                OvsdbServerComponent.CfgAcknowledgement.DATAPATH);
        try {
            c.start(daemon);
            assertThat(c.paths()).contains(ovsDefault);
        } finally {
            c.close();
        }
    }

    @Test
    void shouldRaiseCurCfgWhenStandInAcknowledges() throws Exception {
        OvsdbServerComponent c = new OvsdbServerComponent(() -> db, List.of(), null,
                OvsdbServerComponent.CfgAcknowledgement.STAND_IN);
        try {
            c.start(daemon);
            db.transact("[{\"op\":\"mutate\",\"table\":\"Open_vSwitch\",\"where\":[],"
                    + "\"mutations\":[[\"next_cfg\",\"+=\",1]]}]");
            long deadline = System.currentTimeMillis() + 5000;
            while (db.snapshot().openVswitchRow().getLong("cur_cfg") != 1L && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertThat(db.snapshot().openVswitchRow().getLong("cur_cfg")).isEqualTo(1L);
        } finally {
            c.close();
        }
    }

    @Test
    void shouldFailStartWhenStoreIsNotOpen() {
        OvsdbServerComponent c = new OvsdbServerComponent(() -> null, List.of(), null,
                OvsdbServerComponent.CfgAcknowledgement.STAND_IN);
        assertThatThrownBy(() -> c.start(daemon)).hasMessageContaining("config store");
    }
}

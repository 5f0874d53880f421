package io.jvswitch.it.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.it.l2.SwitchTopology;
import io.jvswitch.it.support.Await;
import io.jvswitch.it.support.Exec;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Nothing crashes and forwarding goes on: devices yanked, garbage frames, daemon restarts (SPEC §2, §4, §8). */
@Tag("system")
class ResilienceIT {
    private static final Duration T = Duration.ofSeconds(10);

    private SwitchTopology topo;
    private String bridge;
    private SwitchTopology.Host a;
    private SwitchTopology.Host b;

    @BeforeEach
    void setUp() {
        topo = SwitchTopology.start();
        bridge = topo.addBridge();
        a = topo.addHost(bridge, 1);
        b = topo.addHost(bridge, 2);
        topo.awaitPing(a, b.ip());
    }

    @AfterEach
    void tearDown() {
        if (topo != null) {
            topo.close();
        }
    }

    @Test
    void shouldResumeWhenPortDeviceDeletedUnderTrafficAndRecreated() {
        String mac = b.exec("cat", "/sys/class/net/" + b.iface() + "/address").orFail().stdout().trim();
        Exec.Result flood = a.exec("ping", "-c", "2000", "-i", "0.002", "-W", "1", "-q", b.ip());
        assertThat(flood.stdout()).contains("received");
        Exec.run(T, "ip", "link", "del", b.port()).orFail();
        Await.until(T, () -> topo.cli().vsctl("get", "Interface", b.port(), "error").stdout()
                .contains("No such device"), () -> "error not reported");
        assertThat(topo.cli().vsctl("get", "Interface", b.port(), "ofport").orFail().stdout()).isEqualTo("2\n");
        assertThat(a.unreachable(b.ip())).isTrue();
        Exec.run(T, "ip", "link", "add", b.port(), "type", "veth", "peer", "name", b.iface()).orFail();
        Exec.run(T, "ip", "link", "set", b.iface(), "netns", b.netns().name()).orFail();
        b.exec("ip", "link", "set", b.iface(), "address", mac).orFail();
        b.exec("ip", "addr", "add", b.ip() + "/24", "dev", b.iface()).orFail();
        b.exec("ip", "link", "set", b.iface(), "up").orFail();
        Exec.run(T, "ip", "link", "set", b.port(), "up").orFail();
        topo.awaitPing(a, b.ip());
        Await.until(T, () -> topo.cli().vsctl("get", "Interface", b.port(), "error").stdout().equals("[]\n"),
                () -> "error not cleared");
        assertThat(topo.daemon().isAlive()).isTrue();
    }

    @Test
    void shouldCountAndDropMalformedFramesWhileForwarding() {
        long before = malformedDrops();
        String script = "import socket\n"
                + "s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)\n"
                + "s.bind(('" + a.iface() + "', 0))\n"
                + "dst = b'\\xff' * 6; src = b'\\x02\\x00\\x00\\x00\\x00\\x07'\n"
                + "frames = [dst + src + b'\\x08\\x00' + b'\\x45',\n"
                + "          dst + src + b'\\x08\\x00' + b'\\x4f' + b'\\x00' * 10,\n"
                + "          dst + src + b'\\x81\\x00' + b'\\x00',\n"
                + "          dst + src + b'\\x08\\x06' + b'\\x00\\x01\\x08']\n"
                + "for i in range(50):\n"
                + "    for f in frames:\n"
                + "        s.send(f)\n";
        Exec.Result sent = a.exec("python3", "-c", script);
        assertThat(sent.exitCode()).as(sent.toString()).isZero();
        Await.until(T, () -> malformedDrops() >= before + 150, () -> "malformed drops: " + malformedDrops()
                + "\n" + topo.cli().appctl("dpif/show").stdout());
        assertThat(a.ping(b.ip(), 3)).isTrue();
        assertThat(topo.daemon().isAlive()).isTrue();
    }

    @Test
    void shouldKeepFlowsAndOfportsWhenDaemonRestartsWithTwoPmds() {
        String other = topo.addBridge();
        topo.cli().ofctl("del-flows", other).orFail();
        topo.cli().ofctl("add-flow", bridge, "priority=100,cookie=0x7,idle_timeout=600,table=0,icmp,"
                + "in_port=" + a.port() + ",actions=output:" + b.port()).orFail();
        topo.cli().ofctl("add-flow", bridge, "table=1,priority=5,actions=drop").orFail();
        String flows = topo.cli().ofctl("--no-stats", "dump-flows", bridge).orFail().stdout();
        String ofports = topo.cli().vsctl("--columns=name,ofport", "list", "Interface").orFail().stdout();
        topo.cli().vsctl("set", "Open_vSwitch", ".", "other_config:pmd-threads=2").orFail();
        topo.restartDaemon();
        Await.until(T, () -> topo.cli().ofctl("--no-stats", "dump-flows", bridge).stdout().equals(flows),
                () -> topo.cli().ofctl("--no-stats", "dump-flows", bridge).toString());
        assertThat(topo.cli().ofctl("--no-stats", "dump-flows", other).orFail().stdout()).isEmpty();
        assertThat(topo.cli().vsctl("--columns=name,ofport", "list", "Interface").orFail().stdout())
                .isEqualTo(ofports);
        topo.awaitPing(a, b.ip());
        String dpif = topo.cli().appctl("dpif/show").orFail().stdout();
        assertThat(dpif).as("two bridges on two PMDs").contains("pmd-0:", "pmd-1:", ": (pmd-0)", ": (pmd-1)");
    }

    private long malformedDrops() {
        String dpif = topo.cli().appctl("dpif/show").stdout();
        Matcher m = Pattern.compile("dropped \\(malformed\\): (\\d+)").matcher(dpif);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}

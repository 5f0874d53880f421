package io.jvswitch.it.l2;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.it.support.Exec;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One bridge whose ports are polled by two PMDs ({@code pmd-threads=2}): every PMD sends to every port, and
 * the PMDs learn each other's MAC addresses, so unicast between hosts on different PMDs is not flooded.
 */
@Tag("system")
class SpreadBridgeIT {
    private static final Pattern TX_PACKETS = Pattern.compile("tx pkts=(\\d+)");
    private static SwitchTopology topo;
    private static String bridge;
    private static SwitchTopology.Host a;
    private static SwitchTopology.Host b;
    private static SwitchTopology.Host c;

    @BeforeAll
    static void setUp() {
        topo = SwitchTopology.start();
        topo.cli().vsctl("set", "Open_vSwitch", ".", "other_config:pmd-threads=2").orFail();
        topo.restartDaemon();
        bridge = topo.addBridge();
        a = topo.addHost(bridge, 1);
        b = topo.addHost(bridge, 2);
        c = topo.addHost(bridge, 3);
        topo.awaitPing(a, b.ip());
        topo.awaitPing(a, c.ip());
        topo.awaitPing(b, c.ip());
    }

    @AfterAll
    static void tearDown() {
        if (topo != null) {
            topo.close();
        }
    }

    @Test
    void shouldPollPortsOfOneBridgeFromBothPmds() {
        String rxq = topo.cli().appctl("dpif-netdev/pmd-rxq-show").orFail().stdout();
        int second = rxq.indexOf("core_id 1:");
        assertThat(second).as(rxq).isPositive();
        assertThat(rxq.substring(0, second)).as(rxq).contains("  port: ");
        assertThat(rxq.substring(second)).as(rxq).contains("  port: ");
        for (SwitchTopology.Host h : new SwitchTopology.Host[] {a, b, c}) {
            assertThat(rxq).contains("  port: " + h.port() + " ");
        }
    }

    @Test
    void shouldNotFloodUnicastBetweenHostsOnDifferentPmds() {
        assertThat(a.ping(b.ip(), 3)).isTrue();
        long before = txPackets(c.port());
        assertThat(a.ping(b.ip(), 200, "-i", "0.002", "-q")).isTrue();
        long after = txPackets(c.port());
        assertThat(after - before).as("frames to c while a pings b 200 times").isLessThan(20);
        String fdb = topo.cli().appctl("fdb/show", bridge).orFail().stdout();
        assertThat(fdb).contains("    1     0  ", "    2     0  ", "    3     0  ");
    }

    @Test
    void shouldCarryTcpWithOffloadsOffAcrossPmds() {
        for (SwitchTopology.Host h : new SwitchTopology.Host[] {a, b}) {
            Exec.run(Duration.ofSeconds(5), "ethtool", "-K", h.port(), "tx", "off", "tso", "off", "gso", "off")
                    .orFail();
            h.exec("ethtool", "-K", h.iface(), "tx", "off", "tso", "off", "gso", "off").orFail();
        }
        try {
            Exec.Result server = b.exec("iperf3", "-s", "-1", "-D", "-B", b.ip());
            assertThat(server.exitCode()).as(server.toString()).isZero();
            Exec.Result client = null;
            for (int attempt = 0; attempt < 20; attempt++) {
                client = a.exec("iperf3", "-c", b.ip(), "-t", "2");
                if (client.exitCode() == 0) {
                    break;
                }
                sleep(100);
            }
            assertThat(client.exitCode()).as(client.toString()).isZero();
            assertThat(client.stdout()).contains("receiver");
        } finally {
            for (SwitchTopology.Host h : new SwitchTopology.Host[] {a, b}) {
                Exec.run(Duration.ofSeconds(5), "ethtool", "-K", h.port(), "tx", "on", "tso", "on", "gso", "on");
                h.exec("ethtool", "-K", h.iface(), "tx", "on", "tso", "on", "gso", "on");
            }
        }
    }

    private static long txPackets(String port) {
        String out = topo.cli().ofctl("dump-ports", bridge, port).orFail().stdout();
        Matcher m = TX_PACKETS.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

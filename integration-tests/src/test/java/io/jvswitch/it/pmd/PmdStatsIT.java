package io.jvswitch.it.pmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jvswitch.it.l2.SwitchTopology;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The per-PMD reports of a real daemon switching pings between two namespaces: pmd-stats-show counts them with
 * percentages that add up, pmd-stats-clear starts the count again, pmd-rxq-show lists the polled ports and
 * dpif/show carries the derived rates. One PMD ({@code pmd-threads=1}), so every frame is in one report;
 * {@code SpreadBridgeIT} covers a bridge over two.
 */
@Tag("system")
class PmdStatsIT {
    private static final int PINGS = 10;
    private static SwitchTopology topo;
    private static SwitchTopology.Host a;
    private static SwitchTopology.Host b;

    @BeforeAll
    static void setUp() {
        topo = SwitchTopology.start();
        topo.cli().vsctl("set", "Open_vSwitch", ".", "other_config:pmd-threads=1").orFail();
        topo.restartDaemon();
        String bridge = topo.addBridge();
        a = topo.addHost(bridge, 1);
        b = topo.addHost(bridge, 2);
        topo.awaitPing(a, b.ip());
    }

    @AfterAll
    static void tearDown() {
        if (topo != null) {
            topo.close();
        }
    }

    private static String statsShow() {
        return topo.cli().appctl("dpif-netdev/pmd-stats-show").orFail().stdout();
    }

    private static long count(String text, String label) {
        Matcher m = Pattern.compile("\n  " + Pattern.quote(label) + ": (\\d+)").matcher(text);
        assertThat(m.find()).as("%s in:%n%s", label, text).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static double percent(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in:%n%s", regex, text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void shouldCountPingsThenStartAgainWhenStatsCleared() {
        assertThat(topo.cli().appctl("dpif-netdev/pmd-stats-clear").orFail().stdout()).isEmpty();
        long strays = count(statsShow(), "packets received");

        assertThat(a.ping(b.ip(), PINGS)).isTrue();

        String text = statsShow();
        assertThat(text).startsWith("pmd thread numa_id 0 core_id 0:\n  packets received: ");
        long received = count(text, "packets received");
        assertThat(received).as("requests and replies both cross the switch:%n%s", text)
                .isGreaterThanOrEqualTo(2L * PINGS);
        long looked = count(text, "emc hits") + count(text, "megaflow hits") + count(text, "miss with success upcall")
                + count(text, "miss with failed upcall");
        assertThat(looked).as("each frame is counted by one lookup stage").isEqualTo(received);
        double idle = percent(text, "idle cycles: \\d+ \\(([0-9.]+)%\\)");
        double busy = percent(text, "processing cycles: \\d+ \\(([0-9.]+)%\\)");
        assertThat(idle + busy).isCloseTo(100.0, within(0.02));
        assertThat(busy).as("a switch forwarding 20 frames is mostly idle").isLessThan(50.0);
        double stages = percent(text, "emc hit rate: ([0-9.]+)%") + percent(text, "megaflow hit rate: ([0-9.]+)%")
                + percent(text, "classifier hit rate: ([0-9.]+)%") + percent(text, "no flow rate: ([0-9.]+)%");
        assertThat(stages).isCloseTo(100.0, within(0.05));
        assertThat(percent(text, "avg. packets per output batch: ([0-9.]+)")).isGreaterThanOrEqualTo(1.0);
        assertThat(text).contains("  avg processing cycles per packet: ", "  cycle unit: 1 ns");

        topo.cli().appctl("dpif-netdev/pmd-stats-clear", "-pmd", "0").orFail();
        long afterClear = count(statsShow(), "packets received");
        assertThat(afterClear).as("counted again from the clear (stray frames only)")
                .isLessThan(received).isLessThanOrEqualTo(strays + PINGS);
    }

    @Test
    void shouldListBothPortsOnPmdZeroWhenShowingRxqs() {
        String text = topo.cli().appctl("dpif-netdev/pmd-rxq-show").orFail().stdout();
        assertThat(text).startsWith("Displaying last 60 seconds pmd usage %\npmd thread numa_id 0 core_id 0:\n"
                + "  isolated : false\n");
        assertThat(text).containsPattern("  port: " + Pattern.quote(a.port()) + " +queue-id:  0 \\(enabled\\)   "
                + "pmd usage: NOT AVAIL\n");
        assertThat(text).containsPattern("  port: " + Pattern.quote(b.port()) + " +queue-id:  0 ");
    }

    @Test
    void shouldShowDerivedRatesAndListCommandsWhenAsked() {
        assertThat(a.ping(b.ip(), 2)).isTrue();
        String dpif = topo.cli().appctl("dpif/show").orFail().stdout();
        assertThat(dpif).contains("  emc hits: ", "  avg. packets per rx batch: ", "  emc hit rate: ", "  busy time: ");
        String commands = topo.cli().appctl("list-commands").orFail().stdout();
        assertThat(commands).contains("  dpif-netdev/pmd-rxq-show [-pmd core] [-secs secs] [dp]\n",
                "  dpif-netdev/pmd-stats-clear [-pmd core] [dp]\n",
                "  dpif-netdev/pmd-stats-show [-pmd core] [dp] (cycles are nanoseconds)\n");
    }
}

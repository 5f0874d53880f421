package io.jvswitch.datapath.ofproto;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.datapath.Datapath;
import io.jvswitch.datapath.normal.PortVlanConfig;
import io.jvswitch.datapath.packet.TestFrames;
import io.jvswitch.datapath.pmd.PortWaiter;
import io.jvswitch.datapath.pmd.ThreadingMode;
import io.jvswitch.datapath.port.memory.MemoryPortIo;
import io.jvswitch.flowtable.FlowTables;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pmd-* commands on a two-PMD datapath of in-memory ports driven one duty cycle at a time with a fake clock:
 * p1 and p2 (br0) polled by PMD 0, q1 (br1) by PMD 1 (each port goes to the PMD polling the fewest, the
 * first of them on a tie, so the order the ports are added in decides).
 */
class PmdAppctlTest {
    private final Map<String, MemoryPortIo> ports = new HashMap<>();
    private long now = 1_000_000_000L;
    private Datapath datapath;
    private PmdAppctl appctl;

    @BeforeEach
    void setUp() {
        datapath = new Datapath((name, type) -> ports.computeIfAbsent(name, MemoryPortIo::new), ThreadingMode.INVOKER,
                Arrays.<PortWaiter>asList(null, null), () -> now, 2048);
        datapath.addBridge("br0", FlowTables.newBridge(() -> now, 1));
        datapath.addBridge("br1", FlowTables.newBridge(() -> now, 1));
        datapath.addPort("br0", "p1", "", 1, PortVlanConfig.TRUNK_ALL);
        datapath.addPort("br1", "q1", "", 1, PortVlanConfig.TRUNK_ALL);
        datapath.addPort("br0", "p2", "", 2, PortVlanConfig.TRUNK_ALL);
        ports.values().forEach(p -> p.setCapture(true));
        appctl = new PmdAppctl(datapath);
    }

    @AfterEach
    void tearDown() {
        datapath.close();
    }

    /**
     * One frame through PMD 0: a busy cycle (1 us until the next cycle starts), then an idle one (3 us), closed
     * by a third cycle that charges it.
     */
    private void oneFrameThroughPmd0() {
        ports.get("p1").inject(TestFrames.frame().build());
        now += 1_000;
        datapath.pmd(0).doWork();
        now += 1_000;
        datapath.pmd(0).doWork();
        now += 3_000;
        datapath.pmd(0).doWork();
    }

    @Test
    void shouldShowEveryPmdInCoreOrderWhenNoFilter() {
        oneFrameThroughPmd0();
        String text = appctl.statsShow(List.of());
        assertThat(text).startsWith("pmd thread numa_id 0 core_id 0:\n  packets received: 1\n");
        assertThat(text).contains("pmd thread numa_id 0 core_id 1:\n  packets received: 0\n");
        assertThat(text.indexOf("core_id 0:")).isLessThan(text.indexOf("core_id 1:"));
    }

    @Test
    void shouldPrintCountersOfOnePmdWhenFilteredByCore() {
        oneFrameThroughPmd0();
        assertThat(appctl.statsShow(List.of("-pmd", "0", "netdev@jvs-netdev"))).isEqualTo("""
                pmd thread numa_id 0 core_id 0:
                  packets received: 1
                  packet recirculations: 0
                  avg. datapath passes per packet: 1.00
                  phwol hits: 0
                  mfex opt hits: 0
                  simple match hits: 0
                  emc hits: 0
                  smc hits: 0
                  megaflow hits: 0
                  avg. subtable lookups per megaflow hit: 0.00
                  miss with success upcall: 1
                  miss with failed upcall: 0
                  avg. packets per output batch: 1.00
                  idle cycles: 3000 (75.00%)
                  processing cycles: 1000 (25.00%)
                  avg cycles per packet: 4000.00 (4000/1)
                  avg processing cycles per packet: 1000.00 (1000/1)
                  avg. packets per rx batch: 1.00
                  emc hit rate: 0.00%
                  megaflow hit rate: 0.00%
                  classifier hit rate: 100.00%
                  no flow rate: 0.00%
                  cycle unit: 1 ns (cycles are nanoseconds of monotonic time)
                """);
        assertThat(appctl.statsShow(List.of("-pmd", "7"))).as("no such core").isEmpty();
        assertThat(appctl.statsShow(List.of("-pmd", "x"))).as("unparsable core: no filter, as OVS")
                .contains("core_id 0:", "core_id 1:");
    }

    @Test
    void shouldCountFromClearWhenStatsCleared() {
        oneFrameThroughPmd0();
        assertThat(appctl.statsClear(List.of())).isEmpty();
        String cleared = appctl.statsShow(List.of("-pmd", "0"));
        assertThat(cleared).contains("  packets received: 0\n", "  miss with success upcall: 0\n")
                .doesNotContain("idle cycles");
        oneFrameThroughPmd0();
        String after = appctl.statsShow(List.of("-pmd", "0"));
        assertThat(after).contains("  packets received: 1\n", "  emc hits: 1\n", "  idle cycles: 4000 (80.00%)\n",
                "  processing cycles: 1000 (20.00%)\n");
        assertThat(datapath.pmd(0).stats().get(io.jvswitch.datapath.stats.DatapathCounter.RX))
                .as("the PMD's own counters are not reset").isEqualTo(2);
    }

    @Test
    void shouldClearOnlySelectedPmdWhenFilteredByCore() {
        ports.get("q1").inject(TestFrames.frame().build());
        datapath.pmd(1).doWork();
        oneFrameThroughPmd0();
        appctl.statsClear(List.of("-pmd", "1"));
        assertThat(appctl.statsShow(List.of("-pmd", "0"))).contains("  packets received: 1\n");
        assertThat(appctl.statsShow(List.of("-pmd", "1"))).contains("  packets received: 0\n");
    }

    @Test
    void shouldListPolledPortsByNameWhenShowingRxqs() {
        assertThat(appctl.rxqShow(List.of("-secs", "7"))).isEqualTo("""
                Displaying last 10 seconds pmd usage %
                pmd thread numa_id 0 core_id 0:
                  isolated : false
                  port: p1                queue-id:  0 (enabled)   pmd usage: NOT AVAIL
                  port: p2                queue-id:  0 (enabled)   pmd usage: NOT AVAIL
                  overhead: NOT AVAIL
                pmd thread numa_id 0 core_id 1:
                  isolated : false
                  port: q1                queue-id:  0 (enabled)   pmd usage: NOT AVAIL
                  overhead: NOT AVAIL
                """);
        assertThat(appctl.rxqShow(List.of("-pmd", "1"))).startsWith("Displaying last 60 seconds pmd usage %\n"
                + "pmd thread numa_id 0 core_id 1:\n");
        assertThat(appctl.rxqShow(List.of("-pmd", "5"))).isEmpty();
    }
}

package io.jvswitch.datapath.ofproto;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.datapath.Datapath;
import io.jvswitch.datapath.normal.PortVlanConfig;
import io.jvswitch.datapath.packet.TestFrames;
import io.jvswitch.datapath.pmd.PortWaiter;
import io.jvswitch.datapath.pmd.ThreadingMode;
import io.jvswitch.datapath.port.memory.MemoryPortIo;
import io.jvswitch.flowtable.FlowTables;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatapathAppctlTest {
    private final Map<String, MemoryPortIo> ports = new HashMap<>();
    private long now = 1_000_000_000L;

    private Datapath twoPortBridge() {
        Datapath datapath = new Datapath((name, type) -> ports.computeIfAbsent(name, MemoryPortIo::new),
                ThreadingMode.INVOKER, (PortWaiter) null, () -> now, 2048);
        datapath.addBridge("br0", FlowTables.newBridge(() -> now, 1));
        datapath.addPort("br0", "p1", "", 1, PortVlanConfig.TRUNK_ALL);
        datapath.addPort("br0", "p2", "", 2, PortVlanConfig.TRUNK_ALL);
        ports.values().forEach(p -> p.setCapture(true));
        return datapath;
    }

    @Test
    void shouldCountMasksProbedWhenFramesHitTheMegaflowCache() {
        try (Datapath datapath = twoPortBridge()) {
            // The default NORMAL flow consults no field: its megaflow (one mask) covers any other source MAC.
            ports.get("p1").inject(TestFrames.frame().ethSrc(0x020000000001L).build());
            ports.get("p1").inject(TestFrames.frame().ethSrc(0x020000000002L).build());
            datapath.pmd().doWork();

            String text = new DatapathAppctl(datapath).dpifShow(List.of());

            assertThat(text).contains("  classifier hits: 1\n", "  megaflow hits: 1\n",
                    "  megaflow masks probed: 1\n");
        }
    }

    @Test
    void shouldAppendDerivedRatesAfterRawCountersWhenShowingDpif() {
        try (Datapath datapath = twoPortBridge()) {
            for (int k = 0; k < 4; k++) {
                ports.get("p1").inject(TestFrames.frame().build());
                ports.get("p1").inject(TestFrames.frame().build());
                now += 1_000;
                datapath.pmd().doWork();
                now += 1_000;
                datapath.pmd().doWork();
            }

            String text = new DatapathAppctl(datapath).dpifShow(List.of());

            assertThat(text).contains("  rx packets: 8\n", "  emc hits: 7\n", "  classifier hits: 1\n",
                    "  tx batches: 4\n");
            assertThat(text).endsWith("""
                      avg. packets per rx batch: 2.00
                      avg. packets per tx batch: 2.00
                      emc hit rate: 87.50%
                      megaflow hit rate: 0.00%
                      classifier hit rate: 12.50%
                      no flow rate: 0.00%
                      busy time: 57.14%
                    """);
        }
    }
}

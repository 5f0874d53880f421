package io.jvswitch.datapath.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PmdStatsFormatterTest {
    /** A busy PMD: 1000 frames in 40 batches, mostly EMC hits, a quarter of its time busy. */
    private static PmdStatsSnapshot busyPmd() {
        return PmdStatsSnapshot.zero(3)
                .with(DatapathCounter.RX, 1000)
                .with(DatapathCounter.RX_BATCHES, 40)
                .with(DatapathCounter.EMC_HIT, 900)
                .with(DatapathCounter.MEGAFLOW_HIT, 80)
                .with(DatapathCounter.MEGAFLOW_MASKS_PROBED, 120)
                .with(DatapathCounter.CLASSIFIER_HIT, 15)
                .with(DatapathCounter.MISS, 5)
                .with(DatapathCounter.TX_BATCHES, 50)
                .with(DatapathCounter.TX_OFFERED, 990)
                .with(DatapathCounter.IDLE_NS, 3_000_000)
                .with(DatapathCounter.BUSY_NS, 1_000_000);
    }

    private static String statsShow(int core, PmdStatsSnapshot s) {
        StringBuilder sb = new StringBuilder();
        PmdStatsFormatter.appendStatsShow(sb, core, s);
        return sb.toString();
    }

    @Test
    void shouldPrintOvsLinesThenOursWhenPmdHasTrafficAndTime() {
        assertThat(statsShow(3, busyPmd())).isEqualTo("""
                pmd thread numa_id 0 core_id 3:
                  packets received: 1000
                  packet recirculations: 0
                  avg. datapath passes per packet: 1.00
                  phwol hits: 0
                  mfex opt hits: 0
                  simple match hits: 0
                  emc hits: 900
                  smc hits: 0
                  megaflow hits: 80
                  avg. subtable lookups per megaflow hit: 1.50
                  miss with success upcall: 20
                  miss with failed upcall: 0
                  avg. packets per output batch: 19.80
                  idle cycles: 3000000 (75.00%)
                  processing cycles: 1000000 (25.00%)
                  avg cycles per packet: 4000.00 (4000000/1000)
                  avg processing cycles per packet: 1000.00 (1000000/1000)
                  avg. packets per rx batch: 25.00
                  emc hit rate: 90.00%
                  megaflow hit rate: 8.00%
                  classifier hit rate: 1.50%
                  no flow rate: 0.50%
                  cycle unit: 1 ns (cycles are nanoseconds of monotonic time)
                """);
    }

    @Test
    void shouldOmitCycleLinesWhenNoTimeCountedAsOvsDoes() {
        assertThat(statsShow(0, PmdStatsSnapshot.zero(0))).isEqualTo("""
                pmd thread numa_id 0 core_id 0:
                  packets received: 0
                  packet recirculations: 0
                  avg. datapath passes per packet: 0.00
                  phwol hits: 0
                  mfex opt hits: 0
                  simple match hits: 0
                  emc hits: 0
                  smc hits: 0
                  megaflow hits: 0
                  avg. subtable lookups per megaflow hit: 0.00
                  miss with success upcall: 0
                  miss with failed upcall: 0
                  avg. packets per output batch: 0.00
                  avg. packets per rx batch: 0.00
                  emc hit rate: 0.00%
                  megaflow hit rate: 0.00%
                  classifier hit rate: 0.00%
                  no flow rate: 0.00%
                  cycle unit: 1 ns (cycles are nanoseconds of monotonic time)
                """);
    }

    @Test
    void shouldOmitPerPacketCyclesWhenTimeButNoPackets() {
        String text = statsShow(1, PmdStatsSnapshot.zero(1).with(DatapathCounter.IDLE_NS, 4_754_906));
        assertThat(text).contains("  avg. packets per output batch: 0.00\n"
                + "  idle cycles: 4754906 (100.00%)\n"
                + "  processing cycles: 0 (0.00%)\n"
                + "  avg. packets per rx batch: 0.00\n")
                .doesNotContain("avg cycles per packet", "avg processing cycles per packet");
    }

    @Test
    void shouldCountLostMissesAsFailedUpcallsWhenSomeMissesWereLost() {
        PmdStatsSnapshot s = busyPmd().with(DatapathCounter.MISS, 7).with(DatapathCounter.LOST, 2);
        assertThat(statsShow(3, s)).contains("  miss with success upcall: 20\n  miss with failed upcall: 2\n");
    }

    @Test
    void shouldPrintDerivedRatesForDpifShowWhenPmdHasTraffic() {
        StringBuilder sb = new StringBuilder();
        PmdStatsFormatter.appendDpifShowLines(sb, busyPmd());
        assertThat(sb.toString()).isEqualTo("""
                  avg. packets per rx batch: 25.00
                  avg. packets per tx batch: 19.80
                  emc hit rate: 90.00%
                  megaflow hit rate: 8.00%
                  classifier hit rate: 1.50%
                  no flow rate: 0.50%
                  busy time: 25.00%
                """);
    }

    @Test
    void shouldRoundRatiosToTwoDecimalsWhenNotExact() {
        PmdStatsSnapshot s = PmdStatsSnapshot.zero(0).with(DatapathCounter.RX, 2).with(DatapathCounter.RX_BATCHES, 3)
                .with(DatapathCounter.EMC_HIT, 1).with(DatapathCounter.MEGAFLOW_HIT, 2);
        StringBuilder sb = new StringBuilder();
        PmdStatsFormatter.appendDpifShowLines(sb, s);
        assertThat(sb.toString()).contains("  avg. packets per rx batch: 0.67\n", "  emc hit rate: 33.33%\n",
                "  megaflow hit rate: 66.67%\n", "  busy time: 0.00%\n");
    }
}

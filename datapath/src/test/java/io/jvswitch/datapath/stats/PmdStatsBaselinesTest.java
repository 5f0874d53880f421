package io.jvswitch.datapath.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PmdStatsBaselinesTest {
    private final PmdStats pmd = new PmdStats(0, 4);
    private final PmdStats other = new PmdStats(1, 4);
    private final PmdStatsBaselines baselines = new PmdStatsBaselines();

    @Test
    void shouldCountSinceStartWhenNeverCleared() {
        pmd.add(DatapathCounter.RX, 7);
        pmd.drop(DropReason.TX_FULL, 2);
        PmdStatsSnapshot s = baselines.sinceClear(pmd);
        assertThat(s.pmdId()).isZero();
        assertThat(s.get(DatapathCounter.RX)).isEqualTo(7);
        assertThat(s.get(DropReason.TX_FULL)).isEqualTo(2);
    }

    @Test
    void shouldCountFromClearWhenClearedWithoutTouchingPmdCounters() {
        pmd.add(DatapathCounter.RX, 7);
        pmd.add(DatapathCounter.BUSY_NS, 500);
        other.add(DatapathCounter.RX, 9);
        baselines.clear(pmd);
        assertThat(baselines.sinceClear(pmd).get(DatapathCounter.RX)).isZero();
        pmd.add(DatapathCounter.RX, 3);
        PmdStatsSnapshot s = baselines.sinceClear(pmd);
        assertThat(s.get(DatapathCounter.RX)).isEqualTo(3);
        assertThat(s.get(DatapathCounter.BUSY_NS)).isZero();
        assertThat(pmd.get(DatapathCounter.RX)).as("the PMD's own counters").isEqualTo(10);
        assertThat(baselines.sinceClear(other).get(DatapathCounter.RX)).as("other PMD not cleared").isEqualTo(9);
    }

    @Test
    void shouldNeverGoNegativeWhenCountersRestartBelowBaseline() {
        PmdStatsSnapshot then = PmdStatsSnapshot.zero(0).with(DatapathCounter.RX, 100);
        PmdStatsSnapshot now = PmdStatsSnapshot.zero(0).with(DatapathCounter.RX, 4);
        assertThat(now.since(then).get(DatapathCounter.RX)).isEqualTo(4);
    }
}

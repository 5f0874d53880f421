package io.jvswitch.flowtable;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlowStatsTest {

    @Test
    void shouldSumSlotsExactlyWhenThreadsWriteTheirOwnSlot() throws Exception {
        FlowStats stats = new FlowStats(2);
        Thread[] writers = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int slot = t;
            writers[t] = new Thread(() -> {
                for (int i = 0; i < 200_000; i++) {
                    stats.record(slot, 1, 64, i);
                }
            });
            writers[t].start();
        }
        for (Thread w : writers) {
            w.join();
        }
        assertThat(stats.packets()).isEqualTo(400_000);
        assertThat(stats.bytes()).isEqualTo(400_000L * 64);
        assertThat(stats.lastUsedNanos()).isEqualTo(199_999);
    }

    @Test
    void shouldReportNeverUsedWhenNoPacketRecorded() {
        FlowStats stats = new FlowStats(3);
        assertThat(stats.lastUsedNanos()).isEqualTo(Long.MIN_VALUE);
        stats.record(7, 2, 100, 42);
        assertThat(stats.packets()).isEqualTo(2);
        assertThat(stats.lastUsedNanos()).isEqualTo(42);
    }
}

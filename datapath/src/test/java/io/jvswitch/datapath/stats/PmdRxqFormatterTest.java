package io.jvswitch.datapath.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PmdRxqFormatterTest {
    @Test
    void shouldPrintOvsLayoutWithUsageNotAvailableWhenPmdPollsPorts() {
        StringBuilder sb = new StringBuilder();
        PmdRxqFormatter.appendHeader(sb, 60);
        PmdRxqFormatter.appendPmd(sb, 1, List.of("p3", "veth-with-long-name"));
        PmdRxqFormatter.appendPmd(sb, 2, List.of());
        assertThat(sb.toString()).isEqualTo("""
                Displaying last 60 seconds pmd usage %
                pmd thread numa_id 0 core_id 1:
                  isolated : false
                  port: p3                queue-id:  0 (enabled)   pmd usage: NOT AVAIL
                  port: veth-with-long-name  queue-id:  0 (enabled)   pmd usage: NOT AVAIL
                  overhead: NOT AVAIL
                pmd thread numa_id 0 core_id 2:
                  isolated : false
                """);
    }

    @Test
    void shouldRoundWindowUpToIntervalsWhenSecsGiven() {
        assertThat(PmdRxqFormatter.windowSeconds(null)).isEqualTo(60);
        assertThat(PmdRxqFormatter.windowSeconds("0")).isEqualTo(60);
        assertThat(PmdRxqFormatter.windowSeconds("1")).isEqualTo(5);
        assertThat(PmdRxqFormatter.windowSeconds("5")).isEqualTo(5);
        assertThat(PmdRxqFormatter.windowSeconds("6")).isEqualTo(10);
        assertThat(PmdRxqFormatter.windowSeconds("61")).isEqualTo(60);
        assertThat(PmdRxqFormatter.windowSeconds("-3")).isEqualTo(60);
        assertThat(PmdRxqFormatter.windowSeconds("soon")).isEqualTo(60);
    }
}

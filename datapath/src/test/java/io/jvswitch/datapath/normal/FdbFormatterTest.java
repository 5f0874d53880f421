package io.jvswitch.datapath.normal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class FdbFormatterTest {
    @Test
    void shouldMatchOvsLayoutWhenFormatting() {
        List<MacLearningTable.MacEntry> entries = List.of(
            new MacLearningTable.MacEntry(0, 1, 0xAAL, 0),
            new MacLearningTable.MacEntry(7, 10, 0x0200_0000_0001L, 123));
        String text = FdbFormatter.format(entries, p -> p == 7 ? "LOCAL" : Integer.toString(p + 1));
        assertThat(text).isEqualTo(" port  VLAN  MAC                Age\n"
            + "    1     1  00:00:00:00:00:aa    0\n"
            + "LOCAL    10  02:00:00:00:00:01  123\n");
    }
}

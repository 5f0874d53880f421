package io.jvswitch.flowtable.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VlanTciTest {

    @Test
    void shouldComposeAndSplitWhenTagged() {
        int tci = VlanTci.of(10, 3);
        assertThat(tci).isEqualTo(0x700a | 0x1000);
        assertThat(VlanTci.isPresent(tci)).isTrue();
        assertThat(VlanTci.vid(tci)).isEqualTo(10);
        assertThat(VlanTci.pcp(tci)).isEqualTo(3);
        assertThat(VlanTci.toWire(tci)).isEqualTo(0x600a);
        assertThat(VlanTci.isPresent(0)).isFalse();
    }
}

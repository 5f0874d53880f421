package io.jvswitch.flowtable;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OfPortTest {

    @Test
    void shouldRoundTripReservedNamesWhenLookedUp() {
        for (int port = OfPort.IN_PORT; port <= OfPort.NONE; port++) {
            assertThat(OfPort.reservedNumber(OfPort.reservedName(port))).isEqualTo(port);
        }
        assertThat(OfPort.reservedNumber("local")).isEqualTo(65534);
        assertThat(OfPort.reservedNumber("ANY")).isEqualTo(OfPort.NONE);
        assertThat(OfPort.reservedNumber("eth0")).isEqualTo(-1);
        assertThat(OfPort.reservedName(5)).isNull();
    }

    @Test
    void shouldClassifyNumbersWhenPhysicalOrReserved() {
        assertThat(OfPort.isPhysical(1)).isTrue();
        assertThat(OfPort.isPhysical(0)).isFalse();
        assertThat(OfPort.isPhysical(OfPort.MAX)).isFalse();
        assertThat(OfPort.isReserved(OfPort.LOCAL)).isTrue();
        assertThat(OfPort.isReserved(OfPort.MAX_PHYSICAL)).isFalse();
    }
}

package io.jvswitch.datapath.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.jvswitch.datapath.pmd.PortWaitingIdleStrategy;

/** The other_config tuning keys the datapath reads at start. */
class DatapathComponentSettingsTest {
    @Test
    void shouldTakeASpinWindowInRangeAndTheDefaultOtherwise() {
        assertThat(DatapathComponent.spinWindowMs(null)).isEqualTo(PortWaitingIdleStrategy.DEFAULT_SPIN_WINDOW_MS);
        assertThat(DatapathComponent.spinWindowMs("0")).isZero();
        assertThat(DatapathComponent.spinWindowMs(" 250 ")).isEqualTo(250);
        assertThat(DatapathComponent.spinWindowMs("10001")).isEqualTo(PortWaitingIdleStrategy.DEFAULT_SPIN_WINDOW_MS);
        assertThat(DatapathComponent.spinWindowMs("-1")).isEqualTo(PortWaitingIdleStrategy.DEFAULT_SPIN_WINDOW_MS);
        assertThat(DatapathComponent.spinWindowMs("fast")).isEqualTo(PortWaitingIdleStrategy.DEFAULT_SPIN_WINDOW_MS);
    }

    @Test
    void shouldIdleWhenContendedUnlessTurnedOff() {
        assertThat(DatapathComponent.idleWhenContended(null)).isTrue();
        assertThat(DatapathComponent.idleWhenContended("true")).isTrue();
        assertThat(DatapathComponent.idleWhenContended(" false ")).isFalse();
        assertThat(DatapathComponent.idleWhenContended("no")).isTrue();
    }

    @Test
    void shouldTakePmdThreadsInRangeAndOneOtherwise() {
        assertThat(DatapathComponent.pmdThreads(null)).isEqualTo(1);
        assertThat(DatapathComponent.pmdThreads("2")).isEqualTo(2);
        assertThat(DatapathComponent.pmdThreads("0")).isEqualTo(1);
        assertThat(DatapathComponent.pmdThreads("65")).isEqualTo(1);
    }
}

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
        int perCpu = Math.min(DatapathComponent.MAX_DEFAULT_PMD_THREADS, Runtime.getRuntime().availableProcessors());
        assertThat(DatapathComponent.defaultPmdThreads()).isEqualTo(perCpu).isBetween(1, 4);
        assertThat(DatapathComponent.pmdThreads(null)).isEqualTo(perCpu);
        assertThat(DatapathComponent.pmdThreads("1")).isEqualTo(1);
        assertThat(DatapathComponent.pmdThreads("2")).isEqualTo(2);
        assertThat(DatapathComponent.pmdThreads("0")).isEqualTo(perCpu);
        assertThat(DatapathComponent.pmdThreads("65")).isEqualTo(perCpu);
    }
}

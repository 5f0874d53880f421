package io.jvswitch.datapath.pmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CoreContentionDetectorTest {
    private static final long MS = 1_000_000L;

    /** A preemption count the test sets, counting how often it is read. */
    static final class FakePreemptions implements PreemptionSource {
        long count;
        int reads;

        @Override
        public long preemptions() {
            reads++;
            return count;
        }
    }

    private final FakePreemptions source = new FakePreemptions();
    /** Three preemptions within 20 ms mean contention; shared mode holds 100 ms. */
    private final CoreContentionDetector detector = new CoreContentionDetector(source, 3, 20 * MS, 100 * MS);

    @Test
    void shouldTakeTheFirstSampleAsTheBaselineWhenTheThreadWasPreemptedBefore() {
        source.count = 5_000;
        assertThat(detector.isShared(0)).isFalse();
        assertThat(detector.isShared(MS)).isFalse();
        assertThat(detector.sharedEntries()).isZero();
    }

    @Test
    void shouldNotCallTheCoreSharedWhenPreemptionsAreLoneAndFarApart() {
        detector.isShared(0);
        for (long t = 30 * MS; t < 2_000 * MS; t += 30 * MS) {
            source.count++;
            assertThat(detector.isShared(t)).as("at %d ms", t / MS).isFalse();
        }
        assertThat(detector.sharedEntries()).isZero();
    }

    @Test
    void shouldCallTheCoreSharedWhenEnoughPreemptionsFallWithinTheWindow() {
        detector.isShared(0);
        source.count++;
        assertThat(detector.isShared(10 * MS)).isFalse();
        source.count++;
        assertThat(detector.isShared(20 * MS)).isFalse();
        source.count++;
        assertThat(detector.isShared(30 * MS)).as("three within 20 ms").isTrue();
        assertThat(detector.wasShared()).isTrue();
        assertThat(detector.sharedEntries()).isEqualTo(1);
    }

    @Test
    void shouldCallTheCoreSharedAtOnceWhenOneSampleSeesManyPreemptions() {
        detector.isShared(0);
        source.count += 3;
        assertThat(detector.isShared(MS)).isTrue();
    }

    @Test
    void shouldLeaveSharedModeAfterTheHoldWhenPreemptionsStop() {
        detector.isShared(0);
        source.count += 4;
        assertThat(detector.isShared(MS)).isTrue();
        assertThat(detector.isShared(100 * MS)).as("99 ms into the hold").isTrue();
        source.count++;
        assertThat(detector.isShared(60 * MS + 100 * MS)).as("a lone preemption does not re-arm").isFalse();
        assertThat(detector.sharedEntries()).isEqualTo(1);
    }

    @Test
    void shouldRearmTheHoldWhileContentionGoesOn() {
        detector.isShared(0);
        long t = MS;
        for (int k = 0; k < 50; k++, t += 8 * MS) {
            source.count++;
            detector.isShared(t);
        }
        assertThat(detector.isShared(t)).isTrue();
        assertThat(detector.isShared(t + 90 * MS)).as("held from the last preemptions, 400 ms after the first")
            .isTrue();
        assertThat(detector.isShared(t + 200 * MS)).isFalse();
        assertThat(detector.sharedEntries()).isEqualTo(1);
    }

    @Test
    void shouldSampleAtMostOncePerMillisecond() {
        long t = 0;
        for (int k = 0; k < 100_000; k++, t += 500) {
            detector.isShared(t);
        }
        assertThat(t).isEqualTo(50 * MS);
        assertThat(source.reads).isBetween(49, 51);
    }

    @Test
    void shouldIgnoreUnknownCounts() {
        source.count = -1;
        detector.isShared(0);
        detector.isShared(MS);
        source.count = 100;
        assertThat(detector.isShared(2 * MS)).as("first known count is the baseline").isFalse();
        source.count = -1;
        assertThat(detector.isShared(3 * MS)).isFalse();
        source.count = 101;
        assertThat(detector.isShared(4 * MS)).isFalse();
    }

    @Test
    void shouldRefuseAThresholdBelowOne() {
        assertThatThrownBy(() -> new CoreContentionDetector(source, 0, MS, MS))
            .isInstanceOf(IllegalArgumentException.class);
    }
}

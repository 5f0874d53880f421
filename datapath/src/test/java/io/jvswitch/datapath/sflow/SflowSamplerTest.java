package io.jvswitch.datapath.sflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.sun.management.ThreadMXBean;

class SflowSamplerTest {
    private static final long SEED = Long.getLong("sflow.test.seed", 0x5EED_F10AL);

    private static String seedNote() {
        return "seed " + SEED + " (rerun with -Dsflow.test.seed=" + SEED + ")";
    }

    @Test
    void shouldSampleOneInNOnAverageWhenRateIsN() {
        for (int rate : new int[] {2, 64, 400}) {
            SflowSampler sampler = new SflowSampler(rate, SEED + rate);
            int packets = 4_000_000;
            int samples = 0;
            for (int i = 0; i < packets; i++) {
                if (sampler.sample()) {
                    samples++;
                }
            }
            double expected = (double) packets / rate;
            // Binomial standard deviation sqrt(n p (1 - p)); 5 sigma keeps this deterministic test honest.
            double sigma = Math.sqrt(packets * (1.0 / rate) * (1 - 1.0 / rate));
            assertThat((double) samples).as("rate %d, %s", rate, seedNote())
                .isBetween(expected - 5 * sigma, expected + 5 * sigma);
            assertThat(sampler.samples()).isEqualTo(samples);
        }
    }

    @Test
    void shouldVaryGapsLikeAGeometricDistributionWhenSampling() {
        int rate = 64;
        SflowSampler sampler = new SflowSampler(rate, SEED);
        Set<Integer> distinctGaps = new HashSet<>();
        int gapCount = 0;
        double sum = 0;
        double sumSquares = 0;
        int sinceLast = 0;
        int shortGaps = 0;
        for (int i = 0; i < 2_000_000; i++) {
            sinceLast++;
            if (sampler.sample()) {
                distinctGaps.add(sinceLast);
                gapCount++;
                sum += sinceLast;
                sumSquares += (double) sinceLast * sinceLast;
                if (sinceLast <= rate / 2) {
                    shortGaps++;
                }
                sinceLast = 0;
            }
        }
        double mean = sum / gapCount;
        double variance = sumSquares / gapCount - mean * mean;
        // Every Nth packet would have one gap length and no variance; geometric(1/N) has variance
        // N(N-1) and P(gap <= N/2) = 1 - (1 - 1/N)^(N/2), about 0.39 for N = 64.
        assertThat(distinctGaps.size()).as(seedNote()).isGreaterThan(100);
        assertThat(mean).as(seedNote()).isBetween(rate * 0.95, rate * 1.05);
        assertThat(variance).as(seedNote()).isBetween(rate * (rate - 1) * 0.85, rate * (rate - 1) * 1.15);
        double expectedShort = 1 - Math.pow(1 - 1.0 / rate, rate / 2.0);
        assertThat((double) shortGaps / gapCount).as(seedNote()).isBetween(expectedShort - 0.03, expectedShort + 0.03);
    }

    @Test
    void shouldSampleEveryPacketWhenRateIsOne() {
        SflowSampler sampler = new SflowSampler(1, SEED);
        for (int i = 1; i <= 1000; i++) {
            assertThat(sampler.sample()).isTrue();
            assertThat(sampler.samplePool()).isEqualTo(i);
        }
    }

    @Test
    void shouldNeverSampleWhenRateIsZero() {
        SflowSampler sampler = new SflowSampler(0, SEED);
        for (int i = 0; i < 100_000; i++) {
            assertThat(sampler.sample()).isFalse();
        }
        assertThat(sampler.samplePool()).isZero();
    }

    @Test
    void shouldCountEveryPacketSeenInPoolAtEachSampleWhenSampling() {
        SflowSampler sampler = new SflowSampler(100, SEED);
        long seen = 0;
        for (int i = 0; i < 100_000; i++) {
            seen++;
            if (sampler.sample()) {
                assertThat(sampler.samplePool()).as(seedNote()).isEqualTo(seen);
            }
        }
    }

    @Test
    void shouldApplyNewRateAtOnceWhenRateChangesDuringALongSkip() {
        SflowSampler sampler = new SflowSampler(1_000_000, SEED);
        for (int i = 0; i < 10; i++) {
            sampler.sample();
        }
        sampler.setSamplingRate(1);
        assertThat(sampler.samplingRate()).isEqualTo(1_000_000);
        sampler.applyPendingRate();
        assertThat(sampler.samplingRate()).isEqualTo(1);
        long poolBefore = sampler.samplePool();
        assertThat(sampler.sample()).isTrue();
        assertThat(sampler.samplePool()).isEqualTo(poolBefore + 1);

        sampler.setSamplingRate(0);
        sampler.applyPendingRate();
        for (int i = 0; i < 1000; i++) {
            assertThat(sampler.sample()).isFalse();
        }
    }

    @Test
    void shouldPickUpNewRateAtNextSampleWhenOwnerNeverRefreshes() {
        SflowSampler sampler = new SflowSampler(2, SEED);
        sampler.setSamplingRate(400);
        int samples = 0;
        for (int i = 0; i < 400_000; i++) {
            if (sampler.sample()) {
                samples++;
            }
        }
        assertThat(sampler.samplingRate()).isEqualTo(400);
        assertThat(samples).as(seedNote()).isBetween(800, 1200);
    }

    @Test
    void shouldGiveDifferentSequencesWhenSeedsDiffer() {
        SflowSampler a = new SflowSampler(50, 1);
        SflowSampler b = new SflowSampler(50, 2);
        StringBuilder pa = new StringBuilder();
        StringBuilder pb = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            pa.append(a.sample() ? '1' : '0');
            pb.append(b.sample() ? '1' : '0');
        }
        assertThat(pa.toString()).isNotEqualTo(pb.toString());
        assertThat(a.id()).isNotEqualTo(b.id());
    }

    @Test
    void shouldNotAllocateWhenSampling() {
        SflowSampler sampler = new SflowSampler(10, SEED);
        for (int i = 0; i < 200_000; i++) {
            sampler.sample();
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        int samples = 0;
        for (int i = 0; i < 1_000_000; i++) {
            if (sampler.sample()) {
                samples++;
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(samples).isPositive();
        assertThat(allocated).isLessThan(1024);
    }
}

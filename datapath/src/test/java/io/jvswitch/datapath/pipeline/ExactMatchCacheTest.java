package io.jvswitch.datapath.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.jvswitch.datapath.exec.ActionProgram;
import io.jvswitch.flowtable.FlowEntry;
import io.jvswitch.flowtable.match.FlowKey;

class ExactMatchCacheTest {
    private static final long SEED = 0x5EEDL;

    private static CompiledFlow flow() {
        return new CompiledFlow(new FlowEntry[0], ActionProgram.DROP);
    }

    private static FlowKey key(long n) {
        return new FlowKey().clear().setWord(FlowKey.W_NW_ADDRS, n).setWord(FlowKey.W_DL_SRC_TP_SRC, n * 31);
    }

    @Test
    void shouldFindWhatWasInsertedAndNothingElse() {
        ExactMatchCache emc = new ExactMatchCache(64);
        CompiledFlow a = flow();
        emc.insert(key(1), a);
        assertThat(emc.lookup(key(1))).isSameAs(a);
        assertThat(emc.lookup(key(2))).isNull();
        CompiledFlow b = flow();
        emc.insert(key(1), b);
        assertThat(emc.lookup(key(1))).isSameAs(b);
        assertThat(emc.size()).isEqualTo(1);
    }

    @Test
    void shouldKeepTwoKeysWhoseFirstSlotsCollide() {
        ExactMatchCache emc = new ExactMatchCache(64);
        int mask = 127;
        FlowKey first = key(1);
        FlowKey rival = null;
        for (long n = 2; rival == null; n++) {
            if ((key(n).hash() & mask) == (first.hash() & mask)) {
                rival = key(n);
            }
        }
        CompiledFlow a = flow();
        CompiledFlow b = flow();
        emc.insert(first, a);
        emc.insert(rival, b);
        assertThat(emc.lookup(first)).as("a direct-mapped cache would have evicted it").isSameAs(a);
        assertThat(emc.lookup(rival)).isSameAs(b);
    }

    @Test
    void shouldHoldMostOfAWorkingSetAnEighthOfItsSizeWhereOneWayLostOneInEight() {
        ExactMatchCache emc = new ExactMatchCache(8192);
        Random random = new Random(SEED);
        List<FlowKey> keys = new ArrayList<>();
        for (int k = 0; k < 1000; k++) {
            keys.add(key(random.nextLong()));
        }
        for (int round = 0; round < 3; round++) {
            for (FlowKey k : keys) {
                if (emc.lookup(k) == null) {
                    emc.insert(k, flow());
                }
            }
        }
        int hits = 0;
        for (FlowKey k : keys) {
            if (emc.lookup(k) != null) {
                hits++;
            }
        }
        assertThat(hits).as("seed %x", SEED).isGreaterThanOrEqualTo(990);
    }

    @Test
    void shouldForgetEverythingWhenInvalidated() {
        ExactMatchCache emc = new ExactMatchCache(64);
        emc.insert(key(1), flow());
        emc.invalidate();
        assertThat(emc.lookup(key(1))).isNull();
        assertThat(emc.size()).isZero();
    }
}

package io.jvswitch.datapath.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.datapath.exec.ActionProgram;
import io.jvswitch.flowtable.FlowEntry;
import io.jvswitch.flowtable.match.FlowKey;
import org.junit.jupiter.api.Test;

class MegaflowCacheTest {
    private final MegaflowCache cache = new MegaflowCache();
    private final CompiledFlow byWord0 = new CompiledFlow(new FlowEntry[0], ActionProgram.DROP);
    private final CompiledFlow byWord3 = new CompiledFlow(new FlowEntry[0], ActionProgram.DROP);

    private static long[] maskOfWord(int word) {
        long[] mask = new long[FlowKey.WORDS];
        mask[word] = -1L;
        return mask;
    }

    private static FlowKey key(long word0, long word3) {
        return new FlowKey().clear().setWord(0, word0).setWord(3, word3);
    }

    @Test
    void shouldCountMasksProbedUpToTheOneThatHitWhenLookingUp() {
        cache.insert(key(1, 0), maskOfWord(0), byWord0);
        cache.insert(key(0, 7), maskOfWord(3), byWord3);
        assertThat(cache.maskCount()).isEqualTo(2);

        assertThat(cache.lookup(key(1, 99))).isSameAs(byWord0);
        assertThat(cache.masksProbedByLastHit()).isEqualTo(1);
        assertThat(cache.lookup(key(2, 7))).isSameAs(byWord3);
        assertThat(cache.masksProbedByLastHit()).isEqualTo(2);
        assertThat(cache.lookup(key(2, 8))).isNull();
    }
}

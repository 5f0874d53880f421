package io.jvswitch.flowtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvswitch.flowtable.action.Action;
import io.jvswitch.flowtable.action.ActionList;
import io.jvswitch.flowtable.classifier.ClassifierVersion;
import io.jvswitch.flowtable.classifier.LookupScratch;
import io.jvswitch.flowtable.match.FlowKey;
import io.jvswitch.flowtable.match.FlowKeyExtractor;
import io.jvswitch.flowtable.match.Match;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key extraction, lookup and counter updates allocate nothing per packet. */
class HotPathAllocationTest {

    @Test
    void shouldNotAllocateWhenExtractingLookingUpAndCounting() throws Exception {
        java.lang.management.ThreadMXBean base = ManagementFactory.getThreadMXBean();
        assumeTrue(base instanceof com.sun.management.ThreadMXBean, "allocation counter unavailable");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) base;
        assumeTrue(mx.isThreadAllocatedMemorySupported(), "allocation counter unsupported");
        mx.setThreadAllocatedMemoryEnabled(true);

        FlowTables tables = FlowTables.newBridge(() -> 0L, 1);
        List<FlowMod> mods = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            mods.add(FlowMod.add(FlowRule.of(Match.builder().dlType(0x0800).nwSrc(0xc6120000 | i, 32).build(),
                    100 + i, ActionList.of(new Action.Output(1 + i)))));
            mods.add(FlowMod.add(FlowRule.of(Match.builder().inPort(i + 1).build(), 50, ActionList.NORMAL)));
        }
        tables.apply(mods);
        ByteBuffer frame = ByteBuffer.allocateDirect(64);
        frame.putShort(12, (short) 0x0800).put(14, (byte) 0x45).putShort(16, (short) 46).put(23, (byte) 17)
                .putInt(26, 0xc6120005).putInt(30, 0xc6120099);
        FlowKeyExtractor extractor = new FlowKeyExtractor();
        FlowKey key = new FlowKey();
        LookupScratch scratch = new LookupScratch();
        ClassifierVersion<FlowEntry> version = tables.current();

        long hits = run(extractor, frame, key, version, scratch, 200_000);
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        hits += run(extractor, frame, key, version, scratch, 200_000);
        long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;

        assertThat(hits).isEqualTo(400_000);
        assertThat(allocated).as("bytes allocated by 200k packets").isLessThan(1024);
    }

    private static long run(FlowKeyExtractor extractor, ByteBuffer frame, FlowKey key,
                            ClassifierVersion<FlowEntry> version, LookupScratch scratch, int packets) {
        long hits = 0;
        for (int i = 0; i < packets; i++) {
            extractor.extract(frame, 0, 64, 1 + (i & 63), key);
            FlowEntry e = version.lookup(0, key, scratch.reset());
            if (e != null && e.priority() == 105) {
                e.stats().record(0, 1, 64, i);
                hits++;
            }
        }
        return hits;
    }
}

package io.jvswitch.flowtable;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.flowtable.action.Action;
import io.jvswitch.flowtable.action.ActionList;
import io.jvswitch.flowtable.classifier.ClassifierVersion;
import io.jvswitch.flowtable.classifier.LookupScratch;
import io.jvswitch.flowtable.match.FlowKey;
import io.jvswitch.flowtable.match.Match;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A reader looking up while batches are applied never sees half a batch. */
class FlowTablesConcurrencyTest {

    @Test
    void shouldNeverExposeHalfABatchWhenReaderRunsConcurrently() throws Exception {
        FlowTables tables = new FlowTables(() -> 0L, 1);
        Match a = Match.builder().inPort(1).build();
        Match b = Match.builder().dlType(0x0800).nwSrc(0x0a000001, 32).build();
        tables.apply(List.of(FlowMod.add(FlowRule.of(a, 10, out(1))), FlowMod.add(FlowRule.of(b, 20, out(1)))));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLong checks = new AtomicLong();
        Thread reader = new Thread(() -> {
            FlowKey ka = new FlowKey().inPort(1);
            FlowKey kb = new FlowKey().inPort(2).dlType(0x0800).nwSrc(0x0a000001);
            LookupScratch scratch = new LookupScratch();
            while (!stop.get()) {
                ClassifierVersion<FlowEntry> v = tables.current();
                FlowEntry ea = v.lookup(0, ka, scratch.reset());
                FlowEntry eb = v.lookup(0, kb, scratch.reset());
                if (ea == null || eb == null || ea.actions().get(0).outputPort() != eb.actions().get(0).outputPort()) {
                    failure.compareAndSet(null, "generation " + v.generation() + ": " + ea + " / " + eb);
                }
                checks.incrementAndGet();
            }
        });
        reader.start();
        try {
            for (int port = 2; port < 2000; port++) {
                tables.apply(List.of(FlowMod.delete(0, a), FlowMod.add(FlowRule.of(a, 10, out(port))),
                        FlowMod.modifyStrict(0, b, 20, out(port))));
            }
        } finally {
            stop.set(true);
            reader.join(10_000);
        }
        assertThat(failure.get()).isNull();
        assertThat(checks.get()).isPositive();
        assertThat(tables.generation()).isEqualTo(1999);
    }

    private static ActionList out(int port) {
        return ActionList.of(new Action.Output(port));
    }
}

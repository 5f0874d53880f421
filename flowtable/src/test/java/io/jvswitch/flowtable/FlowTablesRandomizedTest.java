package io.jvswitch.flowtable;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.flowtable.action.Action;
import io.jvswitch.flowtable.action.ActionList;
import io.jvswitch.flowtable.classifier.LookupScratch;
import io.jvswitch.flowtable.match.FlowKey;
import io.jvswitch.flowtable.match.Match;
import io.jvswitch.flowtable.match.MatchField;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** After random batches of flow mods, the published classifier agrees with a linear scan of the flows. */
class FlowTablesRandomizedTest {

    private static Match randomMatch(Random r) {
        Match.Builder b = Match.builder();
        if (r.nextBoolean()) {
            b.inPort(1 + r.nextInt(3));
        }
        if (r.nextBoolean()) {
            b.dlType(0x0800);
            if (r.nextBoolean()) {
                b.nwSrc(0x0a000000 | r.nextInt(4), 30 + r.nextInt(3));
            }
            if (r.nextBoolean()) {
                b.nwProto(6);
                if (r.nextBoolean()) {
                    b.setMasked(MatchField.TP_DST, r.nextInt(8), 0x7 & r.nextInt(8));
                }
            }
        }
        return b.build();
    }

    private static FlowKey randomKey(Random r) {
        return new FlowKey().inPort(1 + r.nextInt(3)).dlType(r.nextBoolean() ? 0x0800 : 0x0806)
                .nwSrc(0x0a000000 | r.nextInt(4)).nwProto(r.nextBoolean() ? 6 : 17).tpDst(r.nextInt(8));
    }

    private static FlowMod randomMod(Random r) {
        int table = r.nextInt(3);
        Match m = randomMatch(r);
        int priority = r.nextInt(4);
        ActionList actions = ActionList.of(new Action.Output(1 + r.nextInt(4)));
        switch (r.nextInt(6)) {
            case 0:
            case 1:
                return FlowMod.add(new FlowRule(m, priority, table, r.nextInt(4), 0, 0, 0, null, actions));
            case 2:
                return FlowMod.modify(r.nextBoolean() ? table : FlowMod.ALL_TABLES, m, actions)
                        .withCookieFilter(r.nextInt(4), r.nextInt(4));
            case 3:
                return FlowMod.modifyStrict(table, m, priority, actions);
            case 4:
                return FlowMod.delete(r.nextBoolean() ? table : FlowMod.ALL_TABLES, m)
                        .withOutPort(r.nextBoolean() ? OfPort.NONE : 1 + r.nextInt(4));
            default:
                return FlowMod.deleteStrict(table, m, priority);
        }
    }

    @Test
    void shouldMatchLinearScanOfFlowsWhenModsAreRandom() throws Exception {
        long seed = Long.getLong("jvs.seed", System.nanoTime());
        Random r = new Random(seed);
        FlowTables tables = new FlowTables(() -> 0L, 1);
        LookupScratch scratch = new LookupScratch();
        try {
            for (int batch = 0; batch < 400; batch++) {
                List<FlowMod> mods = new ArrayList<>();
                for (int i = 1 + r.nextInt(4); i > 0; i--) {
                    mods.add(randomMod(r));
                }
                long generation = tables.generation();
                tables.apply(mods);
                assertThat(tables.generation()).isGreaterThanOrEqualTo(generation);
                List<FlowEntry> flows = tables.flows(FlowMod.ALL_TABLES);
                assertThat(tables.current().size()).isEqualTo(flows.size()).isEqualTo(tables.size());
                for (int p = 0; p < 20; p++) {
                    FlowKey key = randomKey(r);
                    int table = r.nextInt(3);
                    int best = -1;
                    for (FlowEntry e : flows) {
                        if (e.tableId() == table && e.match().matches(key)) {
                            best = Math.max(best, e.priority());
                        }
                    }
                    FlowEntry got = tables.current().lookup(table, key, scratch.reset());
                    assertThat(got == null ? -1 : got.priority()).as("batch %d", batch).isEqualTo(best);
                    if (got != null) {
                        assertThat(flows).contains(got);
                    }
                }
            }
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        }
    }
}

package io.jvswitch.flowtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jvswitch.flowtable.action.Action;
import io.jvswitch.flowtable.action.ActionList;
import io.jvswitch.flowtable.classifier.ClassifierVersion;
import io.jvswitch.flowtable.classifier.LookupScratch;
import io.jvswitch.flowtable.match.FlowKey;
import io.jvswitch.flowtable.match.Match;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlowTablesTest {
    private static final long SECOND = 1_000_000_000L;

    private long now = 1_000 * SECOND;
    private final FlowTables tables = new FlowTables(() -> now, 2);
    private final LookupScratch scratch = new LookupScratch();

    private static ActionList out(int port) {
        return ActionList.of(new Action.Output(port));
    }

    private static Match inPort(int port) {
        return Match.builder().inPort(port).build();
    }

    private static FlowRule rule(Match m, int priority, ActionList actions) {
        return FlowRule.of(m, priority, actions);
    }

    private FlowEntry lookup(int table, FlowKey key) {
        return tables.current().lookup(table, key, scratch.reset());
    }

    private List<String> summary() {
        List<String> out = new ArrayList<>();
        for (FlowEntry e : tables.flows(FlowMod.ALL_TABLES)) {
            out.add(e.tableId() + "/" + e.priority() + "/" + e.match() + "/" + e.actions());
        }
        return out;
    }

    @Test
    void shouldStartWithNormalFlowWhenBridgeIsNew() {
        FlowTables bridge = FlowTables.newBridge(() -> now, 1);
        assertThat(bridge.size()).isEqualTo(1);
        FlowEntry e = bridge.current().lookup(0, new FlowKey().inPort(3), scratch.reset());
        assertThat(e.priority()).isZero();
        assertThat(e.actions()).isEqualTo(ActionList.NORMAL);
        assertThat(bridge.generation()).isEqualTo(1);
        assertThat(new FlowTables(() -> now, 1).size()).isZero();
    }

    @Test
    void shouldReplaceAndResetCountersWhenAddingIdenticalMatchAndPriority() throws Exception {
        tables.apply(FlowMod.add(rule(inPort(1), 10, out(2))));
        FlowEntry first = lookup(0, new FlowKey().inPort(1));
        first.stats().record(0, 3, 300, now);
        now += SECOND;
        tables.apply(FlowMod.add(rule(inPort(1), 10, out(3))));
        FlowEntry second = lookup(0, new FlowKey().inPort(1));
        assertThat(tables.size()).isEqualTo(1);
        assertThat(second.actions()).isEqualTo(out(3));
        assertThat(second.stats().packets()).isZero();
        assertThat(second.createdNanos()).isEqualTo(now);
        tables.apply(FlowMod.add(rule(inPort(1), 11, out(4))));
        assertThat(tables.size()).isEqualTo(2);
    }

    @Test
    void shouldModifyEveryAtLeastAsSpecificFlowWhenLoose() throws Exception {
        Match ipIn1 = Match.builder().inPort(1).dlType(0x0800).build();
        tables.apply(List.of(FlowMod.add(rule(inPort(1), 10, out(2))), FlowMod.add(rule(ipIn1, 20, out(2))),
                FlowMod.add(rule(inPort(2), 30, out(2))), FlowMod.add(rule(Match.CATCH_ALL, 0, ActionList.NORMAL))));
        FlowEntry before = lookup(0, new FlowKey().inPort(1).dlType(0x0800));
        before.stats().record(1, 5, 500, now);
        now += 2 * SECOND;
        BatchResult r = tables.apply(FlowMod.modify(FlowMod.ALL_TABLES, inPort(1), out(9)));
        assertThat(r.modified()).isEqualTo(2);
        FlowEntry after = lookup(0, new FlowKey().inPort(1).dlType(0x0800));
        assertThat(after.actions()).isEqualTo(out(9));
        assertThat(after.stats().packets()).isEqualTo(5);
        assertThat(after.createdNanos()).isEqualTo(before.createdNanos());
        assertThat(after.priority()).isEqualTo(20);
        assertThat(lookup(0, new FlowKey().inPort(1).dlType(0x0806)).actions()).isEqualTo(out(9));
        assertThat(lookup(0, new FlowKey().inPort(2)).actions()).isEqualTo(out(2));
        assertThat(lookup(0, new FlowKey().inPort(3)).actions()).isEqualTo(ActionList.NORMAL);
    }

    @Test
    void shouldAddWhenModifySelectsNothingAndNoCookieMask() throws Exception {
        tables.apply(new FlowMod(FlowMod.Command.MODIFY, FlowMod.ALL_TABLES, inPort(9), FlowRule.DEFAULT_PRIORITY,
                0, 0, OptionalLong.empty(), 0, 0, 0, Set.of(), out(1), OfPort.NONE));
        FlowEntry e = lookup(0, new FlowKey().inPort(9));
        assertThat(e.priority()).isEqualTo(32768);
        assertThat(e.actions()).isEqualTo(out(1));
        BatchResult r = tables.apply(FlowMod.modify(0, inPort(8), out(1)).withCookieFilter(1, 1));
        assertThat(r.added()).isZero();
        assertThat(tables.size()).isEqualTo(1);
    }

    @Test
    void shouldModifyOnlyIdenticalFlowWhenStrict() throws Exception {
        tables.apply(List.of(FlowMod.add(rule(inPort(2), 10, out(1))),
                FlowMod.add(rule(Match.builder().inPort(2).dlType(0x0800).build(), 10, out(1)))));
        BatchResult r = tables.apply(FlowMod.modifyStrict(0, inPort(2), 10, out(5)));
        assertThat(r.modified()).isEqualTo(1);
        assertThat(lookup(0, new FlowKey().inPort(2).dlType(0x0806)).actions()).isEqualTo(out(5));
        assertThat(lookup(0, new FlowKey().inPort(2).dlType(0x0800)).actions()).isEqualTo(out(1));
    }

    @Test
    void shouldDeleteByPriorityOnlyWhenStrict() throws Exception {
        tables.apply(FlowMod.add(rule(inPort(2), 10, out(1))));
        assertThat(tables.apply(FlowMod.deleteStrict(0, inPort(2), FlowRule.DEFAULT_PRIORITY)).removed()).isEmpty();
        assertThat(tables.size()).isEqualTo(1);
        assertThat(tables.apply(FlowMod.deleteStrict(0, inPort(2), 10)).removed()).hasSize(1);
        assertThat(tables.size()).isZero();
    }

    @Test
    void shouldDeleteAtLeastAsSpecificFlowsWhenLoose() throws Exception {
        Match net8 = Match.builder().dlType(0x0800).nwSrc(0x0a000000, 8).build();
        Match net24 = Match.builder().dlType(0x0800).nwSrc(0x0a010200, 24).build();
        Match ip = Match.builder().dlType(0x0800).build();
        tables.apply(List.of(FlowMod.add(rule(net8, 1, out(1))), FlowMod.add(rule(net24, 2, out(1))),
                FlowMod.add(rule(ip, 3, out(1)))));
        BatchResult r = tables.apply(FlowMod.delete(FlowMod.ALL_TABLES, net8));
        assertThat(r.removed()).extracting(FlowEntry::priority).containsExactlyInAnyOrder(1, 2);
        assertThat(tables.flows(0)).extracting(FlowEntry::priority).containsExactly(3);
    }

    @Test
    void shouldDeleteEverythingIncludingDefaultWhenDeleteAll() throws Exception {
        FlowTables bridge = FlowTables.newBridge(() -> now, 1);
        bridge.apply(FlowMod.add(new FlowRule(inPort(1), 5, 3, 0, 0, 0, 0, Set.of(), out(2))));
        bridge.apply(FlowMod.deleteAll());
        assertThat(bridge.size()).isZero();
        assertThat(bridge.current().lookup(0, new FlowKey(), scratch.reset())).isNull();
    }

    @Test
    void shouldSelectOnlyTheGivenTableWhenTableIsNamed() throws Exception {
        tables.apply(List.of(FlowMod.add(new FlowRule(inPort(1), 5, 1, 0, 0, 0, 0, Set.of(), out(2))),
                FlowMod.add(rule(inPort(1), 5, out(2)))));
        tables.apply(FlowMod.delete(1, Match.CATCH_ALL));
        assertThat(tables.flows(FlowMod.ALL_TABLES)).extracting(FlowEntry::tableId).containsExactly(0);
    }

    @Test
    void shouldFilterByCookieMaskAndSetNewCookieWhenModifying() throws Exception {
        tables.apply(List.of(
                FlowMod.add(new FlowRule(inPort(1), 5, 0, 0x11, 0, 0, 0, Set.of(), out(2))),
                FlowMod.add(new FlowRule(inPort(2), 5, 0, 0x21, 0, 0, 0, Set.of(), out(2)))));
        tables.apply(FlowMod.modify(0, Match.CATCH_ALL, out(7)).withCookieFilter(0x10, 0xf0).withNewCookie(0x99));
        assertThat(lookup(0, new FlowKey().inPort(1)).actions()).isEqualTo(out(7));
        assertThat(lookup(0, new FlowKey().inPort(1)).rule().cookie()).isEqualTo(0x99);
        assertThat(lookup(0, new FlowKey().inPort(2)).actions()).isEqualTo(out(2));
        tables.apply(FlowMod.delete(0, Match.CATCH_ALL).withCookieFilter(0x20, 0xf0));
        assertThat(tables.size()).isEqualTo(1);
    }

    @Test
    void shouldFilterByOutPortWhenDeleting() throws Exception {
        tables.apply(List.of(FlowMod.add(rule(inPort(1), 5, out(2))), FlowMod.add(rule(inPort(2), 5, out(3))),
                FlowMod.add(rule(inPort(3), 5, ActionList.NORMAL))));
        tables.apply(FlowMod.delete(0, Match.CATCH_ALL).withOutPort(3));
        assertThat(tables.flows(0)).extracting(e -> e.match()).containsExactly(inPort(1), inPort(3));
        tables.apply(FlowMod.delete(0, Match.CATCH_ALL).withOutPort(OfPort.NORMAL));
        assertThat(tables.flows(0)).extracting(e -> e.match()).containsExactly(inPort(1));
    }

    @Test
    void shouldKeepIdenticalFlowsAndTheirCountersWhenReplacingFlows() throws Exception {
        tables.apply(List.of(FlowMod.add(rule(inPort(1), 5, out(2))), FlowMod.add(rule(inPort(2), 5, out(3))),
                FlowMod.add(rule(inPort(3), 5, out(3)))));
        FlowEntry kept = lookup(0, new FlowKey().inPort(1));
        kept.stats().record(0, 4, 400, now);
        lookup(0, new FlowKey().inPort(2)).stats().record(0, 4, 400, now);
        BatchResult r = tables.replaceFlows(List.of(rule(inPort(1), 5, out(2)), rule(inPort(2), 5, out(4)),
                rule(inPort(4), 5, out(1))));
        assertThat(r.added()).isEqualTo(2);
        assertThat(r.removed()).extracting(FlowEntry::match).containsExactly(inPort(3));
        assertThat(lookup(0, new FlowKey().inPort(1))).isSameAs(kept);
        assertThat(lookup(0, new FlowKey().inPort(2)).actions()).isEqualTo(out(4));
        assertThat(lookup(0, new FlowKey().inPort(2)).stats().packets()).isZero();
        assertThat(lookup(0, new FlowKey().inPort(3))).isNull();
        assertThat(tables.size()).isEqualTo(3);
        tables.replaceFlows(List.of());
        assertThat(tables.size()).isZero();
    }

    @Test
    void shouldIgnoreOutPortWhenModifying() throws Exception {
        tables.apply(List.of(FlowMod.add(rule(inPort(1), 5, out(2))), FlowMod.add(rule(inPort(2), 5, out(3)))));
        BatchResult r = tables.apply(FlowMod.modify(0, Match.CATCH_ALL, out(4)).withOutPort(3));
        assertThat(r.modified()).isEqualTo(2);
    }

    @Test
    void shouldChangeNothingWhenBatchIsRejected() throws Exception {
        tables.apply(FlowMod.add(rule(inPort(1), 5, out(2))));
        ClassifierVersion<FlowEntry> before = tables.current();
        List<String> flowsBefore = summary();
        FlowRule backwards = new FlowRule(inPort(4), 5, 2, 0, 0, 0, 0, Set.of(),
                ActionList.of(new Action.GotoTable(1)));
        assertThatThrownBy(() -> tables.apply(List.of(FlowMod.delete(FlowMod.ALL_TABLES, Match.CATCH_ALL),
                FlowMod.add(rule(inPort(3), 5, out(2))), FlowMod.modify(0, inPort(3), out(8)),
                FlowMod.add(backwards))))
                .isInstanceOf(FlowModException.class).hasMessageContaining("goto_table:1");
        assertThat(tables.current()).isSameAs(before);
        assertThat(summary()).isEqualTo(flowsBefore);
        assertThat(tables.size()).isEqualTo(1);
        assertThat(lookup(0, new FlowKey().inPort(1)).actions()).isEqualTo(out(2));
    }

    @Test
    void shouldKeepOldVersionIntactWhenNewOneIsPublished() throws Exception {
        tables.apply(FlowMod.add(rule(inPort(1), 5, out(2))));
        ClassifierVersion<FlowEntry> old = tables.current();
        tables.apply(List.of(FlowMod.delete(0, inPort(1)), FlowMod.add(rule(inPort(1), 6, out(3)))));
        assertThat(old.lookup(0, new FlowKey().inPort(1), scratch.reset()).actions()).isEqualTo(out(2));
        assertThat(lookup(0, new FlowKey().inPort(1)).actions()).isEqualTo(out(3));
        assertThat(tables.generation()).isEqualTo(old.generation() + 1);
    }

    @Test
    void shouldRejectOverlapWhenCheckOverlapIsSet() throws Exception {
        tables.apply(FlowMod.add(rule(inPort(1), 5, out(2))));
        FlowRule overlapping = new FlowRule(Match.builder().dlType(0x0800).build(), 5, 0, 0, 0, 0, 0,
                Set.of(FlowFlag.CHECK_OVERLAP), out(3));
        assertThatThrownBy(() -> tables.apply(FlowMod.add(overlapping))).hasMessageContaining("overlaps");
        FlowRule otherPriority = new FlowRule(Match.builder().dlType(0x0800).build(), 6, 0, 0, 0, 0, 0,
                Set.of(FlowFlag.CHECK_OVERLAP), out(3));
        tables.apply(FlowMod.add(otherPriority));
        assertThat(tables.size()).isEqualTo(2);
    }

    @Test
    void shouldExpireByHardAndIdleTimeoutWhenClockAdvances() throws Exception {
        tables.apply(List.of(
                FlowMod.add(new FlowRule(inPort(1), 5, 0, 0, 0, 10, 0, Set.of(), out(2))),
                FlowMod.add(new FlowRule(inPort(2), 5, 0, 0, 5, 0, 0, Set.of(), out(2))),
                FlowMod.add(new FlowRule(inPort(3), 5, 0, 0, 5, 0, 0, Set.of(), out(2)))));
        now += 4 * SECOND;
        lookup(0, new FlowKey().inPort(2)).stats().record(0, 1, 60, now);
        now += 2 * SECOND;
        BatchResult r = tables.expire();
        assertThat(r.removed()).extracting(FlowEntry::match).containsExactly(inPort(3));
        now += 4 * SECOND;
        assertThat(tables.expire().removed()).extracting(FlowEntry::match).containsExactly(inPort(1), inPort(2));
        assertThat(tables.size()).isZero();
        assertThat(tables.expire().removed()).isEmpty();
    }

    @Test
    void shouldRestartHardTimeoutWhenModified() throws Exception {
        tables.apply(FlowMod.add(new FlowRule(inPort(1), 5, 0, 0, 0, 10, 0, Set.of(), out(2))));
        now += 8 * SECOND;
        tables.apply(FlowMod.modify(0, inPort(1), out(3)));
        now += 8 * SECOND;
        assertThat(tables.expire().removed()).isEmpty();
        FlowEntry e = lookup(0, new FlowKey().inPort(1));
        assertThat(e.durationNanos(now)).isEqualTo(16 * SECOND);
        assertThat(e.rule().hardTimeout()).isEqualTo(10);
    }

    @Test
    void shouldResetCountersWhenModifyAsksForIt() throws Exception {
        tables.apply(FlowMod.add(rule(inPort(1), 5, out(2))));
        lookup(0, new FlowKey().inPort(1)).stats().record(0, 1, 60, now);
        tables.apply(new FlowMod(FlowMod.Command.MODIFY, 0, inPort(1), 0, 0, 0, OptionalLong.empty(), 0, 0, 0,
                Set.of(FlowFlag.RESET_COUNTS), out(3), OfPort.NONE));
        assertThat(lookup(0, new FlowKey().inPort(1)).stats().packets()).isZero();
    }

    @Test
    void shouldRejectAddWhenTableIsFull() throws Exception {
        FlowTables small = new FlowTables(() -> now, 1, 2);
        small.apply(List.of(FlowMod.add(rule(inPort(1), 5, out(2))), FlowMod.add(rule(inPort(2), 5, out(2)))));
        small.apply(FlowMod.add(rule(inPort(2), 5, out(3))));
        assertThatThrownBy(() -> small.apply(FlowMod.add(rule(inPort(3), 5, out(2)))))
                .hasMessageContaining("too many flows");
        assertThat(small.size()).isEqualTo(2);
    }
}

package io.jvswitch.flowtable;

import io.jvswitch.flowtable.action.ActionList;
import io.jvswitch.flowtable.classifier.ClassifierRule;
import io.jvswitch.flowtable.match.Match;

/**
 * A flow installed in a table: its immutable {@link FlowRule} plus runtime state — counters
 * ({@link FlowStats}, shared with the entry that replaces it on a MODIFY), the creation time (for
 * {@code duration}) and the time it was last added or modified (the base of the hard timeout).
 *
 * <p>This is what the classifier returns to the datapath: read {@link #actions()}, then
 * {@code stats().record(slot, 1, length, now)}.
 */
public final class FlowEntry implements ClassifierRule {
    private final FlowRule rule;
    private final FlowStats stats;
    private final long createdNanos;
    private final long modifiedNanos;

    FlowEntry(FlowRule rule, FlowStats stats, long createdNanos, long modifiedNanos) {
        this.rule = rule;
        this.stats = stats;
        this.createdNanos = createdNanos;
        this.modifiedNanos = modifiedNanos;
    }

    /** The configured flow. */
    public FlowRule rule() {
        return rule;
    }

    @Override
    public Match match() {
        return rule.match();
    }

    @Override
    public int priority() {
        return rule.priority();
    }

    /** The flow's table. */
    public int tableId() {
        return rule.tableId();
    }

    /** The flow's actions. */
    public ActionList actions() {
        return rule.actions();
    }

    /** Counters and last-use time. */
    public FlowStats stats() {
        return stats;
    }

    /** When the flow was added (clock of the owning {@link FlowTables}). */
    public long createdNanos() {
        return createdNanos;
    }

    /** When the flow was added or last modified: hard timeouts count from here. */
    public long modifiedNanos() {
        return modifiedNanos;
    }

    /** Last time a packet hit the flow, or its creation/modification if later: idle timeouts count from here. */
    public long lastActiveNanos() {
        return Math.max(modifiedNanos, stats.lastUsedNanos());
    }

    /** Nanoseconds since creation, for {@code duration=}. */
    public long durationNanos(long nowNanos) {
        return nowNanos - createdNanos;
    }

    /** True when the idle or hard timeout has passed at {@code nowNanos}. */
    public boolean isExpired(long nowNanos) {
        long hard = rule.hardTimeout() * 1_000_000_000L;
        long idle = rule.idleTimeout() * 1_000_000_000L;
        return (hard > 0 && nowNanos - modifiedNanos >= hard) || (idle > 0 && nowNanos - lastActiveNanos() >= idle);
    }

    @Override
    public String toString() {
        return "FlowEntry{" + rule + '}';
    }
}

package io.jvswitch.flowtable;

import io.jvswitch.flowtable.action.ActionList;
import io.jvswitch.flowtable.match.Match;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One flow as configured: match, priority, table, cookie, timeouts, flags and actions. Immutable; the
 * runtime state (counters, creation and last-use times) lives beside it in the flow table.
 *
 * @param match        what packets the flow applies to
 * @param priority     0..65535, higher wins ({@link #DEFAULT_PRIORITY} when not given)
 * @param tableId      0..254
 * @param cookie       opaque 64-bit controller value
 * @param idleTimeout  seconds without a packet before the flow expires, 0 = never (0..65535)
 * @param hardTimeout  seconds after creation before the flow expires, 0 = never (0..65535)
 * @param importance   eviction importance, 0..65535 (kept and printed, not used for eviction yet)
 * @param flags        flow flags (an unmodifiable copy is kept)
 * @param actions      what to do with matching packets
 */
public record FlowRule(Match match, int priority, int tableId, long cookie, int idleTimeout, int hardTimeout,
                       int importance, Set<FlowFlag> flags, ActionList actions) {
    /** OpenFlow's default priority, {@code OFP_DEFAULT_PRIORITY}. */
    public static final int DEFAULT_PRIORITY = 32768;
    /** Highest priority. */
    public static final int MAX_PRIORITY = 65535;
    /** Highest table number a flow may live in (255 means "all tables" in requests). */
    public static final int MAX_TABLE = 254;

    /** Validates ranges and freezes the flags. */
    public FlowRule {
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(actions, "actions");
        checkRange("priority", priority, MAX_PRIORITY);
        checkRange("table", tableId, MAX_TABLE);
        checkRange("idle_timeout", idleTimeout, 0xffff);
        checkRange("hard_timeout", hardTimeout, 0xffff);
        checkRange("importance", importance, 0xffff);
        flags = flags == null || flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    /** A flow with defaults for everything but match, priority and actions (table 0, cookie 0, no timeouts). */
    public static FlowRule of(Match match, int priority, ActionList actions) {
        return new FlowRule(match, priority, 0, 0, 0, 0, 0, Set.of(), actions);
    }

    /** The flow a new bridge starts with: {@code priority=0,actions=NORMAL} in table 0. */
    public static FlowRule defaultNormal() {
        return of(Match.CATCH_ALL, 0, ActionList.NORMAL);
    }

    /** True when {@code flag} is set. */
    public boolean has(FlowFlag flag) {
        return flags.contains(flag);
    }

    /** The same rule with other actions. */
    public FlowRule withActions(ActionList newActions) {
        return new FlowRule(match, priority, tableId, cookie, idleTimeout, hardTimeout, importance, flags, newActions);
    }

    /** The same rule with another cookie. */
    public FlowRule withCookie(long newCookie) {
        return new FlowRule(match, priority, tableId, newCookie, idleTimeout, hardTimeout, importance, flags, actions);
    }

    static void checkRange(String what, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("invalid " + what + " " + value + " (0.." + max + ")");
        }
    }
}

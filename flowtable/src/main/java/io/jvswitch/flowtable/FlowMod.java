package io.jvswitch.flowtable;

import io.jvswitch.flowtable.action.ActionList;
import io.jvswitch.flowtable.match.Match;

import java.util.EnumSet;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A request to change flow tables, with Open vSwitch semantics (ovs-compat §3.1).
 *
 * <ul>
 *   <li>{@link Command#ADD}: add the flow; a flow with identical match and priority in the table is
 *       replaced. {@code cookie} is the new flow's cookie; {@code cookieMask} must be 0.</li>
 *   <li>{@link Command#MODIFY}: replace the actions of every flow at least as specific as {@code match}
 *       (priority ignored) whose cookie matches; if none, add the flow (OpenFlow 1.0).</li>
 *   <li>{@link Command#MODIFY_STRICT}: the same for the flow with identical match and priority.</li>
 *   <li>{@link Command#DELETE}: delete every flow at least as specific as {@code match}.</li>
 *   <li>{@link Command#DELETE_STRICT}: delete the flow with identical match and priority.</li>
 * </ul>
 * Selection by MODIFY/DELETE is also filtered by {@code (flow.cookie & cookieMask) == (cookie & cookieMask)};
 * DELETE selection, when {@code outPort != NONE}, also by the flow having an action that outputs to
 * {@code outPort} (MODIFY ignores out_port, as in OpenFlow and Open vSwitch).
 * {@code tableId} 255 ({@link #ALL_TABLES}) selects every table (not allowed for ADD).
 *
 * @param command      what to do
 * @param tableId      0..254, or 255 for all tables (MODIFY/DELETE)
 * @param match        the flow's match, or the selection pattern
 * @param priority     0..65535 (used by ADD, the *_STRICT commands and by a MODIFY that adds)
 * @param cookie       ADD: the new cookie; MODIFY/DELETE: the cookie to select by (under cookieMask)
 * @param cookieMask   bits of {@code cookie} to select by; 0 selects every flow
 * @param newCookie    MODIFY: the cookie to give the modified flows (empty: keep theirs)
 * @param idleTimeout  ADD (and adding MODIFY): idle timeout in seconds
 * @param hardTimeout  ADD (and adding MODIFY): hard timeout in seconds
 * @param importance   ADD: importance
 * @param flags        flow flags (RESET_COUNTS also applies to MODIFY; CHECK_OVERLAP to ADD)
 * @param actions      ADD/MODIFY: the new actions; ignored by DELETE
 * @param outPort      DELETE filter, {@link OfPort#NONE} for none (ignored by ADD and MODIFY)
 */
public record FlowMod(Command command, int tableId, Match match, int priority, long cookie, long cookieMask,
                      OptionalLong newCookie, int idleTimeout, int hardTimeout, int importance,
                      Set<FlowFlag> flags, ActionList actions, int outPort) {
    /** Table number meaning "every table" in MODIFY/DELETE. */
    public static final int ALL_TABLES = 255;

    /** The five OpenFlow flow-mod commands. */
    public enum Command {
        /** Add, replacing identical match+priority. */
        ADD,
        /** Loose modify (adds when nothing matched). */
        MODIFY,
        /** Strict modify (adds when nothing matched). */
        MODIFY_STRICT,
        /** Loose delete. */
        DELETE,
        /** Strict delete. */
        DELETE_STRICT;

        /** True for the two strict commands. */
        public boolean isStrict() {
            return this == MODIFY_STRICT || this == DELETE_STRICT;
        }

        /** True for MODIFY and MODIFY_STRICT. */
        public boolean isModify() {
            return this == MODIFY || this == MODIFY_STRICT;
        }

        /** True for DELETE and DELETE_STRICT. */
        public boolean isDelete() {
            return this == DELETE || this == DELETE_STRICT;
        }
    }

    /** Validates ranges and combinations. */
    public FlowMod {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(match, "match");
        newCookie = newCookie == null ? OptionalLong.empty() : newCookie;
        actions = actions == null ? ActionList.DROP : actions;
        flags = flags == null || flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        FlowRule.checkRange("table", tableId, ALL_TABLES);
        FlowRule.checkRange("priority", priority, FlowRule.MAX_PRIORITY);
        FlowRule.checkRange("idle_timeout", idleTimeout, 0xffff);
        FlowRule.checkRange("hard_timeout", hardTimeout, 0xffff);
        FlowRule.checkRange("importance", importance, 0xffff);
        if (command == Command.ADD && tableId == ALL_TABLES) {
            throw new IllegalArgumentException("flow additions need a table number (0..254)");
        }
        if (command == Command.ADD && cookieMask != 0) {
            throw new IllegalArgumentException("flow additions cannot use a cookie mask");
        }
    }

    /** An ADD of {@code rule}. */
    public static FlowMod add(FlowRule rule) {
        return new FlowMod(Command.ADD, rule.tableId(), rule.match(), rule.priority(), rule.cookie(), 0,
                OptionalLong.empty(), rule.idleTimeout(), rule.hardTimeout(), rule.importance(), rule.flags(),
                rule.actions(), OfPort.NONE);
    }

    /** A loose MODIFY of flows matching {@code pattern} in {@code tableId} (255 = all) to {@code actions}. */
    public static FlowMod modify(int tableId, Match pattern, ActionList actions) {
        return new FlowMod(Command.MODIFY, tableId, pattern, FlowRule.DEFAULT_PRIORITY, 0, 0, OptionalLong.empty(),
                0, 0, 0, Set.of(), actions, OfPort.NONE);
    }

    /** A MODIFY_STRICT of the flow with this match and priority. */
    public static FlowMod modifyStrict(int tableId, Match match, int priority, ActionList actions) {
        return new FlowMod(Command.MODIFY_STRICT, tableId, match, priority, 0, 0, OptionalLong.empty(), 0, 0, 0,
                Set.of(), actions, OfPort.NONE);
    }

    /** A loose DELETE of flows at least as specific as {@code pattern} in {@code tableId} (255 = all). */
    public static FlowMod delete(int tableId, Match pattern) {
        return new FlowMod(Command.DELETE, tableId, pattern, FlowRule.DEFAULT_PRIORITY, 0, 0, OptionalLong.empty(),
                0, 0, 0, Set.of(), ActionList.DROP, OfPort.NONE);
    }

    /** A DELETE_STRICT of the flow with this match and priority. */
    public static FlowMod deleteStrict(int tableId, Match match, int priority) {
        return new FlowMod(Command.DELETE_STRICT, tableId, match, priority, 0, 0, OptionalLong.empty(), 0, 0, 0,
                Set.of(), ActionList.DROP, OfPort.NONE);
    }

    /** {@code del-flows BR}: delete every flow of every table. */
    public static FlowMod deleteAll() {
        return delete(ALL_TABLES, Match.CATCH_ALL);
    }

    /** This mod with a cookie selector {@code cookie/mask}. */
    public FlowMod withCookieFilter(long selCookie, long selMask) {
        return new FlowMod(command, tableId, match, priority, selCookie, selMask, newCookie, idleTimeout,
                hardTimeout, importance, flags, actions, outPort);
    }

    /** This mod with an out_port filter. */
    public FlowMod withOutPort(int port) {
        return new FlowMod(command, tableId, match, priority, cookie, cookieMask, newCookie, idleTimeout,
                hardTimeout, importance, flags, actions, port);
    }

    /** This mod (a MODIFY) giving modified flows a new cookie. */
    public FlowMod withNewCookie(long cookieValue) {
        return new FlowMod(command, tableId, match, priority, cookie, cookieMask, OptionalLong.of(cookieValue),
                idleTimeout, hardTimeout, importance, flags, actions, outPort);
    }

    /** True when a flow with this cookie passes the cookie filter. */
    public boolean cookieSelects(long flowCookie) {
        return ((flowCookie ^ cookie) & cookieMask) == 0;
    }

    /**
     * The rule an ADD creates, or a MODIFY adds when nothing matched (the cookie is {@code newCookie} if set,
     * else {@code cookie} when no mask was given, else 0).
     */
    public FlowRule toRule(int table) {
        long c = newCookie.isPresent() ? newCookie.getAsLong() : cookieMask == 0 ? cookie : 0;
        return new FlowRule(match, priority, table, c, idleTimeout, hardTimeout, importance, flags, actions);
    }
}

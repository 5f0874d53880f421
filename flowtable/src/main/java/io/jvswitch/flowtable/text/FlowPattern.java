package io.jvswitch.flowtable.text;

import io.jvswitch.flowtable.FlowMod;
import io.jvswitch.flowtable.OfPort;
import io.jvswitch.flowtable.match.Match;

/**
 * A flow selection as {@code dump-flows BR [FLOW]} takes it: a loose match plus table, cookie/mask and
 * out_port filters (no priority, no actions).
 *
 * @param tableId    0..254, or {@link FlowMod#ALL_TABLES} for every table
 * @param match      selects flows at least as specific as it
 * @param cookie     cookie to select by, under {@code cookieMask}
 * @param cookieMask 0 selects every cookie
 * @param outPort    only flows with an action outputting there, {@link OfPort#NONE} for no filter
 */
public record FlowPattern(int tableId, Match match, long cookie, long cookieMask, int outPort) {
    /** Everything in every table. */
    public static final FlowPattern ALL = new FlowPattern(FlowMod.ALL_TABLES, Match.CATCH_ALL, 0, 0, OfPort.NONE);
}

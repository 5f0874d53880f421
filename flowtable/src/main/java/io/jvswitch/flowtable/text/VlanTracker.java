package io.jvswitch.flowtable.text;

import io.jvswitch.flowtable.action.Action;
import io.jvswitch.flowtable.match.Match;
import io.jvswitch.flowtable.match.MatchField;

/**
 * How many 802.1Q headers a packet is known to carry as an action list runs: the match says whether the
 * first exists, push/pop change the count, and {@code mod_vlan_vid}/{@code mod_vlan_pcp} push one when
 * there is none. Open vSwitch uses the same reasoning to decide when a {@code mod_vlan_vid} becomes
 * {@code push_vlan} plus {@code set_field} in OpenFlow 1.1+, and to refuse a VLAN set_field without a tag.
 */
final class VlanTracker {
    private VlanTracker() {
    }

    /** 1 when the match requires a tag (present bit matched as 1), else 0. */
    static int initialDepth(Match match) {
        long mask = match.mask(MatchField.VLAN_TCI);
        long value = match.value(MatchField.VLAN_TCI);
        return (mask & 0x1000) != 0 && (value & 0x1000) != 0 ? 1 : 0;
    }

    /** The depth after {@code a} ran with {@code depth} tags. */
    static int after(Action a, int depth) {
        if (a instanceof Action.PushVlan) {
            return depth + 1;
        }
        if (a instanceof Action.PopVlan || a instanceof Action.StripVlan) {
            return Math.max(0, depth - 1);
        }
        if ((a instanceof Action.ModVlanVid || a instanceof Action.ModVlanPcp) && depth == 0) {
            return 1;
        }
        return depth;
    }
}

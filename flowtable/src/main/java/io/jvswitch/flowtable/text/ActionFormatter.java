package io.jvswitch.flowtable.text;

import io.jvswitch.flowtable.action.Action;
import io.jvswitch.flowtable.action.ActionList;
import io.jvswitch.flowtable.match.Match;
import io.jvswitch.flowtable.match.MatchField;
import io.jvswitch.flowtable.match.Prerequisite;

/**
 * Prints an action list the way {@code ovs-ofctl} prints it back. Two dialects, as Open vSwitch has: the
 * default OpenFlow 1.0 + Nicira one ({@code mod_dl_src:...}, {@code load:...->NXM_NX_IP_TTL[]}) and, for a
 * list that needs OpenFlow 1.1+ ({@code push_vlan}, {@code pop_vlan}, {@code goto_table}, IPv6 rewrites),
 * the OpenFlow 1.3 one ({@code set_field:...->eth_src}, {@code push_vlan:0x8100,set_field:4106->vlan_vid}),
 * which is what {@code ovs-ofctl -O OpenFlow13} prints for the same flow (SPEC §4).
 */
final class ActionFormatter {
    private final PortFormatter ports;

    ActionFormatter(PortFormatter ports) {
        this.ports = ports;
    }

    /** True when {@code actions} can only be expressed in OpenFlow 1.1+ and print in its dialect. */
    static boolean needsOpenFlow13(ActionList actions) {
        for (Action a : actions.asList()) {
            if (a instanceof Action.PushVlan || a instanceof Action.PopVlan || a instanceof Action.GotoTable) {
                return true;
            }
            if (a instanceof Action.SetField && ((Action.SetField) a).field().is128()) {
                return true;
            }
        }
        return false;
    }

    String format(ActionList actions, Match match) {
        if (actions.isDrop()) {
            return "drop";
        }
        boolean of13 = needsOpenFlow13(actions);
        StringBuilder sb = new StringBuilder();
        int depth = VlanTracker.initialDepth(match);
        for (Action a : actions.asList()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            if (of13) {
                appendOf13(sb, a, match, depth);
            } else {
                appendOf10(sb, a);
            }
            depth = VlanTracker.after(a, depth);
        }
        return sb.toString();
    }

    private boolean appendCommon(StringBuilder sb, Action a) {
        if (a instanceof Action.Output) {
            sb.append("output:").append(ports.format(((Action.Output) a).port()));
        } else if (a instanceof Action.Controller) {
            sb.append("CONTROLLER:").append(((Action.Controller) a).maxLen());
        } else if (a instanceof Action.Normal || a instanceof Action.Flood || a instanceof Action.All
                || a instanceof Action.InPort || a instanceof Action.Local) {
            sb.append(ports.format(a.outputPort()));
        } else if (a instanceof Action.DecTtl) {
            sb.append("dec_ttl");
        } else if (a instanceof Action.Resubmit) {
            appendResubmit(sb, (Action.Resubmit) a);
        } else {
            return false;
        }
        return true;
    }

    private void appendResubmit(StringBuilder sb, Action.Resubmit r) {
        boolean anyPort = r.port() == io.jvswitch.flowtable.OfPort.IN_PORT;
        if (!anyPort && r.table() == Action.Resubmit.CURRENT_TABLE) {
            sb.append("resubmit:").append(ports.format(r.port()));
            return;
        }
        sb.append("resubmit(");
        if (!anyPort) {
            sb.append(ports.format(r.port()));
        }
        sb.append(',');
        if (r.table() != Action.Resubmit.CURRENT_TABLE) {
            sb.append(r.table());
        }
        sb.append(')');
    }

    private void appendOf10(StringBuilder sb, Action a) {
        if (appendCommon(sb, a)) {
            return;
        }
        if (a instanceof Action.ModDlSrc) {
            sb.append("mod_dl_src:").append(Values.formatMac(((Action.ModDlSrc) a).mac()));
        } else if (a instanceof Action.ModDlDst) {
            sb.append("mod_dl_dst:").append(Values.formatMac(((Action.ModDlDst) a).mac()));
        } else if (a instanceof Action.ModVlanVid) {
            sb.append("mod_vlan_vid:").append(((Action.ModVlanVid) a).vid());
        } else if (a instanceof Action.ModVlanPcp) {
            sb.append("mod_vlan_pcp:").append(((Action.ModVlanPcp) a).pcp());
        } else if (a instanceof Action.StripVlan) {
            sb.append("strip_vlan");
        } else if (a instanceof Action.ModNwSrc) {
            sb.append("mod_nw_src:").append(Values.formatIpv4(((Action.ModNwSrc) a).addr() & 0xffffffffL));
        } else if (a instanceof Action.ModNwDst) {
            sb.append("mod_nw_dst:").append(Values.formatIpv4(((Action.ModNwDst) a).addr() & 0xffffffffL));
        } else if (a instanceof Action.ModNwTos) {
            sb.append("mod_nw_tos:").append(((Action.ModNwTos) a).tos());
        } else if (a instanceof Action.ModTpSrc) {
            sb.append("mod_tp_src:").append(((Action.ModTpSrc) a).port());
        } else if (a instanceof Action.ModTpDst) {
            sb.append("mod_tp_dst:").append(((Action.ModTpDst) a).port());
        } else if (a instanceof Action.SetField) {
            appendSetFieldOf10(sb, (Action.SetField) a);
        } else {
            // Only OpenFlow 1.1+ actions are left, and needsOpenFlow13 routes those to the other dialect.
            throw new IllegalStateException("no OpenFlow 1.0 form for " + a);
        }
    }

    private static void appendSetFieldOf10(StringBuilder sb, Action.SetField s) {
        if (s.field() == MatchField.DL_VLAN) {
            sb.append("mod_vlan_vid:").append(s.low());
            return;
        }
        if (s.field() == MatchField.DL_VLAN_PCP) {
            sb.append("mod_vlan_pcp:").append(s.low());
            return;
        }
        SetFieldTarget t = SetFieldTarget.forGenericField(s.field());
        if (t == null || t.nxmName == null) {
            throw new IllegalStateException("no OpenFlow 1.0 form for " + s);
        }
        sb.append("load:0x").append(Long.toHexString(s.low())).append("->").append(t.nxmName).append("[]");
    }

    private void appendOf13(StringBuilder sb, Action a, Match match, int depth) {
        if (appendCommon(sb, a)) {
            return;
        }
        if (a instanceof Action.ModDlSrc) {
            setField(sb, Values.formatMac(((Action.ModDlSrc) a).mac()), "eth_src");
        } else if (a instanceof Action.ModDlDst) {
            setField(sb, Values.formatMac(((Action.ModDlDst) a).mac()), "eth_dst");
        } else if (a instanceof Action.ModVlanVid) {
            pushIfNone(sb, depth);
            setField(sb, Integer.toString(0x1000 | ((Action.ModVlanVid) a).vid()), "vlan_vid");
        } else if (a instanceof Action.ModVlanPcp) {
            pushIfNone(sb, depth);
            setField(sb, Integer.toString(((Action.ModVlanPcp) a).pcp()), "vlan_pcp");
        } else if (a instanceof Action.StripVlan || a instanceof Action.PopVlan) {
            sb.append("pop_vlan");
        } else if (a instanceof Action.PushVlan) {
            sb.append("push_vlan:0x").append(Integer.toHexString(((Action.PushVlan) a).ethertype()));
        } else if (a instanceof Action.GotoTable) {
            sb.append("goto_table:").append(((Action.GotoTable) a).table());
        } else if (a instanceof Action.ModNwSrc) {
            setField(sb, Values.formatIpv4(((Action.ModNwSrc) a).addr() & 0xffffffffL), "ip_src");
        } else if (a instanceof Action.ModNwDst) {
            setField(sb, Values.formatIpv4(((Action.ModNwDst) a).addr() & 0xffffffffL), "ip_dst");
        } else if (a instanceof Action.ModNwTos) {
            setField(sb, Integer.toString(((Action.ModNwTos) a).tos() >> 2), "ip_dscp");
        } else if (a instanceof Action.ModTpSrc) {
            setField(sb, Integer.toString(((Action.ModTpSrc) a).port()), transportName(match) + "_src");
        } else if (a instanceof Action.ModTpDst) {
            setField(sb, Integer.toString(((Action.ModTpDst) a).port()), transportName(match) + "_dst");
        } else if (a instanceof Action.SetField) {
            appendSetFieldOf13(sb, (Action.SetField) a);
        } else {
            throw new IllegalStateException("unhandled action " + a);
        }
    }

    private static void pushIfNone(StringBuilder sb, int depth) {
        if (depth == 0) {
            sb.append("push_vlan:0x8100,");
        }
    }

    private static void setField(StringBuilder sb, String value, String field) {
        sb.append("set_field:").append(value).append("->").append(field);
    }

    private static String transportName(Match match) {
        if (match.isExact(MatchField.NW_PROTO)) {
            long proto = match.value(MatchField.NW_PROTO);
            if (proto == Prerequisite.PROTO_UDP) {
                return "udp";
            }
            if (proto == Prerequisite.PROTO_SCTP) {
                return "sctp";
            }
        }
        return "tcp";
    }

    private static void appendSetFieldOf13(StringBuilder sb, Action.SetField s) {
        MatchField f = s.field();
        if (f == MatchField.DL_VLAN) {
            setField(sb, Long.toString(0x1000 | s.low()), "vlan_vid");
            return;
        }
        SetFieldTarget t = SetFieldTarget.forGenericField(f);
        String name = t == null ? f.ovsName() : t.oxmName;
        String value;
        if (f.is128()) {
            value = Values.formatIpv6(s.high(), s.low());
        } else if (t != null && t.keyword.kind == MatchKeyword.Kind.MAC) {
            value = Values.formatMac(s.low());
        } else if (t != null && t.keyword.kind == MatchKeyword.Kind.IPV4) {
            value = Values.formatIpv4(s.low());
        } else if (f == MatchField.IPV6_LABEL) {
            value = "0x" + Long.toHexString(s.low());
        } else {
            value = Long.toString(s.low());
        }
        setField(sb, value, name);
    }
}

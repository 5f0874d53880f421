package io.jvswitch.flowtable.text;

import io.jvswitch.flowtable.FlowRule;
import io.jvswitch.flowtable.OfPort;
import io.jvswitch.flowtable.action.Action;
import io.jvswitch.flowtable.action.ActionList;
import io.jvswitch.flowtable.match.Match;
import io.jvswitch.flowtable.match.MatchField;
import io.jvswitch.flowtable.match.Prerequisite;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the text after {@code actions=} into an {@link ActionList}: every action of SPEC §4 with its
 * aliases and forms, plus the checks Open vSwitch makes against the match (a {@code set_field} needs its
 * field's prerequisite; a VLAN field needs a VLAN header; {@code goto_table} must come last and go
 * forward).
 */
final class ActionParser {
    /** Actions Open vSwitch knows that jvswitch does not implement: named as such rather than "unknown". */
    private static final Set<String> UNSUPPORTED = Set.of("enqueue", "set_queue", "pop_queue", "note", "learn",
            "ct", "ct_clear", "group", "meter", "move", "multipath", "bundle", "bundle_load", "output_reg",
            "set_tunnel", "set_tunnel64", "set_mpls_label", "set_mpls_tc", "set_mpls_ttl", "dec_mpls_ttl",
            "push_mpls", "pop_mpls", "clone", "sample", "exit", "fin_timeout", "write_metadata", "write_actions",
            "clear_actions", "conjunction", "nat", "check_pkt_larger", "encap", "decap", "dec_nsh_ttl",
            "debug_recirc", "debug_slow");

    private final PortNames ports;
    private final Match match;
    private final int tableId;

    ActionParser(PortNames ports, Match match, int tableId) {
        this.ports = ports;
        this.match = match;
        this.tableId = tableId;
    }

    ActionList parse(String text) {
        List<Action> actions = new ArrayList<>();
        boolean drop = false;
        boolean gotoSeen = false;
        int vlanDepth = VlanTracker.initialDepth(match);
        for (KeyValueLexer.Item item : KeyValueLexer.split(text)) {
            String name = Values.lower(item.key());
            if (name.equals("drop") && !item.hasValue()) {
                drop = true;
                continue;
            }
            if (gotoSeen) {
                throw new FlowSyntaxException("invalid instruction ordering: apply_actions must appear before "
                        + "goto_table, for OpenFlow 1.1+ compatibility");
            }
            Action a;
            try {
                a = parseOne(item, name, vlanDepth);
            } catch (FlowSyntaxException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new FlowSyntaxException(e.getMessage());
            }
            vlanDepth = VlanTracker.after(a, vlanDepth);
            gotoSeen = a instanceof Action.GotoTable;
            actions.add(a);
        }
        if (drop && !actions.isEmpty()) {
            throw new FlowSyntaxException("\"drop\" must not be accompanied by any other action or instruction");
        }
        ActionList list = ActionList.of(actions);
        if (ActionFormatter.needsOpenFlow13(list)) {
            checkOpenFlow13Consistency(list);
        }
        return list;
    }

    /**
     * OpenFlow 1.1+ rewrites a header field only when the match guarantees the header exists (OpenFlow 1.0
     * did not ask). Open vSwitch refuses such a flow under OpenFlow 1.3 ({@code OFPBAC_MATCH_INCONSISTENT});
     * we refuse it too, naming the action and what the match lacks.
     */
    private void checkOpenFlow13Consistency(ActionList list) {
        boolean popOnlyReason = true;
        for (Action a : list.asList()) {
            if (!(a instanceof Action.PopVlan) && ActionFormatter.needsOpenFlow13(ActionList.of(a))) {
                popOnlyReason = false;
            }
        }
        int depth = VlanTracker.initialDepth(match);
        for (Action a : list.asList()) {
            if ((a instanceof Action.PopVlan || a instanceof Action.StripVlan) && depth == 0 && !popOnlyReason) {
                // A lone pop_vlan is OpenFlow 1.0's strip_vlan, which may pop nothing; beside push_vlan or
                // goto_table it must be known to have a tag to pop, as in Open vSwitch.
                throw new FlowSyntaxException((a instanceof Action.PopVlan ? "pop_vlan" : "strip_vlan")
                        + " requires a VLAN header (match dl_vlan or vlan_tci=0x1000/0x1000, or push_vlan first)"
                        + " in a flow with OpenFlow 1.1+ actions (push_vlan, goto_table)");
            }
            depth = VlanTracker.after(a, depth);
            Prerequisite needed = null;
            String name = null;
            if (a instanceof Action.DecTtl) {
                needed = Prerequisite.IP_ANY;
                name = "dec_ttl";
            } else if (a instanceof Action.ModNwSrc || a instanceof Action.ModNwDst) {
                needed = Prerequisite.IPV4;
                name = a instanceof Action.ModNwSrc ? "mod_nw_src" : "mod_nw_dst";
            } else if (a instanceof Action.ModNwTos) {
                needed = Prerequisite.IP_ANY;
                name = "mod_nw_tos";
            } else if (a instanceof Action.ModTpSrc || a instanceof Action.ModTpDst) {
                needed = Prerequisite.TRANSPORT;
                name = a instanceof Action.ModTpSrc ? "mod_tp_src" : "mod_tp_dst";
            }
            if (needed != null && !needed.isSatisfiedBy(match)) {
                throw new FlowSyntaxException(name + " requires " + needed.description()
                        + " in the match of a flow with OpenFlow 1.1+ actions (push_vlan, pop_vlan, goto_table)");
            }
        }
    }

    private Action parseOne(KeyValueLexer.Item item, String name, int vlanDepth) {
        String v = item.value();
        switch (name) {
            case "output":
                if (v.startsWith("port=") && v.contains("max_len=")) {
                    throw new FlowSyntaxException("output(" + v + "): truncated output is not supported by jvswitch");
                }
                return output(v);
            case "controller":
                return controller(item);
            case "mod_dl_src":
                return new Action.ModDlSrc(mac(v));
            case "mod_dl_dst":
                return new Action.ModDlDst(mac(v));
            case "mod_vlan_vid":
                return new Action.ModVlanVid((int) ranged(v, 4095, "VLAN VID", v + ": not a valid VLAN VID"));
            case "mod_vlan_pcp":
                return new Action.ModVlanPcp((int) ranged(v, 7, "VLAN PCP", v + ": not a valid VLAN PCP"));
            case "set_vlan_vid":
                return Action.SetField.of(MatchField.DL_VLAN, ranged(v, 4095, "VLAN VID",
                        v + ": not a valid VLAN VID"));
            case "set_vlan_pcp":
                return Action.SetField.of(MatchField.DL_VLAN_PCP, ranged(v, 7, "VLAN PCP",
                        v + ": not a valid VLAN PCP"));
            case "strip_vlan":
                return Action.StripVlan.INSTANCE;
            case "pop_vlan":
                return Action.PopVlan.INSTANCE;
            case "push_vlan": {
                long type = ranged(v, 0xffff, "ethertype", v + ": not a valid VLAN ethertype");
                if (type != 0x8100 && type != 0x88a8) {
                    throw new FlowSyntaxException(v + ": not a valid VLAN ethertype");
                }
                return new Action.PushVlan((int) type);
            }
            case "mod_nw_src":
                return new Action.ModNwSrc((int) ipv4(v));
            case "mod_nw_dst":
                return new Action.ModNwDst((int) ipv4(v));
            case "mod_nw_tos": {
                long tos = ranged(v, 255, "TOS", v + ": not a valid TOS");
                if ((tos & 3) != 0) {
                    throw new FlowSyntaxException(v + ": not a valid TOS");
                }
                return new Action.ModNwTos((int) tos);
            }
            case "mod_nw_ttl":
                return Action.SetField.of(MatchField.NW_TTL, ranged(v, 255, "TTL", "invalid TTL \"" + v + "\""));
            case "mod_nw_ecn":
                return Action.SetField.of(MatchField.NW_ECN, ranged(v, 3, "ECN", "invalid ECN \"" + v + "\""));
            case "mod_tp_src":
                return new Action.ModTpSrc(u16(v, "source"));
            case "mod_tp_dst":
                return new Action.ModTpDst(u16(v, "destination"));
            case "dec_ttl":
                if (item.hasValue()) {
                    throw new FlowSyntaxException("dec_ttl(" + v + "): controller ids are not supported");
                }
                return Action.DecTtl.INSTANCE;
            case "set_field":
                return setField(v, vlanDepth);
            case "load":
                return load(v, vlanDepth);
            case "resubmit":
                return resubmit(item);
            case "goto_table":
                return gotoTable(v);
            default:
                return bareWord(item, name);
        }
    }

    /**
     * An integer (base 0) in 0..max. Open vSwitch words the two failures differently: text that is no number
     * gives {@code invalid WHAT "text"}, a number out of range gives {@code rangeError}.
     */
    private static long ranged(String v, long max, String what, String rangeError) {
        long n = Values.parseUnsigned(v);
        if (n < 0) {
            throw new FlowSyntaxException("invalid " + what + " \"" + v + "\"");
        }
        if (n > max) {
            throw new FlowSyntaxException(rangeError);
        }
        return n;
    }

    private Action bareWord(KeyValueLexer.Item item, String name) {
        // A port as an action outputs there; like Open vSwitch, ignore anything after it ("normal:1").
        int port = MatchParser.portOrMinusOne(item.key(), ports);
        if (port >= 0) {
            return outputTo(port, item.key());
        }
        if (UNSUPPORTED.contains(name)) {
            throw new FlowSyntaxException(name + ": action not supported by jvswitch");
        }
        throw new FlowSyntaxException("unknown action " + item.key());
    }

    private Action output(String v) {
        int port = MatchParser.portOrMinusOne(v, ports);
        if (port < 0) {
            throw new FlowSyntaxException(v + ": output to unknown port");
        }
        return outputTo(port, v);
    }

    private static Action outputTo(int port, String text) {
        switch (port) {
            case OfPort.NORMAL:
                return Action.Normal.INSTANCE;
            case OfPort.FLOOD:
                return Action.Flood.INSTANCE;
            case OfPort.ALL:
                return Action.All.INSTANCE;
            case OfPort.IN_PORT:
                return Action.InPort.INSTANCE;
            case OfPort.LOCAL:
                return Action.Local.INSTANCE;
            case OfPort.CONTROLLER:
                return new Action.Controller(Action.Controller.DEFAULT_MAX_LEN);
            default:
                if (!OfPort.isPhysical(port)) {
                    throw new FlowSyntaxException("output:" + text + ": invalid output port (1..65279 or a "
                            + "reserved port: NORMAL, FLOOD, ALL, IN_PORT, LOCAL, CONTROLLER)");
                }
                return new Action.Output(port);
        }
    }

    private static Action controller(KeyValueLexer.Item item) {
        if (!item.hasValue()) {
            return new Action.Controller(Action.Controller.DEFAULT_MAX_LEN);
        }
        String v = item.value();
        String lenText = v;
        boolean keyed = v.indexOf('=') >= 0;
        if (v.isEmpty()) {
            return new Action.Controller(Action.Controller.DEFAULT_MAX_LEN);
        }
        if (keyed) {
            lenText = null;
            for (KeyValueLexer.Item arg : KeyValueLexer.split(v)) {
                if (!arg.key().equals("max_len")) {
                    throw new FlowSyntaxException("controller(" + v + "): only max_len is supported");
                }
                lenText = arg.value();
            }
            if (lenText == null) {
                return new Action.Controller(Action.Controller.DEFAULT_MAX_LEN);
            }
        }
        long len = keyed ? Values.parseUnsigned(lenText) : Values.parseDecimal(lenText);
        if (len < 0 || len > 0xffff) {
            throw new FlowSyntaxException("invalid max_len \"" + lenText + "\"");
        }
        return new Action.Controller((int) len);
    }

    private Action resubmit(KeyValueLexer.Item item) {
        String v = item.value();
        String portText = v;
        String tableText = "";
        int comma = v.indexOf(',');
        if (comma >= 0) {
            portText = v.substring(0, comma);
            tableText = v.substring(comma + 1);
            int third = tableText.indexOf(',');
            if (third >= 0) {
                String extra = tableText.substring(third + 1);
                throw new FlowSyntaxException(extra.equals("ct") ? "resubmit(" + v + "): the ct argument is not "
                        + "supported" : extra + ": unknown parameter");
            }
        }
        int port = OfPort.IN_PORT;
        if (!portText.isEmpty()) {
            port = MatchParser.portOrMinusOne(portText, ports);
            if (port < 0) {
                throw new FlowSyntaxException(portText + ": resubmit to unknown port");
            }
        }
        int table = Action.Resubmit.CURRENT_TABLE;
        if (!tableText.isEmpty()) {
            long t = Values.parseDecimal(tableText);
            if (t < 0 || t > 255) {
                throw new FlowSyntaxException(tableText + ": resubmit to unknown table");
            }
            table = (int) t;
        }
        if (port == OfPort.IN_PORT && table == Action.Resubmit.CURRENT_TABLE) {
            throw new FlowSyntaxException("at least one \"in_port\" or \"table\" must be specified on resubmit");
        }
        return new Action.Resubmit(port, table);
    }

    private Action gotoTable(String v) {
        long t = Values.parseDecimal(v);
        if (t < 0 || t > FlowRule.MAX_TABLE) {
            throw new FlowSyntaxException("unknown table \"" + v + "\"");
        }
        int current = tableId == 255 ? 0 : tableId;
        if (t <= current) {
            throw new FlowSyntaxException("goto_table:" + v + ": must go to a later table than the flow's table "
                    + current);
        }
        return new Action.GotoTable((int) t);
    }

    private Action setField(String v, int vlanDepth) {
        int arrow = v.lastIndexOf("->");
        if (arrow < 0) {
            throw new FlowSyntaxException(v + ": missing `->'");
        }
        String valueText = v.substring(0, arrow);
        String fieldName = v.substring(arrow + 2);
        SetFieldTarget target = SetFieldTarget.byName(fieldName);
        if (target == null) {
            throw new FlowSyntaxException(fieldName + " is not a valid OXM field name");
        }
        if (valueText.indexOf('/') >= 0) {
            throw new FlowSyntaxException("set_field:" + v + ": a mask is not supported");
        }
        return setTarget(target, valueText, "set_field:" + v, vlanDepth);
    }

    private Action load(String v, int vlanDepth) {
        int arrow = v.indexOf("->");
        String dst = arrow < 0 ? "" : v.substring(arrow + 2);
        if (arrow < 0 || !dst.endsWith("[]")) {
            throw new FlowSyntaxException("load:" + v + ": only whole-field loads (load:VALUE->NXM_...[]) "
                    + "are supported");
        }
        SetFieldTarget target = SetFieldTarget.byNxmName(dst.substring(0, dst.length() - 2));
        if (target == null) {
            throw new FlowSyntaxException("load:" + v + ": field not supported");
        }
        long raw = Values.parseUnsigned(v.substring(0, arrow));
        if (raw < 0) {
            throw new FlowSyntaxException("load:" + v + ": bad value");
        }
        String valueText;
        switch (target.keyword.kind) {
            case MAC:
                valueText = Values.formatMac(raw);
                break;
            case IPV4:
                valueText = Values.formatIpv4(raw);
                break;
            default:
                valueText = Long.toString(raw);
                break;
        }
        return setTarget(target, valueText, "load:" + v, vlanDepth);
    }

    private Action setTarget(SetFieldTarget target, String valueText, String culprit, int vlanDepth) {
        MatchKeyword kw = target.keyword;
        MatchField field = kw.field;
        Requirement req = kw.requirement();
        if (req != null && !req.isSatisfiedBy(match)) {
            throw new FlowSyntaxException(culprit + " requires " + req.description());
        }
        if ((target == SetFieldTarget.VLAN_VID || target == SetFieldTarget.VLAN_PCP) && vlanDepth == 0) {
            throw new FlowSyntaxException(culprit + " requires a VLAN header (match dl_vlan or vlan_tci=0x1000/0x1000,"
                    + " or push_vlan first)");
        }
        switch (kw.kind) {
            case MAC: {
                long mac = mac(valueText);
                if (target == SetFieldTarget.ETH_SRC) {
                    return new Action.ModDlSrc(mac);
                }
                if (target == SetFieldTarget.ETH_DST) {
                    return new Action.ModDlDst(mac);
                }
                return Action.SetField.of(field, mac);
            }
            case IPV4: {
                long addr = ipv4(valueText);
                if (target == SetFieldTarget.IP_SRC) {
                    return new Action.ModNwSrc((int) addr);
                }
                if (target == SetFieldTarget.IP_DST) {
                    return new Action.ModNwDst((int) addr);
                }
                return Action.SetField.of(field, addr);
            }
            case IPV6: {
                long[] a = Values.parseIpv6(valueText);
                if (a == null) {
                    throw new FlowSyntaxException(valueText + ": invalid IPv6 address");
                }
                return new Action.SetField(field, a[0], a[1]);
            }
            default:
                return setInteger(target, valueText, culprit);
        }
    }

    private static Action setInteger(SetFieldTarget target, String valueText, String culprit) {
        long n = Values.parseUnsigned(valueText);
        if (n < 0) {
            throw new FlowSyntaxException(culprit + ": bad value " + valueText);
        }
        switch (target) {
            case VLAN_VID:
                if (n > 0x1fff) {
                    throw new FlowSyntaxException(culprit + ": value out of range (0..4095, plus 0x1000)");
                }
                return Action.SetField.of(MatchField.DL_VLAN, n & 0xfff);
            case IP_DSCP:
                if (n > 63) {
                    throw new FlowSyntaxException(culprit + ": value out of range (0..63)");
                }
                return new Action.ModNwTos((int) n << 2);
            case NW_TOS:
                if (n > 255 || (n & 3) != 0) {
                    throw new FlowSyntaxException(valueText + ": not a valid TOS");
                }
                return new Action.ModNwTos((int) n);
            case TCP_SRC:
            case UDP_SRC:
            case SCTP_SRC:
            case TP_SRC:
                return new Action.ModTpSrc(u16(valueText, "source"));
            case TCP_DST:
            case UDP_DST:
            case SCTP_DST:
            case TP_DST:
                return new Action.ModTpDst(u16(valueText, "destination"));
            default:
                MatchField f = target.keyword.field;
                if (n > f.maxValue()) {
                    throw new FlowSyntaxException(culprit + ": value out of range for " + target.oxmName + " (0.."
                            + f.maxValue() + ")");
                }
                return Action.SetField.of(f, n);
        }
    }

    /** A transport port for a rewrite; {@code which} is "source" or "destination", as in OVS's error. */
    private static int u16(String v, String which) {
        long n = Values.parseUnsigned(v);
        if (n < 0 || n > 0xffff) {
            throw new FlowSyntaxException("invalid " + which + " port \"" + v + "\"");
        }
        return (int) n;
    }

    private static long mac(String v) {
        long mac = Values.parseMac(v);
        if (mac < 0) {
            throw new FlowSyntaxException("invalid mac address " + v);
        }
        return mac;
    }

    private static long ipv4(String v) {
        long a = Values.parseIpv4(v);
        if (a < 0) {
            throw new FlowSyntaxException(v + ": could not convert to IP address");
        }
        return a;
    }
}

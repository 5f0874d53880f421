package io.jvswitch.flowtable.text;

import io.jvswitch.flowtable.FlowRule;
import io.jvswitch.flowtable.OfPort;
import io.jvswitch.flowtable.action.Action;
import io.jvswitch.flowtable.action.ActionList;
import io.jvswitch.flowtable.match.Match;
import io.jvswitch.flowtable.match.MatchField;

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
            "set_vlan_vid", "set_vlan_pcp", "mod_nw_ecn", "mod_nw_ttl", "debug_recirc", "debug_slow");

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
        return ActionList.of(actions);
    }

    private Action parseOne(KeyValueLexer.Item item, String name, int vlanDepth) {
        String v = item.value();
        switch (name) {
            case "output":
                return output(v);
            case "controller":
                return controller(item);
            case "mod_dl_src":
                return new Action.ModDlSrc(mac(v));
            case "mod_dl_dst":
                return new Action.ModDlDst(mac(v));
            case "mod_vlan_vid": {
                long vid = Values.parseUnsigned(v);
                if (vid < 0 || vid > 4095) {
                    throw new FlowSyntaxException(v + ": not a valid VLAN VID");
                }
                return new Action.ModVlanVid((int) vid);
            }
            case "mod_vlan_pcp": {
                long pcp = Values.parseUnsigned(v);
                if (pcp < 0 || pcp > 7) {
                    throw new FlowSyntaxException(v + ": not a valid VLAN PCP");
                }
                return new Action.ModVlanPcp((int) pcp);
            }
            case "strip_vlan":
                return Action.StripVlan.INSTANCE;
            case "pop_vlan":
                return Action.PopVlan.INSTANCE;
            case "push_vlan": {
                long type = Values.parseUnsigned(v);
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
                long tos = Values.parseUnsigned(v);
                if (tos < 0 || tos > 255 || (tos & 3) != 0) {
                    throw new FlowSyntaxException(v + ": not a valid TOS");
                }
                return new Action.ModNwTos((int) tos);
            }
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

    private Action bareWord(KeyValueLexer.Item item, String name) {
        if (!item.hasValue()) {
            int port = MatchParser.portOrMinusOne(item.key(), ports);
            if (port >= 0) {
                return outputTo(port, item.key());
            }
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
        if (v.isEmpty()) {
            return new Action.Controller(Action.Controller.DEFAULT_MAX_LEN);
        }
        if (v.indexOf('=') >= 0) {
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
        long len = Values.parseUnsigned(lenText);
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
            if (tableText.indexOf(',') >= 0) {
                throw new FlowSyntaxException("resubmit(" + v + "): the ct argument is not supported");
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
            long t = Values.parseUnsigned(tableText);
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
        long t = Values.parseUnsigned(v);
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
            throw new FlowSyntaxException("set_field:" + v + ": missing `->'");
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
            throw new FlowSyntaxException(v + ": invalid IP address");
        }
        return a;
    }
}

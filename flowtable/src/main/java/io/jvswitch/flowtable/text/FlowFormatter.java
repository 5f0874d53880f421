package io.jvswitch.flowtable.text;

import io.jvswitch.flowtable.FlowFlag;
import io.jvswitch.flowtable.FlowMod;
import io.jvswitch.flowtable.FlowRule;
import io.jvswitch.flowtable.OfPort;
import io.jvswitch.flowtable.action.ActionList;
import io.jvswitch.flowtable.match.FlowKey;
import io.jvswitch.flowtable.match.Match;
import io.jvswitch.flowtable.match.MatchField;
import io.jvswitch.flowtable.match.Prerequisite;

/**
 * Prints flows exactly as {@code ovs-ofctl} 3.1 does (ovs-compat §3.5-3.6).
 *
 * <h2>What</h2>
 * <ul>
 *   <li>{@link #formatMatch}: Open vSwitch's {@code match_format} — {@code priority=N,} unless 32768, the
 *       protocol shorthand ({@code tcp}, {@code arp}, ...), then the fields in Open vSwitch's order with its
 *       normal forms: lower-case MACs, CIDR prefixes when the mask is one, {@code dl_vlan} for a plain VLAN
 *       match and {@code vlan_tci=0x....} otherwise, hex {@code value/mask} for partial port masks.</li>
 *   <li>{@link #formatActions}: {@code drop} for an empty list, reserved ports upper-case, the OpenFlow 1.0
 *       dialect unless the list needs OpenFlow 1.1+ (then the {@code -O OpenFlow13} one).</li>
 *   <li>{@link #formatNoStats} (the {@code parse-flow} and {@code --no-stats dump-flows} line) and
 *       {@link #formatWithStats} (a {@code dump-flows} line), both without the leading space Open vSwitch
 *       puts before each dump line. Flags print only for OpenFlow 1.1+ flows and importance never, because
 *       Open vSwitch's default dump (OpenFlow 1.0 + NXM) carries neither.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * For every text {@code t} that {@link FlowParser} accepts, {@code parse(format(parse(t)))} equals
 * {@code parse(t)} and prints the same text again (FlowRoundTripTest); the printed text equals what
 * ovs-ofctl 3.1 prints for {@code t} (OvsOfctlDifferentialTest, OvsDumpFlowsDifferentialTest).
 *
 * <h2>Threading</h2>
 * Immutable; safe to share.
 */
public final class FlowFormatter {
    private final PortFormatter ports;
    private final ActionFormatter actionFormatter;

    /** A formatter printing port numbers. */
    public FlowFormatter() {
        this(PortNames.NONE);
    }

    /** A formatter printing port names from {@code names} where known ({@code dump-flows --names}). */
    public FlowFormatter(PortNames names) {
        this.ports = new PortFormatter(names);
        this.actionFormatter = new ActionFormatter(ports);
    }

    /** True when {@code actions} need OpenFlow 1.1+ and so print as {@code ovs-ofctl -O OpenFlow13} does. */
    public static boolean needsOpenFlow13(ActionList actions) {
        return ActionFormatter.needsOpenFlow13(actions);
    }

    /** The {@code parse-flow} / {@code --no-stats dump-flows} line of {@code rule} (no leading space). */
    public String formatNoStats(FlowRule rule) {
        StringBuilder sb = new StringBuilder();
        if (rule.cookie() != 0) {
            sb.append("cookie=0x").append(Long.toHexString(rule.cookie())).append(", ");
        }
        if (rule.tableId() != 0) {
            sb.append("table=").append(rule.tableId()).append(", ");
        }
        appendTimeoutsFlags(sb, rule);
        appendMatchAndActions(sb, rule);
        return sb.toString();
    }

    /** A {@code dump-flows} line of {@code rule} with its statistics (no leading space). */
    public String formatWithStats(FlowRule rule, FlowDumpStats stats) {
        StringBuilder sb = new StringBuilder();
        sb.append("cookie=0x").append(Long.toHexString(rule.cookie())).append(", ");
        long ms = Math.max(0, stats.durationNs()) / 1_000_000;
        long sec = ms / 1000;
        sb.append("duration=").append(sec);
        if (ms % 1000 != 0) {
            sb.append('.').append(String.format("%03d", ms % 1000));
        }
        sb.append("s, ");
        sb.append("table=").append(rule.tableId()).append(", ");
        sb.append("n_packets=").append(stats.packetCount()).append(", ");
        sb.append("n_bytes=").append(stats.byteCount()).append(", ");
        appendTimeoutsFlags(sb, rule);
        if (stats.idleAgeSeconds() >= 0) {
            sb.append("idle_age=").append(stats.idleAgeSeconds()).append(", ");
        }
        if (stats.hardAgeSeconds() >= 0 && stats.hardAgeSeconds() != sec) {
            sb.append("hard_age=").append(stats.hardAgeSeconds()).append(", ");
        }
        appendMatchAndActions(sb, rule);
        return sb.toString();
    }

    /**
     * One line for a flow mod, for {@code parse-flows}: an add prints as {@link #formatNoStats}; the other
     * commands print their keyword first ({@code delete in_port=1}) so the line reads back the same way.
     */
    public String formatFlowMod(FlowMod mod) {
        if (mod.command() == FlowMod.Command.ADD) {
            return formatNoStats(mod.toRule(mod.tableId()));
        }
        StringBuilder sb = new StringBuilder(mod.command().name().toLowerCase(java.util.Locale.ROOT)).append(' ');
        if (mod.tableId() != FlowMod.ALL_TABLES) {
            sb.append("table=").append(mod.tableId()).append(", ");
        }
        if (mod.cookieMask() != 0) {
            sb.append("cookie=0x").append(Long.toHexString(mod.cookie())).append("/0x")
                    .append(Long.toHexString(mod.cookieMask())).append(", ");
        }
        if (mod.newCookie().isPresent()) {
            sb.append("cookie=0x").append(Long.toHexString(mod.newCookie().getAsLong())).append(", ");
        }
        if (mod.command().isDelete() && mod.outPort() != OfPort.NONE) {
            sb.append("out_port=").append(ports.format(mod.outPort())).append(", ");
        }
        if (mod.command().isModify()) {
            appendTimeoutsFlags(sb, mod.toRule(0));
        }
        int priority = mod.command().isStrict() || mod.command().isModify() ? mod.priority()
                : FlowRule.DEFAULT_PRIORITY;
        String match = formatMatch(mod.match(), priority, mod.command().isModify()
                && needsOpenFlow13(mod.actions()));
        sb.append(match);
        if (mod.command().isModify()) {
            if (!match.isEmpty()) {
                sb.append(' ');
            }
            sb.append("actions=").append(formatActions(mod.actions(), mod.match()));
        } else if (match.isEmpty()) {
            int len = sb.length();
            if (sb.charAt(len - 1) == ' ') {
                sb.setLength(len - (sb.charAt(len - 2) == ',' ? 2 : 1));
            }
        }
        return sb.toString();
    }

    /**
     * Timeouts, then flags. Flags are shown only for flows printed in the OpenFlow 1.3 dialect: Open vSwitch's
     * default (OpenFlow 1.0 + NXM) flow stats carry no flags, so its {@code dump-flows} never shows them.
     * {@code importance} needs OpenFlow 1.4 and is never shown, for the same reason.
     */
    private static void appendTimeoutsFlags(StringBuilder sb, FlowRule rule) {
        if (rule.idleTimeout() != 0) {
            sb.append("idle_timeout=").append(rule.idleTimeout()).append(", ");
        }
        if (rule.hardTimeout() != 0) {
            sb.append("hard_timeout=").append(rule.hardTimeout()).append(", ");
        }
        if (needsOpenFlow13(rule.actions())) {
            for (FlowFlag f : FlowFlag.values()) {
                if (rule.has(f)) {
                    sb.append(f.ovsName()).append(' ');
                }
            }
        }
    }

    private void appendMatchAndActions(StringBuilder sb, FlowRule rule) {
        String match = formatMatch(rule.match(), rule.priority(), needsOpenFlow13(rule.actions()));
        sb.append(match);
        if (!match.isEmpty()) {
            sb.append(' ');
        }
        sb.append("actions=").append(formatActions(rule.actions(), rule.match()));
    }

    /** The actions as printed after {@code actions=}; the match decides VLAN pushes and port field names. */
    public String formatActions(ActionList actions, Match match) {
        return actionFormatter.format(actions, match);
    }

    /** Open vSwitch's {@code match_format}: {@code priority} first unless 32768, then the match fields. */
    public String formatMatch(Match m, int priority) {
        return formatMatch(m, priority, false);
    }

    /**
     * The match as printed, in the OpenFlow 1.3 dialect when {@code openFlow13} (which only changes how
     * "no VLAN header" prints: {@code vlan_tci=0x0000/0x1fff}).
     */
    public String formatMatch(Match m, int priority, boolean openFlow13) {
        StringBuilder sb = new StringBuilder();
        if (priority != FlowRule.DEFAULT_PRIORITY) {
            sb.append("priority=").append(priority).append(',');
        }
        long dlType = m.value(MatchField.DL_TYPE);
        boolean typeMatched = !m.isWildcarded(MatchField.DL_TYPE);
        boolean protoMatched = !m.isWildcarded(MatchField.NW_PROTO);
        long proto = m.value(MatchField.NW_PROTO);
        boolean skipType = false;
        boolean skipProto = false;
        if (typeMatched) {
            String shorthand = shorthand(dlType, protoMatched ? proto : -1);
            if (shorthand != null) {
                skipType = true;
                skipProto = protoMatched && !shorthand.equals("ip") && !shorthand.equals("ipv6")
                        && (dlType == Prerequisite.ETH_IPV4 || dlType == Prerequisite.ETH_IPV6);
                sb.append(shorthand).append(',');
            }
        }
        if (!m.isWildcarded(MatchField.IN_PORT)) {
            sb.append("in_port=").append(ports.format((int) m.value(MatchField.IN_PORT))).append(',');
        }
        appendVlan(sb, m, openFlow13);
        appendMac(sb, "dl_src", m, MatchField.DL_SRC);
        appendMac(sb, "dl_dst", m, MatchField.DL_DST);
        if (!skipType && typeMatched) {
            sb.append("dl_type=0x").append(hex4(dlType)).append(',');
        }
        boolean ipv6 = dlType == Prerequisite.ETH_IPV6;
        boolean arp = dlType == Prerequisite.ETH_ARP || dlType == Prerequisite.ETH_RARP;
        if (ipv6) {
            appendIpv6(sb, "ipv6_src", m, MatchField.IPV6_SRC);
            appendIpv6(sb, "ipv6_dst", m, MatchField.IPV6_DST);
            if (!m.isWildcarded(MatchField.IPV6_LABEL)) {
                sb.append("ipv6_label=0x").append(String.format("%05x", m.value(MatchField.IPV6_LABEL)));
                if (!m.isExact(MatchField.IPV6_LABEL)) {
                    sb.append("/0x").append(String.format("%05x", m.mask(MatchField.IPV6_LABEL)));
                }
                sb.append(',');
            }
        } else {
            appendIpv4(sb, arp ? "arp_spa" : "nw_src", m, MatchField.NW_SRC);
            appendIpv4(sb, arp ? "arp_tpa" : "nw_dst", m, MatchField.NW_DST);
        }
        if (!skipProto && protoMatched) {
            sb.append(arp ? "arp_op=" : "nw_proto=").append(proto).append(',');
        }
        if (arp) {
            appendMac(sb, "arp_sha", m, MatchField.ARP_SHA);
            appendMac(sb, "arp_tha", m, MatchField.ARP_THA);
        }
        appendIpMisc(sb, m);
        appendTransport(sb, m, dlType, proto);
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) == ',') {
            sb.setLength(sb.length() - 1);
        }
        return sb.toString();
    }

    private static String shorthand(long dlType, long proto) {
        if (dlType == Prerequisite.ETH_IPV4) {
            switch ((int) proto) {
                case Prerequisite.PROTO_ICMP:
                    return "icmp";
                case Prerequisite.PROTO_TCP:
                    return "tcp";
                case Prerequisite.PROTO_UDP:
                    return "udp";
                case Prerequisite.PROTO_SCTP:
                    return "sctp";
                default:
                    return "ip";
            }
        }
        if (dlType == Prerequisite.ETH_IPV6) {
            switch ((int) proto) {
                case Prerequisite.PROTO_ICMPV6:
                    return "icmp6";
                case Prerequisite.PROTO_TCP:
                    return "tcp6";
                case Prerequisite.PROTO_UDP:
                    return "udp6";
                case Prerequisite.PROTO_SCTP:
                    return "sctp6";
                default:
                    return "ipv6";
            }
        }
        if (dlType == Prerequisite.ETH_ARP) {
            return "arp";
        }
        if (dlType == Prerequisite.ETH_RARP) {
            return "rarp";
        }
        if (dlType == 0x8847) {
            return "mpls";
        }
        if (dlType == 0x8848) {
            return "mplsm";
        }
        return null;
    }

    private static void appendVlan(StringBuilder sb, Match m, boolean openFlow13) {
        long mask = m.mask(MatchField.VLAN_TCI);
        if (mask == 0) {
            return;
        }
        long tci = m.value(MatchField.VLAN_TCI);
        long vidMask = mask & 0x0fff;
        long pcpMask = mask & 0xe000;
        boolean cfi = (mask & 0x1000) != 0;
        if (cfi && (tci & 0x1000) != 0 && (vidMask == 0 || vidMask == 0x0fff) && (pcpMask == 0 || pcpMask == 0xe000)
                && (vidMask != 0 || pcpMask != 0)) {
            if (vidMask != 0) {
                sb.append("dl_vlan=").append(tci & 0x0fff).append(',');
            }
            if (pcpMask != 0) {
                sb.append("dl_vlan_pcp=").append(tci >> 13).append(',');
            }
        } else if (mask == 0xffff && !(openFlow13 && tci == 0)) {
            sb.append("vlan_tci=0x").append(hex4(tci)).append(',');
        } else {
            long shownMask = openFlow13 && mask == 0xffff ? 0x1fff : mask;
            sb.append("vlan_tci=0x").append(hex4(tci & shownMask)).append("/0x").append(hex4(shownMask)).append(',');
        }
    }

    private static void appendMac(StringBuilder sb, String name, Match m, MatchField f) {
        long mask = m.mask(f);
        if (mask == 0) {
            return;
        }
        sb.append(name).append('=').append(Values.formatMac(m.value(f)));
        if (mask != 0xffffffffffffL) {
            sb.append('/').append(Values.formatMac(mask));
        }
        sb.append(',');
    }

    private static void appendIpv4(StringBuilder sb, String name, Match m, MatchField f) {
        long mask = m.mask(f);
        if (mask == 0) {
            return;
        }
        sb.append(name).append('=').append(Values.formatIpv4(m.value(f)));
        if (mask != 0xffffffffL) {
            int len = Values.prefixLength32(mask);
            sb.append('/').append(len >= 0 ? Integer.toString(len) : Values.formatIpv4(mask));
        }
        sb.append(',');
    }

    private static void appendIpv6(StringBuilder sb, String name, Match m, MatchField f) {
        long mh = m.maskHigh(f);
        long ml = m.maskLow(f);
        if (mh == 0 && ml == 0) {
            return;
        }
        sb.append(name).append('=').append(Values.formatIpv6(m.valueHigh(f), m.valueLow(f)));
        if (mh != -1L || ml != -1L) {
            int len = Values.prefixLength128(mh, ml);
            sb.append('/').append(len >= 0 ? Integer.toString(len) : Values.formatIpv6(mh, ml));
        }
        sb.append(',');
    }

    private static void appendIpMisc(StringBuilder sb, Match m) {
        if (m.mask(MatchField.NW_TOS) != 0) {
            sb.append("nw_tos=").append(m.value(MatchField.NW_TOS)).append(',');
        }
        if (m.mask(MatchField.NW_ECN) != 0) {
            sb.append("nw_ecn=").append(m.value(MatchField.NW_ECN)).append(',');
        }
        if (!m.isWildcarded(MatchField.NW_TTL)) {
            sb.append("nw_ttl=").append(m.value(MatchField.NW_TTL)).append(',');
        }
        long fragMask = m.mask(MatchField.NW_FRAG);
        long frag = m.value(MatchField.NW_FRAG);
        boolean any = (frag & FlowKey.FRAG_ANY) != 0;
        boolean later = (frag & FlowKey.FRAG_LATER) != 0;
        if (fragMask == (FlowKey.FRAG_ANY | FlowKey.FRAG_LATER)) {
            sb.append("nw_frag=").append(any ? (later ? "later" : "first") : (later ? "<error>" : "no")).append(',');
        } else if (fragMask == FlowKey.FRAG_ANY) {
            sb.append("nw_frag=").append(any ? "yes" : "no").append(',');
        } else if (fragMask == FlowKey.FRAG_LATER) {
            sb.append("nw_frag=").append(later ? "later" : "not_later").append(',');
        }
    }

    private static void appendTransport(StringBuilder sb, Match m, long dlType, long proto) {
        boolean ip4 = dlType == Prerequisite.ETH_IPV4;
        boolean ip6 = dlType == Prerequisite.ETH_IPV6;
        if (ip4 && proto == Prerequisite.PROTO_ICMP || ip6 && proto == Prerequisite.PROTO_ICMPV6) {
            appendU16(sb, "icmp_type", m, MatchField.ICMP_TYPE);
            appendU16(sb, "icmp_code", m, MatchField.ICMP_CODE);
            if (ip6) {
                appendIpv6(sb, "nd_target", m, MatchField.ND_TARGET);
                appendMac(sb, "nd_sll", m, MatchField.ARP_SHA);
                appendMac(sb, "nd_tll", m, MatchField.ARP_THA);
            }
        } else {
            appendU16(sb, "tp_src", m, MatchField.TP_SRC);
            appendU16(sb, "tp_dst", m, MatchField.TP_DST);
        }
        long flagsMask = m.mask(MatchField.TCP_FLAGS);
        if ((ip4 || ip6) && proto == Prerequisite.PROTO_TCP && flagsMask != 0) {
            sb.append("tcp_flags=").append(formatTcpFlags(m.value(MatchField.TCP_FLAGS), flagsMask)).append(',');
        }
    }

    private static void appendU16(StringBuilder sb, String name, Match m, MatchField f) {
        long mask = m.mask(f);
        if (mask == 0) {
            return;
        }
        sb.append(name).append('=');
        if (mask == f.valueMask()) {
            sb.append(m.value(f));
        } else {
            sb.append("0x").append(Long.toHexString(m.value(f))).append("/0x").append(Long.toHexString(mask));
        }
        sb.append(',');
    }

    /** Open vSwitch's {@code format_flags_masked} for TCP flags. */
    static String formatTcpFlags(long value, long mask) {
        StringBuilder sb = new StringBuilder();
        if (mask == 0xfff) {
            if (value == 0) {
                return "0";
            }
            for (int b = 0; b < 12; b++) {
                if ((value & (1L << b)) != 0) {
                    if (sb.length() > 0) {
                        sb.append('|');
                    }
                    sb.append(b < MatchParser.TCP_FLAG_NAMES.length ? MatchParser.TCP_FLAG_NAMES[b]
                            : "[" + Long.toHexString(1L << b) + "]");
                }
            }
            return sb.toString();
        }
        for (int b = 0; b < 12; b++) {
            long bit = 1L << b;
            if ((mask & bit) != 0) {
                sb.append((value & bit) != 0 ? '+' : '-');
                sb.append(b < MatchParser.TCP_FLAG_NAMES.length ? MatchParser.TCP_FLAG_NAMES[b]
                        : "[" + Long.toHexString(bit) + "]");
            }
        }
        return sb.toString();
    }

    private static String hex4(long v) {
        return String.format("%04x", v);
    }
}

package io.jvswitch.flowtable.text;

import io.jvswitch.flowtable.match.MatchField;

import java.util.HashMap;
import java.util.Map;

/**
 * The fields {@code set_field:VALUE->FIELD} may write, by their OpenFlow 1.2+ names, with the names
 * printed back in both forms: the OXM name used by {@code set_field} and, for fields OpenFlow 1.0 cannot
 * rewrite with a standard action, the NXM name Open vSwitch prints in a {@code load:} action.
 */
enum SetFieldTarget {
    ETH_SRC(MatchKeyword.DL_SRC, "eth_src", null),
    ETH_DST(MatchKeyword.DL_DST, "eth_dst", null),
    VLAN_VID(MatchKeyword.DL_VLAN, "vlan_vid", null),
    VLAN_PCP(MatchKeyword.DL_VLAN_PCP, "vlan_pcp", null),
    IP_SRC(MatchKeyword.NW_SRC, "ip_src", null),
    IP_DST(MatchKeyword.NW_DST, "ip_dst", null),
    IP_DSCP(MatchKeyword.IP_DSCP, "ip_dscp", null),
    NW_TOS(MatchKeyword.NW_TOS, "nw_tos", null),
    NW_ECN(MatchKeyword.NW_ECN, "nw_ecn", "NXM_NX_IP_ECN"),
    NW_TTL(MatchKeyword.NW_TTL, "nw_ttl", "NXM_NX_IP_TTL"),
    TCP_SRC(MatchKeyword.TCP_SRC, "tcp_src", null),
    TCP_DST(MatchKeyword.TCP_DST, "tcp_dst", null),
    UDP_SRC(MatchKeyword.UDP_SRC, "udp_src", null),
    UDP_DST(MatchKeyword.UDP_DST, "udp_dst", null),
    SCTP_SRC(MatchKeyword.SCTP_SRC, "sctp_src", null),
    SCTP_DST(MatchKeyword.SCTP_DST, "sctp_dst", null),
    TP_SRC(MatchKeyword.TP_SRC, "tp_src", null),
    TP_DST(MatchKeyword.TP_DST, "tp_dst", null),
    ICMP_TYPE(MatchKeyword.ICMP_TYPE, "icmp_type", "NXM_OF_ICMP_TYPE"),
    ICMP_CODE(MatchKeyword.ICMP_CODE, "icmp_code", "NXM_OF_ICMP_CODE"),
    ICMPV6_TYPE(MatchKeyword.ICMPV6_TYPE, "icmpv6_type", "NXM_NX_ICMPV6_TYPE"),
    ICMPV6_CODE(MatchKeyword.ICMPV6_CODE, "icmpv6_code", "NXM_NX_ICMPV6_CODE"),
    ARP_OP(MatchKeyword.ARP_OP, "arp_op", "NXM_OF_ARP_OP"),
    ARP_SPA(MatchKeyword.ARP_SPA, "arp_spa", "NXM_OF_ARP_SPA"),
    ARP_TPA(MatchKeyword.ARP_TPA, "arp_tpa", "NXM_OF_ARP_TPA"),
    ARP_SHA(MatchKeyword.ARP_SHA, "arp_sha", "NXM_NX_ARP_SHA"),
    ARP_THA(MatchKeyword.ARP_THA, "arp_tha", "NXM_NX_ARP_THA"),
    IPV6_SRC(MatchKeyword.IPV6_SRC, "ipv6_src", null),
    IPV6_DST(MatchKeyword.IPV6_DST, "ipv6_dst", null),
    IPV6_LABEL(MatchKeyword.IPV6_LABEL, "ipv6_label", "NXM_NX_IPV6_LABEL"),
    ND_TARGET(MatchKeyword.ND_TARGET, "nd_target", null);

    private static final Map<String, SetFieldTarget> BY_NAME = new HashMap<>();
    private static final Map<String, SetFieldTarget> BY_NXM = new HashMap<>();
    private static final Map<MatchField, SetFieldTarget> GENERIC_BY_FIELD = new HashMap<>();

    static {
        for (SetFieldTarget t : values()) {
            BY_NAME.put(t.oxmName, t);
            if (t.nxmName != null) {
                BY_NXM.put(t.nxmName, t);
            }
        }
        BY_NAME.put("dl_src", ETH_SRC);
        BY_NAME.put("dl_dst", ETH_DST);
        BY_NAME.put("dl_vlan_pcp", VLAN_PCP);
        BY_NAME.put("nw_src", IP_SRC);
        BY_NAME.put("nw_dst", IP_DST);
        BY_NAME.put("ip_ecn", NW_ECN);
        BY_NAME.put("ip_ttl", NW_TTL);
        for (SetFieldTarget t : new SetFieldTarget[] {NW_ECN, NW_TTL, ICMP_TYPE, ICMP_CODE, ICMPV6_TYPE,
            ICMPV6_CODE, ARP_OP, ARP_SPA, ARP_TPA, ARP_SHA, ARP_THA, IPV6_SRC, IPV6_DST, IPV6_LABEL, ND_TARGET,
            VLAN_VID, VLAN_PCP}) {
            GENERIC_BY_FIELD.put(t.keyword.field, t);
        }
    }

    final MatchKeyword keyword;
    final String oxmName;
    /** The NXM register name for {@code load:} in OpenFlow 1.0 output, or null when printed otherwise. */
    final String nxmName;

    SetFieldTarget(MatchKeyword keyword, String oxmName, String nxmName) {
        this.keyword = keyword;
        this.oxmName = oxmName;
        this.nxmName = nxmName;
    }

    /** The target with this set_field name, or null. */
    static SetFieldTarget byName(String name) {
        return BY_NAME.get(name);
    }

    /** The target with this NXM name ({@code NXM_NX_IP_TTL}), or null. */
    static SetFieldTarget byNxmName(String name) {
        return BY_NXM.get(name);
    }

    /** The target that a generic {@code SetField} action of {@code field} stands for, or null. */
    static SetFieldTarget forGenericField(MatchField field) {
        return GENERIC_BY_FIELD.get(field);
    }
}

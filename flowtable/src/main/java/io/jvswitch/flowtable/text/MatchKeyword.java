package io.jvswitch.flowtable.text;

import io.jvswitch.flowtable.match.MatchField;

import java.util.HashMap;
import java.util.Map;

/**
 * One match keyword of the flow syntax (canonical names and their aliases): which {@link MatchField} it
 * sets, how its value is written, the name Open vSwitch uses for it in errors, and what it requires.
 */
enum MatchKeyword {
    IN_PORT(MatchField.IN_PORT, Kind.PORT, "in_port", "in_port"),
    DL_SRC(MatchField.DL_SRC, Kind.MAC, "eth_src", "dl_src", "eth_src"),
    DL_DST(MatchField.DL_DST, Kind.MAC, "eth_dst", "dl_dst", "eth_dst"),
    DL_TYPE(MatchField.DL_TYPE, Kind.INT, "eth_type", "dl_type", "eth_type"),
    DL_VLAN(MatchField.DL_VLAN, Kind.DL_VLAN, "dl_vlan", "dl_vlan"),
    DL_VLAN_PCP(MatchField.DL_VLAN_PCP, Kind.SMALL, "dl_vlan_pcp", "dl_vlan_pcp"),
    VLAN_TCI(MatchField.VLAN_TCI, Kind.INT, "vlan_tci", "vlan_tci"),
    VLAN_VID(MatchField.VLAN_TCI, Kind.VLAN_VID, "vlan_vid", "vlan_vid"),
    VLAN_PCP(MatchField.DL_VLAN_PCP, Kind.SMALL, "vlan_pcp", "vlan_pcp"),
    NW_SRC(MatchField.NW_SRC, Kind.IPV4, "ip_src", "nw_src", "ip_src"),
    NW_DST(MatchField.NW_DST, Kind.IPV4, "ip_dst", "nw_dst", "ip_dst"),
    NW_PROTO(MatchField.NW_PROTO, Kind.INT, "nw_proto", "nw_proto", "ip_proto"),
    NW_TOS(MatchField.NW_TOS, Kind.INT, "nw_tos", "nw_tos"),
    IP_DSCP(MatchField.IP_DSCP, Kind.SMALL, "ip_dscp", "ip_dscp"),
    NW_ECN(MatchField.NW_ECN, Kind.SMALL, "nw_ecn", "nw_ecn", "ip_ecn"),
    NW_TTL(MatchField.NW_TTL, Kind.INT, "nw_ttl", "nw_ttl"),
    NW_FRAG(MatchField.NW_FRAG, Kind.FRAG, "ip_frag", "nw_frag", "ip_frag"),
    TP_SRC(MatchField.TP_SRC, Kind.INT, "tcp_src", "tp_src"),
    TP_DST(MatchField.TP_DST, Kind.INT, "tcp_dst", "tp_dst"),
    TCP_SRC(MatchField.TP_SRC, Kind.INT, "tcp_src", "tcp_src"),
    TCP_DST(MatchField.TP_DST, Kind.INT, "tcp_dst", "tcp_dst"),
    UDP_SRC(MatchField.TP_SRC, Kind.INT, "udp_src", "udp_src"),
    UDP_DST(MatchField.TP_DST, Kind.INT, "udp_dst", "udp_dst"),
    SCTP_SRC(MatchField.TP_SRC, Kind.INT, "sctp_src", "sctp_src"),
    SCTP_DST(MatchField.TP_DST, Kind.INT, "sctp_dst", "sctp_dst"),
    TCP_FLAGS(MatchField.TCP_FLAGS, Kind.TCP_FLAGS, "tcp_flags", "tcp_flags"),
    ICMP_TYPE(MatchField.ICMP_TYPE, Kind.INT, "icmp_type", "icmp_type"),
    ICMP_CODE(MatchField.ICMP_CODE, Kind.INT, "icmp_code", "icmp_code"),
    ICMPV6_TYPE(MatchField.ICMPV6_TYPE, Kind.INT, "icmpv6_type", "icmpv6_type"),
    ICMPV6_CODE(MatchField.ICMPV6_CODE, Kind.INT, "icmpv6_code", "icmpv6_code"),
    ARP_OP(MatchField.ARP_OP, Kind.SMALL, "arp_op", "arp_op"),
    ARP_SPA(MatchField.ARP_SPA, Kind.IPV4, "arp_spa", "arp_spa"),
    ARP_TPA(MatchField.ARP_TPA, Kind.IPV4, "arp_tpa", "arp_tpa"),
    ARP_SHA(MatchField.ARP_SHA, Kind.MAC, "arp_sha", "arp_sha"),
    ARP_THA(MatchField.ARP_THA, Kind.MAC, "arp_tha", "arp_tha"),
    IPV6_SRC(MatchField.IPV6_SRC, Kind.IPV6, "ipv6_src", "ipv6_src"),
    IPV6_DST(MatchField.IPV6_DST, Kind.IPV6, "ipv6_dst", "ipv6_dst"),
    IPV6_LABEL(MatchField.IPV6_LABEL, Kind.SMALL, "ipv6_label", "ipv6_label"),
    ND_TARGET(MatchField.ND_TARGET, Kind.IPV6, "nd_target", "nd_target"),
    ND_SLL(MatchField.ND_SLL, Kind.MAC, "nd_sll", "nd_sll"),
    ND_TLL(MatchField.ND_TLL, Kind.MAC, "nd_tll", "nd_tll");

    /** How a value is written. */
    enum Kind {
        /** Decimal or hex integer, {@code /mask} where the field is maskable; OVS's byte-size range error. */
        INT,
        /** Integer narrower than its byte (VLAN PCP, DSCP, ECN, label, arp_op): SPEC's range error. */
        SMALL,
        /** dl_vlan: 0..4095 or 0xffff. */
        DL_VLAN,
        /** OpenFlow 1.2 vlan_vid: 13 bits including the present bit 0x1000. */
        VLAN_VID,
        /** Port number, reserved name or port name. */
        PORT,
        /** MAC address with optional mask. */
        MAC,
        /** IPv4 address, CIDR or dotted mask. */
        IPV4,
        /** IPv6 address, prefix length or mask. */
        IPV6,
        /** no, yes, first, later, not_later. */
        FRAG,
        /** Numeric or {@code +syn-ack} / {@code syn|ack}. */
        TCP_FLAGS
    }

    private static final Map<String, MatchKeyword> BY_NAME = new HashMap<>();

    static {
        for (MatchKeyword k : values()) {
            for (String n : k.names) {
                BY_NAME.put(n, k);
            }
        }
    }

    final MatchField field;
    final Kind kind;
    /** The name Open vSwitch uses for the field in its errors ({@code eth_type} for dl_type). */
    final String ovsErrorName;
    private final String[] names;

    MatchKeyword(MatchField field, Kind kind, String ovsErrorName, String... names) {
        this.field = field;
        this.kind = kind;
        this.ovsErrorName = ovsErrorName;
        this.names = names;
    }

    /** The keyword with this name, or {@code null}. */
    static MatchKeyword byName(String name) {
        return BY_NAME.get(name);
    }

    /** What the match must pin down before this keyword may be used. */
    Requirement requirement() {
        switch (this) {
            case TCP_SRC:
            case TCP_DST:
                return Requirement.TCP;
            case UDP_SRC:
            case UDP_DST:
                return Requirement.UDP;
            case SCTP_SRC:
            case SCTP_DST:
                return Requirement.SCTP;
            default:
                return field.prerequisite().isNone() ? null : Requirement.of(field.prerequisite());
        }
    }
}

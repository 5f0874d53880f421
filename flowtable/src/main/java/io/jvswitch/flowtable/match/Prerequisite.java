package io.jvswitch.flowtable.match;

/**
 * What a match must already pin down before a field may be matched: an upper-layer field needs its
 * lower layer ({@code nw_src} needs {@code ip} or {@code arp}, {@code tp_dst} needs {@code tcp},
 * {@code udp} or {@code sctp}, ...).
 *
 * <p>A prerequisite is data, not code: a set of allowed {@code dl_type}s, optionally narrowed to allowed
 * ({@code dl_type}, {@code nw_proto}) pairs, optionally narrowed to allowed ICMP types (for neighbour
 * discovery, which also needs {@code icmp_code} 0). It is satisfied when the match has {@code dl_type}
 * (and {@code nw_proto}, and {@code icmp_type}) <em>exact</em> with one of the allowed values.
 *
 * <p>{@link #description()} is the human phrase used in errors, so the text layer can print
 * {@code field + " requires " + description()}, e.g.
 * {@code nw_src requires ip or arp (dl_type=0x0800/0x0806)}.
 */
public final class Prerequisite {
    /** Ethernet type of IPv4. */
    public static final int ETH_IPV4 = 0x0800;
    /** Ethernet type of ARP. */
    public static final int ETH_ARP = 0x0806;
    /** Ethernet type of RARP. */
    public static final int ETH_RARP = 0x8035;
    /** Ethernet type of IPv6. */
    public static final int ETH_IPV6 = 0x86dd;
    /** IP protocol number of ICMP. */
    public static final int PROTO_ICMP = 1;
    /** IP protocol number of TCP. */
    public static final int PROTO_TCP = 6;
    /** IP protocol number of UDP. */
    public static final int PROTO_UDP = 17;
    /** IP protocol number of SCTP. */
    public static final int PROTO_SCTP = 132;
    /** IP protocol number of ICMPv6. */
    public static final int PROTO_ICMPV6 = 58;
    /** ICMPv6 type of a neighbour solicitation. */
    public static final int ND_SOLICIT = 135;
    /** ICMPv6 type of a neighbour advertisement. */
    public static final int ND_ADVERT = 136;

    /** No prerequisite: any Ethernet frame. */
    public static final Prerequisite NONE = new Prerequisite("nothing", null, null, null);
    /** IPv4 only. */
    public static final Prerequisite IPV4 = new Prerequisite("ip (dl_type=0x0800)",
            new int[] {ETH_IPV4}, null, null);
    /** IPv4, or ARP/RARP (whose addresses share the storage of nw_src/nw_dst, as in OpenFlow 1.0). */
    public static final Prerequisite IPV4_OR_ARP = new Prerequisite("ip or arp (dl_type=0x0800/0x0806)",
            new int[] {ETH_IPV4, ETH_ARP, ETH_RARP}, null, null);
    /** IPv4 or IPv6. */
    public static final Prerequisite IP_ANY = new Prerequisite("ip or ipv6 (dl_type=0x0800/0x86dd)",
            new int[] {ETH_IPV4, ETH_IPV6}, null, null);
    /** IPv4, IPv6, or ARP/RARP (where nw_proto is the ARP opcode). */
    public static final Prerequisite IP_ANY_OR_ARP = new Prerequisite(
            "ip, ipv6 or arp (dl_type=0x0800/0x86dd/0x0806)",
            new int[] {ETH_IPV4, ETH_IPV6, ETH_ARP, ETH_RARP}, null, null);
    /** ARP or RARP. */
    public static final Prerequisite ARP = new Prerequisite("arp or rarp (dl_type=0x0806/0x8035)",
            new int[] {ETH_ARP, ETH_RARP}, null, null);
    /** IPv6 only. */
    public static final Prerequisite IPV6 = new Prerequisite("ipv6 (dl_type=0x86dd)",
            new int[] {ETH_IPV6}, null, null);
    /** TCP, UDP or SCTP over IPv4 or IPv6. */
    public static final Prerequisite TRANSPORT = new Prerequisite(
            "tcp, udp or sctp (nw_proto=6/17/132 with ip or ipv6)",
            new int[] {ETH_IPV4, ETH_IPV6},
            new int[] {PROTO_TCP, PROTO_UDP, PROTO_SCTP, PROTO_TCP, PROTO_UDP, PROTO_SCTP},
            null, new int[] {ETH_IPV4, ETH_IPV4, ETH_IPV4, ETH_IPV6, ETH_IPV6, ETH_IPV6});
    /** TCP over IPv4 or IPv6. */
    public static final Prerequisite TCP = new Prerequisite("tcp or tcp6 (nw_proto=6 with ip or ipv6)",
            new int[] {ETH_IPV4, ETH_IPV6}, new int[] {PROTO_TCP, PROTO_TCP}, null,
            new int[] {ETH_IPV4, ETH_IPV6});
    /** ICMP over IPv4, or ICMPv6 over IPv6. */
    public static final Prerequisite ICMP_ANY = new Prerequisite(
            "icmp or icmp6 (ip with nw_proto=1 or ipv6 with nw_proto=58)",
            new int[] {ETH_IPV4, ETH_IPV6}, new int[] {PROTO_ICMP, PROTO_ICMPV6}, null,
            new int[] {ETH_IPV4, ETH_IPV6});
    /** ICMPv6 only. */
    public static final Prerequisite ICMPV6 = new Prerequisite("icmp6 (ipv6 with nw_proto=58)",
            new int[] {ETH_IPV6}, new int[] {PROTO_ICMPV6}, null, new int[] {ETH_IPV6});
    /** Neighbour discovery: ICMPv6 type 135 or 136, code 0. */
    public static final Prerequisite ND = new Prerequisite("icmp6 with icmp_type=135 or 136 and icmp_code=0",
            new int[] {ETH_IPV6}, new int[] {PROTO_ICMPV6}, new int[] {ND_SOLICIT, ND_ADVERT},
            new int[] {ETH_IPV6});
    /** Neighbour solicitation: ICMPv6 type 135, code 0. */
    public static final Prerequisite ND_SOLICITATION = new Prerequisite("icmp6 with icmp_type=135 and icmp_code=0",
            new int[] {ETH_IPV6}, new int[] {PROTO_ICMPV6}, new int[] {ND_SOLICIT}, new int[] {ETH_IPV6});
    /** Neighbour advertisement: ICMPv6 type 136, code 0. */
    public static final Prerequisite ND_ADVERTISEMENT = new Prerequisite("icmp6 with icmp_type=136 and icmp_code=0",
            new int[] {ETH_IPV6}, new int[] {PROTO_ICMPV6}, new int[] {ND_ADVERT}, new int[] {ETH_IPV6});

    private final String description;
    private final int[] dlTypes;
    private final int[] protos;
    private final int[] protoDlTypes;
    private final int[] icmpTypes;

    private Prerequisite(String description, int[] dlTypes, int[] protos, int[] icmpTypes) {
        this(description, dlTypes, protos, icmpTypes, null);
    }

    private Prerequisite(String description, int[] dlTypes, int[] protos, int[] icmpTypes, int[] protoDlTypes) {
        this.description = description;
        this.dlTypes = dlTypes;
        this.protos = protos;
        this.icmpTypes = icmpTypes;
        this.protoDlTypes = protoDlTypes;
    }

    /** The phrase naming what is needed, e.g. {@code ip or arp (dl_type=0x0800/0x0806)}. */
    public String description() {
        return description;
    }

    /** True when nothing is required. */
    public boolean isNone() {
        return dlTypes == null;
    }

    /** True when {@code match} pins down the lower layers this prerequisite asks for. */
    public boolean isSatisfiedBy(Match match) {
        if (dlTypes == null) {
            return true;
        }
        if (!match.isExact(MatchField.DL_TYPE)) {
            return false;
        }
        int dlType = (int) match.value(MatchField.DL_TYPE);
        if (!contains(dlTypes, dlType)) {
            return false;
        }
        if (protos == null) {
            return true;
        }
        if (!match.isExact(MatchField.NW_PROTO)) {
            return false;
        }
        int proto = (int) match.value(MatchField.NW_PROTO);
        boolean pairFound = false;
        for (int i = 0; i < protos.length; i++) {
            if (protos[i] == proto && protoDlTypes[i] == dlType) {
                pairFound = true;
                break;
            }
        }
        if (!pairFound) {
            return false;
        }
        if (icmpTypes == null) {
            return true;
        }
        return match.isExact(MatchField.ICMPV6_TYPE)
                && contains(icmpTypes, (int) match.value(MatchField.ICMPV6_TYPE))
                && match.value(MatchField.ICMPV6_CODE) == 0;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return description;
    }
}

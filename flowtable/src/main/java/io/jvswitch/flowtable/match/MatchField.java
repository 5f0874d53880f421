package io.jvswitch.flowtable.match;

import java.util.HashMap;
import java.util.Map;

/**
 * Every field a flow may match on (SPEC §4), with its width, where it lives in the {@link FlowKey}
 * words, whether it takes a mask, and its {@link Prerequisite}.
 *
 * <h2>Storage and aliases</h2>
 * Like Open vSwitch, several fields share storage because they can never be meaningful at the same time;
 * the {@code dl_type} (and {@code nw_proto}) prerequisites tell them apart:
 * <ul>
 *   <li>{@code arp_spa}/{@code arp_tpa} live in {@code nw_src}/{@code nw_dst}; {@code arp_op} lives in
 *       {@code nw_proto} (8 bits, as in Open vSwitch).</li>
 *   <li>{@code icmp_type}/{@code icmpv6_type} live in the low 8 bits of {@code tp_src},
 *       {@code icmp_code}/{@code icmpv6_code} in the low 8 bits of {@code tp_dst}.</li>
 *   <li>{@code nd_sll} lives in {@code arp_sha}, {@code nd_tll} in {@code arp_tha}.</li>
 *   <li>{@code nw_tos} (the TOS byte with the two ECN bits ignored, 0..252), {@code ip_dscp} (0..63) and
 *       {@code nw_ecn} (0..3) are three views of one TOS byte.</li>
 *   <li>{@code dl_vlan} and {@code dl_vlan_pcp} are views of {@code vlan_tci}. {@code vlan_tci} follows
 *       Open vSwitch: bit 0x1000 (CFI in the wire format) means "an 802.1Q header is present", so
 *       {@code vlan_tci=0} is "no VLAN", {@code dl_vlan=10} is {@code vlan_tci=0x100a/0x1fff} and
 *       {@code dl_vlan_pcp=3} is {@code vlan_tci=0x7000/0xf000} with the present bit, i.e.
 *       {@code 0x7000|0x1000/0xf000}.</li>
 * </ul>
 * {@link #storage()} names the field that owns the bits; {@link Match#isWildcarded(MatchField)} and the
 * masks are per storage slice.
 *
 * <h2>Layout</h2>
 * A field of at most 64 bits occupies bits {@code [shift, shift + width)} of word {@link #word()}; its value
 * is {@code (word >>> shift) & valueMask()}. The 128-bit IPv6 fields occupy two whole words, high half
 * first. See {@link FlowKey} for the word map.
 */
public enum MatchField {
    /** OpenFlow ingress port (32 bits stored; OpenFlow 1.0 numbers are 16 bits). */
    IN_PORT("in_port", 32, FlowKey.W_PORT_TYPE_TCI, 32, 0xffffffffL, false, Prerequisite.NONE, null),
    /** Ethernet type after VLAN tags; 0x05ff for 802.3 frames without an Ethernet II type. */
    DL_TYPE("dl_type", 16, FlowKey.W_PORT_TYPE_TCI, 16, 0xffffL, false, Prerequisite.NONE, null),
    /** 802.1Q tag control information with 0x1000 meaning "tag present" (see class comment). */
    VLAN_TCI("vlan_tci", 16, FlowKey.W_PORT_TYPE_TCI, 0, 0xffffL, true, Prerequisite.NONE, null),
    /** Ethernet source address (48 bits, bitwise maskable). */
    DL_SRC("dl_src", 48, FlowKey.W_DL_SRC_TP_SRC, 16, 0xffffffffffffL, true, Prerequisite.NONE, null),
    /** Ethernet destination address (48 bits, bitwise maskable). */
    DL_DST("dl_dst", 48, FlowKey.W_DL_DST_TP_DST, 16, 0xffffffffffffL, true, Prerequisite.NONE, null),
    /** IPv4 source address (also ARP sender protocol address, see {@link #ARP_SPA}). */
    NW_SRC("nw_src", 32, FlowKey.W_NW_ADDRS, 32, 0xffffffffL, true, Prerequisite.IPV4_OR_ARP, null),
    /** IPv4 destination address (also ARP target protocol address, see {@link #ARP_TPA}). */
    NW_DST("nw_dst", 32, FlowKey.W_NW_ADDRS, 0, 0xffffffffL, true, Prerequisite.IPV4_OR_ARP, null),
    /** IP protocol (also the low 8 bits of the ARP opcode, see {@link #ARP_OP}). */
    NW_PROTO("nw_proto", 8, FlowKey.W_NW_MISC, 56, 0xffL, false, Prerequisite.IP_ANY_OR_ARP, null),
    /** The IP TOS / traffic class byte with the ECN bits ignored: values 0..252, multiples of 4. */
    NW_TOS("nw_tos", 8, FlowKey.W_NW_MISC, 48, 0xfcL, false, Prerequisite.IP_ANY, null),
    /** IP time to live / hop limit. */
    NW_TTL("nw_ttl", 8, FlowKey.W_NW_MISC, 40, 0xffL, false, Prerequisite.IP_ANY, null),
    /** Fragment bits: {@link FlowKey#FRAG_ANY} (1) = is a fragment, {@link FlowKey#FRAG_LATER} (2) = not first. */
    NW_FRAG("nw_frag", 2, FlowKey.W_NW_MISC, 32, 0x3L, true, Prerequisite.IP_ANY, null),
    /** IPv6 flow label (20 bits). */
    IPV6_LABEL("ipv6_label", 20, FlowKey.W_NW_MISC, 0, 0xfffffL, true, Prerequisite.IPV6, null),
    /** Transport source port (TCP, UDP, SCTP); ICMP type shares it. */
    TP_SRC("tp_src", 16, FlowKey.W_DL_SRC_TP_SRC, 0, 0xffffL, true, Prerequisite.TRANSPORT, null),
    /** Transport destination port (TCP, UDP, SCTP); ICMP code shares it. */
    TP_DST("tp_dst", 16, FlowKey.W_DL_DST_TP_DST, 0, 0xffffL, true, Prerequisite.TRANSPORT, null),
    /** TCP flags (12 bits: NS, CWR, ECE, URG, ACK, PSH, RST, SYN, FIN and 3 reserved). */
    TCP_FLAGS("tcp_flags", 12, FlowKey.W_ARP_SHA_TCP_FLAGS, 0, 0xfffL, true, Prerequisite.TCP, null),
    /** ARP sender hardware address (also ND source link-layer address). */
    ARP_SHA("arp_sha", 48, FlowKey.W_ARP_SHA_TCP_FLAGS, 16, 0xffffffffffffL, true, Prerequisite.ARP, null),
    /** ARP target hardware address (also ND target link-layer address). */
    ARP_THA("arp_tha", 48, FlowKey.W_ARP_THA, 16, 0xffffffffffffL, true, Prerequisite.ARP, null),
    /** IPv6 source address (128 bits, two words). */
    IPV6_SRC("ipv6_src", 128, FlowKey.W_IPV6_SRC, 0, -1L, true, Prerequisite.IPV6, null),
    /** IPv6 destination address (128 bits, two words). */
    IPV6_DST("ipv6_dst", 128, FlowKey.W_IPV6_DST, 0, -1L, true, Prerequisite.IPV6, null),
    /** IPv6 neighbour discovery target address (128 bits, two words). */
    ND_TARGET("nd_target", 128, FlowKey.W_ND_TARGET, 0, -1L, true, Prerequisite.ND, null),

    /** VLAN id view of {@link #VLAN_TCI}; value 0..4095, or 0xffff for "no 802.1Q header". */
    DL_VLAN("dl_vlan", 12, FlowKey.W_PORT_TYPE_TCI, 0, 0xfffL, false, Prerequisite.NONE, VLAN_TCI),
    /** VLAN priority view of {@link #VLAN_TCI}; value 0..7 (implies a tag is present). */
    DL_VLAN_PCP("dl_vlan_pcp", 3, FlowKey.W_PORT_TYPE_TCI, 13, 0x7L, false, Prerequisite.NONE, VLAN_TCI),
    /** DSCP view (0..63) of the TOS byte. */
    IP_DSCP("ip_dscp", 6, FlowKey.W_NW_MISC, 50, 0x3fL, false, Prerequisite.IP_ANY, NW_TOS),
    /** ECN view (0..3) of the TOS byte. */
    NW_ECN("nw_ecn", 2, FlowKey.W_NW_MISC, 48, 0x3L, false, Prerequisite.IP_ANY, NW_TOS),
    /** ICMPv4 type, stored in the low 8 bits of {@link #TP_SRC}. */
    ICMP_TYPE("icmp_type", 8, FlowKey.W_DL_SRC_TP_SRC, 0, 0xffL, false, Prerequisite.ICMP_ANY, TP_SRC),
    /** ICMPv4 code, stored in the low 8 bits of {@link #TP_DST}. */
    ICMP_CODE("icmp_code", 8, FlowKey.W_DL_DST_TP_DST, 0, 0xffL, false, Prerequisite.ICMP_ANY, TP_DST),
    /** ICMPv6 type, stored in the low 8 bits of {@link #TP_SRC}. */
    ICMPV6_TYPE("icmpv6_type", 8, FlowKey.W_DL_SRC_TP_SRC, 0, 0xffL, false, Prerequisite.ICMPV6, TP_SRC),
    /** ICMPv6 code, stored in the low 8 bits of {@link #TP_DST}. */
    ICMPV6_CODE("icmpv6_code", 8, FlowKey.W_DL_DST_TP_DST, 0, 0xffL, false, Prerequisite.ICMPV6, TP_DST),
    /** ARP opcode, stored in {@link #NW_PROTO} (8 bits, as Open vSwitch does). */
    ARP_OP("arp_op", 8, FlowKey.W_NW_MISC, 56, 0xffL, false, Prerequisite.ARP, NW_PROTO),
    /** ARP sender protocol address, stored in {@link #NW_SRC}. */
    ARP_SPA("arp_spa", 32, FlowKey.W_NW_ADDRS, 32, 0xffffffffL, true, Prerequisite.ARP, NW_SRC),
    /** ARP target protocol address, stored in {@link #NW_DST}. */
    ARP_TPA("arp_tpa", 32, FlowKey.W_NW_ADDRS, 0, 0xffffffffL, true, Prerequisite.ARP, NW_DST),
    /** ND source link-layer address, stored in {@link #ARP_SHA}. */
    ND_SLL("nd_sll", 48, FlowKey.W_ARP_SHA_TCP_FLAGS, 16, 0xffffffffffffL, true, Prerequisite.ND_SOLICITATION,
            ARP_SHA),
    /** ND target link-layer address, stored in {@link #ARP_THA}. */
    ND_TLL("nd_tll", 48, FlowKey.W_ARP_THA, 16, 0xffffffffffffL, true, Prerequisite.ND_ADVERTISEMENT, ARP_THA);

    private static final Map<String, MatchField> BY_NAME = new HashMap<>();

    static {
        for (MatchField f : values()) {
            BY_NAME.put(f.ovsName, f);
        }
    }

    private final String ovsName;
    private final int bitWidth;
    private final int word;
    private final int shift;
    private final long valueMask;
    private final boolean maskable;
    private final Prerequisite prerequisite;
    private final MatchField storageOwner;

    MatchField(String ovsName, int bitWidth, int word, int shift, long valueMask, boolean maskable,
               Prerequisite prerequisite, MatchField storageOwner) {
        this.ovsName = ovsName;
        this.bitWidth = bitWidth;
        this.word = word;
        this.shift = shift;
        this.valueMask = valueMask;
        this.maskable = maskable;
        this.prerequisite = prerequisite;
        this.storageOwner = storageOwner;
    }

    /** The canonical ovs-ofctl name ({@code nw_src}, {@code dl_vlan}, ...). */
    public String ovsName() {
        return ovsName;
    }

    /** Width of the field's value in bits (the largest value is {@code 2^bitWidth - 1}). */
    public int bitWidth() {
        return bitWidth;
    }

    /** Index of the (first) {@link FlowKey} word holding the field. */
    public int word() {
        return word;
    }

    /** Bit position of the field's least significant bit inside {@link #word()} (0 for 128-bit fields). */
    public int shift() {
        return shift;
    }

    /**
     * The bits of the value that take part in matching, in value units (for {@code nw_tos} 0xfc: the
     * ECN bits are not part of it); -1 for 128-bit fields.
     */
    public long valueMask() {
        return valueMask;
    }

    /** True when the field accepts an arbitrary bitwise {@code /mask} in flow syntax. */
    public boolean isMaskable() {
        return maskable;
    }

    /** True for the two-word IPv6 address fields. */
    public boolean is128() {
        return bitWidth == 128;
    }

    /** What the match must already specify before this field may be matched. */
    public Prerequisite prerequisite() {
        return prerequisite;
    }

    /** The field that owns this field's storage: itself, or e.g. {@link #NW_SRC} for {@link #ARP_SPA}. */
    public MatchField storage() {
        return storageOwner == null ? this : storageOwner;
    }

    /** True when this field is a view of, or an alias for, another field's storage. */
    public boolean isAlias() {
        return storageOwner != null;
    }

    /** True for {@link #DL_VLAN} and {@link #DL_VLAN_PCP}, which also set the "tag present" bit. */
    public boolean isVlanView() {
        return this == DL_VLAN || this == DL_VLAN_PCP;
    }

    /** The bits of word {@link #word()} this field covers (for 128-bit fields all ones). */
    public long wordMask() {
        return valueMask << shift;
    }

    /** Largest value accepted by {@link Match.Builder#set(MatchField, long)} (0xffff for dl_vlan: "none"). */
    public long maxValue() {
        if (this == DL_VLAN) {
            return 0xffff;
        }
        if (bitWidth >= 64) {
            return -1L;
        }
        return (1L << bitWidth) - 1;
    }

    /** The field with this canonical ovs-ofctl name, or {@code null}; aliases like eth_src are the text layer's. */
    public static MatchField byName(String ovsName) {
        return BY_NAME.get(ovsName);
    }
}

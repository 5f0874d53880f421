package io.jvswitch.flowtable.match;

/**
 * The header fields of one packet, in a fixed layout of {@value #WORDS} {@code long} words, reused for
 * every packet.
 *
 * <h2>What</h2>
 * A mutable, allocation-free record filled by {@code FlowKeyExtractor} (or by tests and the text layer),
 * read by {@link Match#matches(FlowKey)} and the classifier. Words hold the matchable fields; a few plain
 * {@code int}s carry what the datapath needs besides matching (header offsets, the inner VLAN tag,
 * parse flags). Fields the frame does not have are zero.
 *
 * <h2>Word map (bit 63 on the left)</h2>
 * <pre>
 *  w0  | in_port (32)                      | dl_type (16)     | vlan_tci (16)   |
 *  w1  | dl_src (48)                                          | tp_src (16)     |
 *  w2  | dl_dst (48)                                          | tp_dst (16)     |
 *  w3  | nw_src / arp_spa (32)             | nw_dst / arp_tpa (32)              |
 *  w4  | nw_proto (8) | tos (8) | ttl (8) | frag (8)| ipv6_label (32, 20 used)  |
 *  w5  | arp_sha / nd_sll (48)                                | tcp_flags (16)  |
 *  w6  | arp_tha / nd_tll (48)                                | unused (16)     |
 *  w7,8   ipv6_src (high, low)
 *  w9,10  ipv6_dst (high, low)
 *  w11,12 nd_target (high, low)
 * </pre>
 * ICMP type/code live in tp_src/tp_dst, the ARP opcode in nw_proto (see {@link MatchField}).
 *
 * <h2>Threading</h2>
 * Not thread-safe: each datapath thread owns its keys.
 */
public final class FlowKey {
    /** Number of 64-bit words in a key (and in a {@link Match}'s value and mask). */
    public static final int WORDS = 13;
    /** Word of in_port, dl_type and vlan_tci. */
    public static final int W_PORT_TYPE_TCI = 0;
    /** Word of dl_src and tp_src. */
    public static final int W_DL_SRC_TP_SRC = 1;
    /** Word of dl_dst and tp_dst. */
    public static final int W_DL_DST_TP_DST = 2;
    /** Word of nw_src and nw_dst. */
    public static final int W_NW_ADDRS = 3;
    /** Word of nw_proto, TOS, TTL, fragment bits and the IPv6 flow label. */
    public static final int W_NW_MISC = 4;
    /** Word of arp_sha and tcp_flags. */
    public static final int W_ARP_SHA_TCP_FLAGS = 5;
    /** Word of arp_tha. */
    public static final int W_ARP_THA = 6;
    /** First of the two words of ipv6_src. */
    public static final int W_IPV6_SRC = 7;
    /** First of the two words of ipv6_dst. */
    public static final int W_IPV6_DST = 9;
    /** First of the two words of nd_target. */
    public static final int W_ND_TARGET = 11;

    /** nw_frag bit: the packet is an IP fragment. */
    public static final int FRAG_ANY = 1;
    /** nw_frag bit: the packet is a fragment other than the first. */
    public static final int FRAG_LATER = 2;

    /** VLAN_TCI bit meaning "an 802.1Q header is present". */
    public static final int VLAN_PRESENT = 0x1000;

    /** dl_type of an 802.3 frame with a length instead of an Ethernet type (Open vSwitch's value). */
    public static final int DL_TYPE_NONE = 0x05ff;

    /** Parse flag: the frame ended before a header that its predecessor announced. */
    public static final int FLAG_TRUNCATED = 1;
    /** Parse flag: a header had an impossible value (bad IP version, header length, ...). */
    public static final int FLAG_MALFORMED = 2;

    private final long[] words = new long[WORDS];
    private int flags;
    private int l3Offset = -1;
    private int l4Offset = -1;
    private int innerVlanTci;

    /** Clears every field, flag and offset (the state of a new key). */
    public FlowKey clear() {
        for (int i = 0; i < WORDS; i++) {
            words[i] = 0;
        }
        flags = 0;
        l3Offset = -1;
        l4Offset = -1;
        innerVlanTci = 0;
        return this;
    }

    /** Copies everything from {@code other}. */
    public FlowKey copyFrom(FlowKey other) {
        System.arraycopy(other.words, 0, words, 0, WORDS);
        flags = other.flags;
        l3Offset = other.l3Offset;
        l4Offset = other.l4Offset;
        innerVlanTci = other.innerVlanTci;
        return this;
    }

    /** Word {@code i} of the layout (see the class comment). */
    public long word(int i) {
        return words[i];
    }

    /** Replaces word {@code i} (tests, the text layer and cache code use this; the extractor uses setters). */
    public FlowKey setWord(int i, long value) {
        words[i] = value;
        return this;
    }

    /** Value of a field of at most 64 bits, in the field's own units (see {@link MatchField}). */
    public long get(MatchField field) {
        if (field.is128()) {
            throw new IllegalArgumentException(field.ovsName() + " is 128 bits wide: use getHigh/getLow");
        }
        return (words[field.word()] >>> field.shift()) & field.valueMask();
    }

    /** High 64 bits of a 128-bit field (0 for narrower fields). */
    public long getHigh(MatchField field) {
        return field.is128() ? words[field.word()] : 0;
    }

    /** Low 64 bits of a 128-bit field, or the value of a narrower field. */
    public long getLow(MatchField field) {
        return field.is128() ? words[field.word() + 1] : get(field);
    }

    /** Sets a field of at most 64 bits (value in the field's units; extra bits are dropped). */
    public FlowKey set(MatchField field, long value) {
        if (field.is128()) {
            throw new IllegalArgumentException(field.ovsName() + " is 128 bits wide: use set128");
        }
        long wordMask = field.wordMask();
        int w = field.word();
        words[w] = (words[w] & ~wordMask) | ((value << field.shift()) & wordMask);
        if (field.isVlanView()) {
            words[w] |= VLAN_PRESENT;
        }
        return this;
    }

    /** Sets a 128-bit field. */
    public FlowKey set128(MatchField field, long high, long low) {
        if (!field.is128()) {
            throw new IllegalArgumentException(field.ovsName() + " is not 128 bits wide");
        }
        words[field.word()] = high;
        words[field.word() + 1] = low;
        return this;
    }

    // ---- fast typed accessors used by the extractor and the datapath (no range checks) ----

    /** OpenFlow ingress port. */
    public int inPort() {
        return (int) (words[W_PORT_TYPE_TCI] >>> 32);
    }

    /** Sets the ingress port. */
    public FlowKey inPort(int port) {
        words[W_PORT_TYPE_TCI] = (words[W_PORT_TYPE_TCI] & 0xffffffffL) | ((long) port << 32);
        return this;
    }

    /** Ethernet type (after VLAN tags). */
    public int dlType() {
        return (int) (words[W_PORT_TYPE_TCI] >>> 16) & 0xffff;
    }

    /** Sets the Ethernet type. */
    public FlowKey dlType(int type) {
        words[W_PORT_TYPE_TCI] = (words[W_PORT_TYPE_TCI] & ~0xffff0000L) | ((long) (type & 0xffff) << 16);
        return this;
    }

    /** VLAN TCI with {@link #VLAN_PRESENT} set when tagged, 0 when untagged. */
    public int vlanTci() {
        return (int) words[W_PORT_TYPE_TCI] & 0xffff;
    }

    /** Sets the VLAN TCI (include {@link #VLAN_PRESENT} for a tagged frame). */
    public FlowKey vlanTci(int tci) {
        words[W_PORT_TYPE_TCI] = (words[W_PORT_TYPE_TCI] & ~0xffffL) | (tci & 0xffff);
        return this;
    }

    /** Ethernet source address in the low 48 bits. */
    public long dlSrc() {
        return words[W_DL_SRC_TP_SRC] >>> 16;
    }

    /** Sets the Ethernet source address. */
    public FlowKey dlSrc(long mac) {
        words[W_DL_SRC_TP_SRC] = (words[W_DL_SRC_TP_SRC] & 0xffffL) | (mac << 16);
        return this;
    }

    /** Ethernet destination address in the low 48 bits. */
    public long dlDst() {
        return words[W_DL_DST_TP_DST] >>> 16;
    }

    /** Sets the Ethernet destination address. */
    public FlowKey dlDst(long mac) {
        words[W_DL_DST_TP_DST] = (words[W_DL_DST_TP_DST] & 0xffffL) | (mac << 16);
        return this;
    }

    /** Transport source port, or ICMP type. */
    public int tpSrc() {
        return (int) words[W_DL_SRC_TP_SRC] & 0xffff;
    }

    /** Sets the transport source port (or ICMP type). */
    public FlowKey tpSrc(int port) {
        words[W_DL_SRC_TP_SRC] = (words[W_DL_SRC_TP_SRC] & ~0xffffL) | (port & 0xffff);
        return this;
    }

    /** Transport destination port, or ICMP code. */
    public int tpDst() {
        return (int) words[W_DL_DST_TP_DST] & 0xffff;
    }

    /** Sets the transport destination port (or ICMP code). */
    public FlowKey tpDst(int port) {
        words[W_DL_DST_TP_DST] = (words[W_DL_DST_TP_DST] & ~0xffffL) | (port & 0xffff);
        return this;
    }

    /** IPv4 source address (or ARP sender protocol address). */
    public int nwSrc() {
        return (int) (words[W_NW_ADDRS] >>> 32);
    }

    /** Sets the IPv4 source address (or ARP spa). */
    public FlowKey nwSrc(int addr) {
        words[W_NW_ADDRS] = (words[W_NW_ADDRS] & 0xffffffffL) | ((long) addr << 32);
        return this;
    }

    /** IPv4 destination address (or ARP target protocol address). */
    public int nwDst() {
        return (int) words[W_NW_ADDRS];
    }

    /** Sets the IPv4 destination address (or ARP tpa). */
    public FlowKey nwDst(int addr) {
        words[W_NW_ADDRS] = (words[W_NW_ADDRS] & ~0xffffffffL) | (addr & 0xffffffffL);
        return this;
    }

    /** IP protocol (or ARP opcode's low byte). */
    public int nwProto() {
        return (int) (words[W_NW_MISC] >>> 56) & 0xff;
    }

    /** Sets the IP protocol (or ARP opcode). */
    public FlowKey nwProto(int proto) {
        return setByte(W_NW_MISC, 56, proto);
    }

    /** The whole TOS / traffic class byte (DSCP and ECN). */
    public int nwTosByte() {
        return (int) (words[W_NW_MISC] >>> 48) & 0xff;
    }

    /** Sets the whole TOS / traffic class byte. */
    public FlowKey nwTosByte(int tos) {
        return setByte(W_NW_MISC, 48, tos);
    }

    /** IP TTL / hop limit. */
    public int nwTtl() {
        return (int) (words[W_NW_MISC] >>> 40) & 0xff;
    }

    /** Sets the TTL. */
    public FlowKey nwTtl(int ttl) {
        return setByte(W_NW_MISC, 40, ttl);
    }

    /** Fragment bits ({@link #FRAG_ANY}, {@link #FRAG_LATER}). */
    public int nwFrag() {
        return (int) (words[W_NW_MISC] >>> 32) & 0xff;
    }

    /** Sets the fragment bits. */
    public FlowKey nwFrag(int frag) {
        return setByte(W_NW_MISC, 32, frag);
    }

    /** IPv6 flow label (20 bits). */
    public int ipv6Label() {
        return (int) words[W_NW_MISC] & 0xfffff;
    }

    /** Sets the IPv6 flow label. */
    public FlowKey ipv6Label(int label) {
        words[W_NW_MISC] = (words[W_NW_MISC] & ~0xffffffffL) | (label & 0xfffffL);
        return this;
    }

    /** TCP flags (12 bits). */
    public int tcpFlags() {
        return (int) words[W_ARP_SHA_TCP_FLAGS] & 0xfff;
    }

    /** Sets the TCP flags. */
    public FlowKey tcpFlags(int tcpFlags) {
        words[W_ARP_SHA_TCP_FLAGS] = (words[W_ARP_SHA_TCP_FLAGS] & ~0xffffL) | (tcpFlags & 0xfff);
        return this;
    }

    /** ARP sender hardware address / ND source link-layer address. */
    public long arpSha() {
        return words[W_ARP_SHA_TCP_FLAGS] >>> 16;
    }

    /** Sets the ARP sha / ND sll. */
    public FlowKey arpSha(long mac) {
        words[W_ARP_SHA_TCP_FLAGS] = (words[W_ARP_SHA_TCP_FLAGS] & 0xffffL) | (mac << 16);
        return this;
    }

    /** ARP target hardware address / ND target link-layer address. */
    public long arpTha() {
        return words[W_ARP_THA] >>> 16;
    }

    /** Sets the ARP tha / ND tll. */
    public FlowKey arpTha(long mac) {
        words[W_ARP_THA] = (words[W_ARP_THA] & 0xffffL) | (mac << 16);
        return this;
    }

    // ---- non-matchable information for the datapath ----

    /** Parse flags ({@link #FLAG_TRUNCATED}, {@link #FLAG_MALFORMED}); 0 for a clean parse. */
    public int flags() {
        return flags;
    }

    /** Adds parse flags. */
    public FlowKey addFlags(int flagBits) {
        flags |= flagBits;
        return this;
    }

    /** True when the frame was cut short (the key holds what could be parsed). */
    public boolean isTruncated() {
        return (flags & FLAG_TRUNCATED) != 0;
    }

    /** True when a header was malformed (the key holds what could be parsed). */
    public boolean isMalformed() {
        return (flags & FLAG_MALFORMED) != 0;
    }

    /** Offset of the network header from the frame start, or -1. */
    public int l3Offset() {
        return l3Offset;
    }

    /** Sets the network header offset. */
    public FlowKey l3Offset(int offset) {
        l3Offset = offset;
        return this;
    }

    /** Offset of the transport header (TCP/UDP/SCTP/ICMP) from the frame start, or -1. */
    public int l4Offset() {
        return l4Offset;
    }

    /** Sets the transport header offset. */
    public FlowKey l4Offset(int offset) {
        l4Offset = offset;
        return this;
    }

    /** TCI of an inner 802.1Q tag behind an outer (802.1ad or 802.1Q) tag, with {@link #VLAN_PRESENT}; or 0. */
    public int innerVlanTci() {
        return innerVlanTci;
    }

    /** Sets the inner VLAN TCI. */
    public FlowKey innerVlanTci(int tci) {
        innerVlanTci = tci;
        return this;
    }

    /** A well-mixed hash of the matchable words (allocation-free; for exact-match caches). */
    public int hash() {
        long h = 0x9e3779b97f4a7c15L;
        for (int i = 0; i < WORDS; i++) {
            h = (h ^ words[i]) * 0xff51afd7ed558ccdL;
            h ^= h >>> 32;
        }
        return (int) h;
    }

    /** True when the matchable words equal those of {@code other}. */
    public boolean sameFields(FlowKey other) {
        for (int i = 0; i < WORDS; i++) {
            if (words[i] != other.words[i]) {
                return false;
            }
        }
        return true;
    }

    private FlowKey setByte(int w, int shift, int value) {
        words[w] = (words[w] & ~(0xffL << shift)) | ((long) (value & 0xff) << shift);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FlowKey{");
        for (int i = 0; i < WORDS; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(Long.toHexString(words[i]));
        }
        return sb.append(", flags=").append(flags).append('}').toString();
    }
}

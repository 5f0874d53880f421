package io.jvswitch.flowtable.match;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Fills a {@link FlowKey} from a raw Ethernet frame held in a {@link ByteBuffer} (normally direct), at an
 * absolute offset and length. The buffer's position, limit and order are never changed.
 *
 * <p>Understands Ethernet II and 802.3/LLC/SNAP, an 802.1Q tag with an optional outer 802.1ad (or
 * 802.1Q) tag, ARP/RARP (Ethernet/IPv4), IPv4 with options and fragments (L4 only from first fragments),
 * IPv6 skipping hop-by-hop, routing, fragment, destination-options and AH headers, TCP (ports and flags),
 * UDP, SCTP, ICMP and ICMPv6 (type/code, and the neighbour discovery target and link-layer options).
 *
 * <p>VLANs: with one tag, {@code vlan_tci} is that tag; with two, {@code vlan_tci} is the outer tag and
 * {@link FlowKey#innerVlanTci()} the inner one, and {@code dl_type} is the type after both tags (a third
 * tag is left unparsed: dl_type is then its TPID).
 *
 * <p>A frame that ends too early, or has an impossible header, yields the key of everything parsed so far
 * plus {@link FlowKey#FLAG_TRUNCATED} or {@link FlowKey#FLAG_MALFORMED}; the fields of the header that
 * failed are left zero. Never throws for frame content, never allocates. One instance per thread.
 */
public final class FlowKeyExtractor {
    private static final int ETH_HEADER = 14;
    private static final int TPID_8021Q = 0x8100;
    private static final int TPID_8021AD = 0x88a8;
    private static final int ETH_TYPE_MIN = 0x600;
    private static final int IPV4_MIN_HEADER = 20;
    private static final int IPV6_HEADER = 40;
    private static final int ARP_ETH_IPV4_LEN = 28;
    private static final int ND_OPT_SLL = 1;
    private static final int ND_OPT_TLL = 2;
    private static final int IPV6_HOP_BY_HOP = 0;
    private static final int IPV6_ROUTING = 43;
    private static final int IPV6_FRAGMENT = 44;
    private static final int IPV6_AH = 51;
    private static final int IPV6_DEST_OPTS = 60;
    /** Bound on IPv6 extension headers walked, so a crafted chain costs a fixed amount of work. */
    private static final int MAX_IPV6_EXTENSIONS = 16;

    private ByteBuffer buf;
    private boolean swap;
    private int end;
    private FlowKey key;

    /**
     * Parses {@code length} bytes of {@code frame} starting at absolute index {@code offset} into {@code out},
     * which is cleared first; {@code inPort} becomes the key's ingress port. Offsets stored in the key are
     * relative to {@code offset}. Returns {@code out}.
     */
    public FlowKey extract(ByteBuffer frame, int offset, int length, int inPort, FlowKey out) {
        out.clear().inPort(inPort);
        this.buf = frame;
        this.swap = frame.order() != ByteOrder.BIG_ENDIAN;
        this.key = out;
        int limit = Math.min(frame.limit(), offset + Math.max(length, 0));
        this.end = limit;
        try {
            parseEthernet(offset);
        } finally {
            this.buf = null;
            this.key = null;
        }
        return out;
    }

    private void parseEthernet(int base) {
        if (end - base < ETH_HEADER) {
            if (end - base >= 6) {
                key.dlDst(u48(base));
            }
            if (end - base >= 12) {
                key.dlSrc(u48(base + 6));
            }
            key.addFlags(FlowKey.FLAG_TRUNCATED);
            return;
        }
        key.dlDst(u48(base));
        key.dlSrc(u48(base + 6));
        int p = base + 12;
        int type = u16(p);
        if (type == TPID_8021Q || type == TPID_8021AD) {
            if (end - p < 6) {
                key.addFlags(FlowKey.FLAG_TRUNCATED);
                return;
            }
            key.vlanTci(u16(p + 2) | FlowKey.VLAN_PRESENT);
            p += 4;
            type = u16(p);
            if (type == TPID_8021Q || type == TPID_8021AD) {
                if (end - p < 6) {
                    key.addFlags(FlowKey.FLAG_TRUNCATED);
                    return;
                }
                key.innerVlanTci(u16(p + 2) | FlowKey.VLAN_PRESENT);
                p += 4;
                type = u16(p);
            }
        }
        p += 2;
        if (type < ETH_TYPE_MIN) {
            // 802.3 frame: a length, optionally followed by LLC/SNAP carrying a real Ethernet type.
            if (end - p >= 8 && u8(p) == 0xaa && u8(p + 1) == 0xaa && u8(p + 2) == 0x03
                    && u16(p + 3) == 0 && u8(p + 5) == 0) {
                type = u16(p + 6);
                p += 8;
            } else {
                key.dlType(FlowKey.DL_TYPE_NONE);
                return;
            }
        }
        key.dlType(type);
        key.l3Offset(p - base);
        switch (type) {
            case Prerequisite.ETH_IPV4:
                parseIpv4(base, p);
                break;
            case Prerequisite.ETH_IPV6:
                parseIpv6(base, p);
                break;
            case Prerequisite.ETH_ARP:
            case Prerequisite.ETH_RARP:
                parseArp(p);
                break;
            default:
                break;
        }
    }

    private void parseIpv4(int base, int l3) {
        if (end - l3 < IPV4_MIN_HEADER) {
            key.addFlags(FlowKey.FLAG_TRUNCATED);
            return;
        }
        int vhl = u8(l3);
        int ihl = (vhl & 0x0f) * 4;
        int totalLength = u16(l3 + 2);
        if ((vhl >>> 4) != 4 || ihl < IPV4_MIN_HEADER || totalLength < ihl) {
            key.addFlags(FlowKey.FLAG_MALFORMED);
            return;
        }
        key.nwTosByte(u8(l3 + 1));
        key.nwTtl(u8(l3 + 8));
        key.nwProto(u8(l3 + 9));
        key.nwSrc(u32(l3 + 12));
        key.nwDst(u32(l3 + 16));
        int fragField = u16(l3 + 6);
        int fragOffset = fragField & 0x1fff;
        boolean moreFragments = (fragField & 0x2000) != 0;
        if (moreFragments || fragOffset != 0) {
            key.nwFrag(fragOffset != 0 ? FlowKey.FRAG_ANY | FlowKey.FRAG_LATER : FlowKey.FRAG_ANY);
        }
        if (ihl > end - l3) {
            key.addFlags(FlowKey.FLAG_TRUNCATED);
            return;
        }
        // Ethernet padding may follow the datagram; the transport header ends where the datagram ends.
        int l4End = l3 + totalLength;
        if (l4End > end) {
            key.addFlags(FlowKey.FLAG_TRUNCATED);
            l4End = end;
        }
        if (fragOffset != 0) {
            return;
        }
        int l4 = l3 + ihl;
        key.l4Offset(l4 - base);
        parseL4(key.nwProto(), l4, l4End, false);
    }

    private void parseIpv6(int base, int l3) {
        if (end - l3 < IPV6_HEADER) {
            key.addFlags(FlowKey.FLAG_TRUNCATED);
            return;
        }
        int vtcfl = u32(l3);
        if ((vtcfl >>> 28) != 6) {
            key.addFlags(FlowKey.FLAG_MALFORMED);
            return;
        }
        key.nwTosByte((vtcfl >>> 20) & 0xff);
        key.ipv6Label(vtcfl & 0xfffff);
        key.nwTtl(u8(l3 + 7));
        key.set128(MatchField.IPV6_SRC, u64(l3 + 8), u64(l3 + 16));
        key.set128(MatchField.IPV6_DST, u64(l3 + 24), u64(l3 + 32));
        int l4End = l3 + IPV6_HEADER + u16(l3 + 4);
        if (l4End > end) {
            key.addFlags(FlowKey.FLAG_TRUNCATED);
            l4End = end;
        }
        int next = u8(l3 + 6);
        int p = l3 + IPV6_HEADER;
        for (int i = 0; i < MAX_IPV6_EXTENSIONS; i++) {
            if (next == IPV6_HOP_BY_HOP || next == IPV6_ROUTING || next == IPV6_DEST_OPTS || next == IPV6_AH) {
                if (l4End - p < 8) {
                    key.nwProto(next);
                    key.addFlags(FlowKey.FLAG_TRUNCATED);
                    return;
                }
                int len = next == IPV6_AH ? (u8(p + 1) + 2) * 4 : (u8(p + 1) + 1) * 8;
                next = u8(p);
                p += len;
            } else if (next == IPV6_FRAGMENT) {
                if (l4End - p < 8) {
                    key.nwProto(next);
                    key.addFlags(FlowKey.FLAG_TRUNCATED);
                    return;
                }
                int fragField = u16(p + 2);
                next = u8(p);
                p += 8;
                if (fragField != 0) {
                    key.nwFrag(FlowKey.FRAG_ANY);
                }
                if ((fragField & 0xfff8) != 0) {
                    // A later fragment has no transport header; like Open vSwitch, report the fragment
                    // header itself as nw_proto.
                    key.nwFrag(FlowKey.FRAG_ANY | FlowKey.FRAG_LATER);
                    key.nwProto(IPV6_FRAGMENT);
                    return;
                }
            } else {
                break;
            }
        }
        key.nwProto(next);
        if (p > l4End) {
            key.addFlags(FlowKey.FLAG_TRUNCATED);
            return;
        }
        key.l4Offset(p - base);
        parseL4(next, p, l4End, true);
    }

    private void parseL4(int proto, int l4, int l4End, boolean ipv6) {
        int avail = l4End - l4;
        switch (proto) {
            case Prerequisite.PROTO_TCP:
                if (avail < 20) {
                    key.addFlags(FlowKey.FLAG_TRUNCATED);
                    return;
                }
                int dataOffset = (u8(l4 + 12) >>> 4) * 4;
                if (dataOffset < 20) {
                    key.addFlags(FlowKey.FLAG_MALFORMED);
                    return;
                }
                key.tpSrc(u16(l4));
                key.tpDst(u16(l4 + 2));
                key.tcpFlags(u16(l4 + 12) & 0x0fff);
                if (dataOffset > avail) {
                    key.addFlags(FlowKey.FLAG_TRUNCATED);
                }
                break;
            case Prerequisite.PROTO_UDP:
                if (avail < 8) {
                    key.addFlags(FlowKey.FLAG_TRUNCATED);
                    return;
                }
                key.tpSrc(u16(l4));
                key.tpDst(u16(l4 + 2));
                break;
            case Prerequisite.PROTO_SCTP:
                if (avail < 12) {
                    key.addFlags(FlowKey.FLAG_TRUNCATED);
                    return;
                }
                key.tpSrc(u16(l4));
                key.tpDst(u16(l4 + 2));
                break;
            case Prerequisite.PROTO_ICMP:
                if (ipv6) {
                    break;
                }
                if (avail < 4) {
                    key.addFlags(FlowKey.FLAG_TRUNCATED);
                    return;
                }
                key.tpSrc(u8(l4));
                key.tpDst(u8(l4 + 1));
                break;
            case Prerequisite.PROTO_ICMPV6:
                if (!ipv6) {
                    break;
                }
                parseIcmpv6(l4, l4End);
                break;
            default:
                break;
        }
    }

    private void parseIcmpv6(int l4, int l4End) {
        if (l4End - l4 < 4) {
            key.addFlags(FlowKey.FLAG_TRUNCATED);
            return;
        }
        int type = u8(l4);
        int code = u8(l4 + 1);
        key.tpSrc(type);
        key.tpDst(code);
        if (code != 0 || (type != Prerequisite.ND_SOLICIT && type != Prerequisite.ND_ADVERT)) {
            return;
        }
        if (l4End - l4 < 24) {
            key.addFlags(FlowKey.FLAG_TRUNCATED);
            return;
        }
        key.set128(MatchField.ND_TARGET, u64(l4 + 8), u64(l4 + 16));
        int p = l4 + 24;
        while (l4End - p >= 8) {
            int optType = u8(p);
            int optLen = u8(p + 1) * 8;
            if (optLen == 0 || optLen > l4End - p) {
                key.addFlags(optLen == 0 ? FlowKey.FLAG_MALFORMED : FlowKey.FLAG_TRUNCATED);
                return;
            }
            if (optLen == 8 && optType == ND_OPT_SLL) {
                key.arpSha(u48(p + 2));
            } else if (optLen == 8 && optType == ND_OPT_TLL) {
                key.arpTha(u48(p + 2));
            }
            p += optLen;
        }
    }

    private void parseArp(int l3) {
        if (end - l3 < ARP_ETH_IPV4_LEN) {
            key.addFlags(FlowKey.FLAG_TRUNCATED);
            return;
        }
        if (u16(l3) != 1 || u16(l3 + 2) != Prerequisite.ETH_IPV4 || u8(l3 + 4) != 6 || u8(l3 + 5) != 4) {
            // Not Ethernet/IPv4 ARP: a legal frame whose addresses this key cannot describe.
            return;
        }
        int op = u16(l3 + 6);
        // The opcode lives in nw_proto's 8 bits, as in Open vSwitch; larger opcodes read as 0.
        key.nwProto(op <= 0xff ? op : 0);
        key.arpSha(u48(l3 + 8));
        key.nwSrc(u32(l3 + 14));
        key.arpTha(u48(l3 + 18));
        key.nwDst(u32(l3 + 24));
    }

    private int u8(int i) {
        return buf.get(i) & 0xff;
    }

    private int u16(int i) {
        short v = buf.getShort(i);
        return (swap ? Short.reverseBytes(v) : v) & 0xffff;
    }

    private int u32(int i) {
        int v = buf.getInt(i);
        return swap ? Integer.reverseBytes(v) : v;
    }

    private long u48(int i) {
        return ((long) u16(i) << 32) | (u32(i + 2) & 0xffffffffL);
    }

    private long u64(int i) {
        long v = buf.getLong(i);
        return swap ? Long.reverseBytes(v) : v;
    }
}

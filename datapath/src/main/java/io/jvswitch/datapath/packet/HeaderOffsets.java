package io.jvswitch.datapath.packet;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Where the L3 and L4 headers of each frame of a batch are, found once per frame by
 * {@link #parse(PacketBatch, int)} and then used by every rewrite of that frame.
 *
 * <pre>
 *  batch memory:  ... | Ethernet (+ 0..2 tags) | L3 header ... | L4 header ... | payload | padding
 *                      ^ frameOffset(i)        ^ l3Offset(i)   ^ l4Offset(i)             ^ l3End(i)
 * </pre>
 *
 * Offsets are absolute positions in {@link PacketBatch#memory()}, not relative to the frame
 * start: a VLAN push or pop moves the frame start but not the L3 header, so the offsets stay
 * right. {@code l3End} is where the IP datagram ends (Ethernet padding excluded).
 *
 * <p>Threading: one instance per PMD, sized for a {@link PacketBatch}, reused for every batch.
 * Parsing never allocates or throws; malformed frames are flagged.
 */
public final class HeaderOffsets {
    /** Offset value meaning "no such header". */
    public static final int NONE = -1;
    /** Flag: the frame is IPv4. */
    public static final int F_IPV4 = 1;
    /** Flag: the frame is IPv6. */
    public static final int F_IPV6 = 2;
    /** Flag: a fragment other than the first (no L4 header in it). */
    public static final int F_LATER_FRAGMENT = 4;
    /** Flag: a fragment (first or later). */
    public static final int F_FRAGMENT = 8;
    /** Flag: the frame is too short or its header lengths are inconsistent. */
    public static final int F_MALFORMED = 16;

    /** IP protocol number of ICMP. */
    public static final int PROTO_ICMP = 1;
    /** IP protocol number of TCP. */
    public static final int PROTO_TCP = 6;
    /** IP protocol number of UDP. */
    public static final int PROTO_UDP = 17;
    /** IP protocol number of ICMPv6. */
    public static final int PROTO_ICMPV6 = 58;
    /** IP protocol number of SCTP. */
    public static final int PROTO_SCTP = 132;

    private static final int MAX_TAGS = 2;
    private static final int MAX_IPV6_EXTENSIONS = 8;

    private final int[] etherType = new int[PacketBatch.MAX_BURST];
    private final int[] l3Offset = new int[PacketBatch.MAX_BURST];
    private final int[] l4Offset = new int[PacketBatch.MAX_BURST];
    private final int[] l3End = new int[PacketBatch.MAX_BURST];
    private final int[] ipProto = new int[PacketBatch.MAX_BURST];
    private final int[] flags = new int[PacketBatch.MAX_BURST];

    /** EtherType after any VLAN tags, or {@link #NONE} for a runt. */
    public int etherType(int i) {
        return etherType[i];
    }

    /** Absolute offset of the L3 header, or {@link #NONE}. */
    public int l3Offset(int i) {
        return l3Offset[i];
    }

    /** Absolute offset of the L4 header (TCP, UDP, SCTP, ICMP...), or {@link #NONE}. */
    public int l4Offset(int i) {
        return l4Offset[i];
    }

    /** Absolute offset just past the IP datagram, or {@link #NONE}. */
    public int l3End(int i) {
        return l3End[i];
    }

    /** IP protocol (IPv6: the upper-layer next header), or {@link #NONE}. */
    public int ipProto(int i) {
        return ipProto[i];
    }

    /** The {@code F_*} flags of frame {@code i}. */
    public int flags(int i) {
        return flags[i];
    }

    /** Whether frame {@code i} was flagged malformed. */
    public boolean isMalformed(int i) {
        return (flags[i] & F_MALFORMED) != 0;
    }

    /** Whether frame {@code i} is IPv4. */
    public boolean isIpv4(int i) {
        return (flags[i] & F_IPV4) != 0;
    }

    /** Whether frame {@code i} is IPv6. */
    public boolean isIpv6(int i) {
        return (flags[i] & F_IPV6) != 0;
    }

    /**
     * Finds the headers of frame {@code i} of {@code batch}. Returns false (and sets
     * {@link #F_MALFORMED}) for a runt, a truncated or inconsistent IP header, or an L4 header of
     * TCP/UDP/SCTP/ICMP cut short; non-IP frames are fine with only {@link #etherType(int)} set.
     */
    public boolean parse(PacketBatch batch, int i) {
        etherType[i] = NONE;
        l3Offset[i] = NONE;
        l4Offset[i] = NONE;
        l3End[i] = NONE;
        ipProto[i] = NONE;
        flags[i] = 0;
        UnsafeBuffer m = batch.memory();
        int start = batch.frameOffset(i);
        int end = start + batch.frameLength(i);
        if (end - start < EthernetView.HEADER_LENGTH) {
            return malformed(i);
        }
        int typeAt = start + EthernetView.ETH_TYPE_OFFSET;
        int type = u16(m, typeAt);
        for (int tags = 0; tags < MAX_TAGS && VlanTags.isTpid(type); tags++) {
            typeAt += VlanTags.TAG_LENGTH;
            if (typeAt + 2 > end) {
                return malformed(i);
            }
            type = u16(m, typeAt);
        }
        etherType[i] = type;
        int l3 = typeAt + 2;
        l3Offset[i] = l3;
        if (type == EthernetView.ETH_TYPE_IPV4) {
            return parseIpv4(m, i, l3, end);
        }
        if (type == EthernetView.ETH_TYPE_IPV6) {
            return parseIpv6(m, i, l3, end);
        }
        return true;
    }

    private boolean parseIpv4(UnsafeBuffer m, int i, int l3, int end) {
        if (end - l3 < 20) {
            return malformed(i);
        }
        int versionIhl = m.getByte(l3) & 0xFF;
        int headerLength = (versionIhl & 0x0F) * 4;
        int totalLength = u16(m, l3 + 2);
        if (versionIhl >>> 4 != 4 || headerLength < 20 || totalLength < headerLength || l3 + totalLength > end) {
            return malformed(i);
        }
        flags[i] |= F_IPV4;
        l3End[i] = l3 + totalLength;
        ipProto[i] = m.getByte(l3 + 9) & 0xFF;
        int fragment = u16(m, l3 + 6);
        if ((fragment & 0x3FFF) != 0) {
            flags[i] |= F_FRAGMENT;
        }
        if ((fragment & 0x1FFF) != 0) {
            flags[i] |= F_LATER_FRAGMENT;
            return true;
        }
        return setL4(i, l3 + headerLength);
    }

    private boolean parseIpv6(UnsafeBuffer m, int i, int l3, int end) {
        if (end - l3 < 40 || (m.getByte(l3) & 0xF0) != 0x60) {
            return malformed(i);
        }
        int datagramEnd = l3 + 40 + u16(m, l3 + 4);
        if (datagramEnd > end) {
            return malformed(i);
        }
        flags[i] |= F_IPV6;
        l3End[i] = datagramEnd;
        int next = m.getByte(l3 + 6) & 0xFF;
        int at = l3 + 40;
        for (int n = 0; n < MAX_IPV6_EXTENSIONS; n++) {
            if (next == 0 || next == 43 || next == 60) {
                if (at + 8 > datagramEnd) {
                    return malformed(i);
                }
                int length = ((m.getByte(at + 1) & 0xFF) + 1) * 8;
                next = m.getByte(at) & 0xFF;
                at += length;
            } else if (next == 44) {
                if (at + 8 > datagramEnd) {
                    return malformed(i);
                }
                flags[i] |= F_FRAGMENT;
                int offset = u16(m, at + 2) & 0xFFF8;
                next = m.getByte(at) & 0xFF;
                at += 8;
                if (offset != 0) {
                    flags[i] |= F_LATER_FRAGMENT;
                    ipProto[i] = next;
                    return true;
                }
            } else {
                break;
            }
        }
        ipProto[i] = next;
        return setL4(i, at);
    }

    private boolean setL4(int i, int l4) {
        int available = l3End[i] - l4;
        int needed;
        switch (ipProto[i]) {
            case PROTO_TCP:
                needed = 20;
                break;
            case PROTO_UDP:
                needed = 8;
                break;
            case PROTO_SCTP:
                needed = 12;
                break;
            case PROTO_ICMP:
            case PROTO_ICMPV6:
                needed = 4;
                break;
            default:
                needed = 0;
                break;
        }
        if (available < needed) {
            return malformed(i);
        }
        l4Offset[i] = l4;
        return true;
    }

    private boolean malformed(int i) {
        flags[i] |= F_MALFORMED;
        return false;
    }

    private static int u16(UnsafeBuffer m, int index) {
        return m.getShort(index, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }
}

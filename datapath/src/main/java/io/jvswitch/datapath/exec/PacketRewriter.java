package io.jvswitch.datapath.exec;

import java.nio.ByteOrder;

import io.jvswitch.datapath.packet.EthernetView;
import io.jvswitch.datapath.packet.HeaderOffsets;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.packet.VlanTags;
import io.jvswitch.datapath.packet.VnetHeader;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Header-only rewrites of frame {@code i} of a {@link PacketBatch}, in place, with checksums
 * kept right: it knows nothing about ports or output (that is {@link OutputSink}'s job).
 *
 * <p>Checksums are updated incrementally (RFC 1624) from the old and new values of the changed
 * words, never recomputed over the payload: the IPv4 header checksum for any IPv4 header field,
 * and the TCP/UDP (and ICMPv6) checksum for the pseudo-header (IPv4 or IPv6 addresses) and for
 * ports. Special cases:
 * <ul>
 *   <li>A UDP checksum of zero means "none" and stays zero; an update that yields zero stores
 *       0xFFFF instead (RFC 768).</li>
 *   <li>A frame whose virtio-net header says NEEDS_CSUM carries a partial L4 checksum: the field
 *       holds only the folded pseudo-header sum, not complemented, and the sender will sum the
 *       rest. Address changes adjust that sum ({@code S + ~m + m'}); port changes leave it alone
 *       (ports are not in the pseudo-header).</li>
 *   <li>SCTP's CRC-32C cannot be updated incrementally and is recomputed over the SCTP packet,
 *       unless it is offloaded (NEEDS_CSUM).</li>
 *   <li>A fragment other than the first has no L4 header, so only its IP header changes.</li>
 * </ul>
 *
 * <p>The offsets of each frame come from a {@link HeaderOffsets} parsed once per frame of the
 * same batch (they are absolute positions in the batch memory, so VLAN pushes and pops made here
 * keep them valid). Operations that do not apply to the frame (an IPv4 rewrite on ARP, a port
 * rewrite on ICMP) return {@code false} and change nothing. Nothing allocates or throws per frame.
 *
 * <p>Threading: one instance per PMD.
 */
public final class PacketRewriter {
    private static final int IPV4_TOS_WORD = 0;
    private static final int IPV4_TTL = 8;
    private static final int IPV4_CHECKSUM = 10;
    private static final int IPV4_SRC = 12;
    private static final int IPV4_DST = 16;
    private static final int IPV6_HOP_LIMIT = 7;
    private static final int IPV6_SRC = 8;
    private static final int IPV6_DST = 24;
    private static final int ICMPV6_CHECKSUM = 2;
    private static final int TCP_CHECKSUM = 16;
    private static final int UDP_CHECKSUM = 6;
    private static final int SCTP_CHECKSUM = 8;
    private static final int IPV6_DSCP_MASK = 0x0FC0_0000;

    private final HeaderOffsets offsets;

    /** Creates a rewriter that reads frame layouts from {@code offsets}. */
    public PacketRewriter(HeaderOffsets offsets) {
        this.offsets = offsets;
    }

    /** The offsets this rewriter works from. */
    public HeaderOffsets offsets() {
        return offsets;
    }

    /** Sets dl_src. */
    public void setEthSrc(PacketBatch batch, int i, long mac) {
        EthernetView.writeMac(batch.memory(), batch.frameOffset(i) + EthernetView.SRC_OFFSET, mac);
    }

    /** Sets dl_dst. */
    public void setEthDst(PacketBatch batch, int i, long mac) {
        EthernetView.writeMac(batch.memory(), batch.frameOffset(i) + EthernetView.DST_OFFSET, mac);
    }

    /** Pushes a VLAN tag ({@code push_vlan}); false when no headroom is left. */
    public boolean pushVlan(PacketBatch batch, int i, int tpid, int tci) {
        return VlanTags.push(batch, i, tpid, tci);
    }

    /** Pops the outer VLAN tag ({@code strip_vlan}/{@code pop_vlan}); false when untagged. */
    public boolean popVlan(PacketBatch batch, int i) {
        return VlanTags.pop(batch, i);
    }

    /** {@code mod_vlan_vid}: sets the VID, pushing a tag with PCP 0 if there is none. */
    public boolean modVlanVid(PacketBatch batch, int i, int vid) {
        return VlanTags.modVid(batch, i, vid);
    }

    /** {@code mod_vlan_pcp}: sets the PCP, pushing a tag with VID 0 if there is none. */
    public boolean modVlanPcp(PacketBatch batch, int i, int pcp) {
        return VlanTags.modPcp(batch, i, pcp);
    }

    /** Sets the IPv4 source address ({@code mod_nw_src}); false unless IPv4. */
    public boolean setNwSrc(PacketBatch batch, int i, int address) {
        return setIpv4Address(batch, i, IPV4_SRC, address);
    }

    /** Sets the IPv4 destination address ({@code mod_nw_dst}); false unless IPv4. */
    public boolean setNwDst(PacketBatch batch, int i, int address) {
        return setIpv4Address(batch, i, IPV4_DST, address);
    }

    /**
     * Sets the DSCP bits ({@code mod_nw_tos}): {@code tos} is the ToS byte value with the DSCP in
     * its upper 6 bits; the 2 ECN bits of the frame are kept. IPv4 and IPv6; false otherwise.
     */
    public boolean setNwTos(PacketBatch batch, int i, int tos) {
        UnsafeBuffer m = batch.memory();
        int l3 = offsets.l3Offset(i);
        if (offsets.isIpv4(i)) {
            int oldWord = u16(m, l3 + IPV4_TOS_WORD);
            int newWord = (oldWord & 0xFF03) | (tos & 0xFC);
            putIpv4Word(m, l3, IPV4_TOS_WORD, oldWord, newWord);
            return true;
        }
        if (offsets.isIpv6(i)) {
            int word = m.getInt(l3, ByteOrder.BIG_ENDIAN);
            m.putInt(l3, (word & ~IPV6_DSCP_MASK) | ((tos & 0xFC) << 20), ByteOrder.BIG_ENDIAN);
            return true;
        }
        return false;
    }

    /** Sets the IPv4 TTL or IPv6 hop limit ({@code mod_nw_ttl}); false unless IP. */
    public boolean setNwTtl(PacketBatch batch, int i, int ttl) {
        UnsafeBuffer m = batch.memory();
        int l3 = offsets.l3Offset(i);
        if (offsets.isIpv4(i)) {
            int oldWord = u16(m, l3 + IPV4_TTL);
            putIpv4Word(m, l3, IPV4_TTL, oldWord, (oldWord & 0xFF) | ((ttl & 0xFF) << 8));
            return true;
        }
        if (offsets.isIpv6(i)) {
            m.putByte(l3 + IPV6_HOP_LIMIT, (byte) ttl);
            return true;
        }
        return false;
    }

    /**
     * {@code dec_ttl}: decrements the IPv4 TTL or IPv6 hop limit. Returns false when the TTL is
     * 0 or 1 (the frame must be dropped and counted as TTL_EXPIRED; it is left unchanged); true
     * otherwise, including for non-IP frames, which the action leaves alone.
     */
    public boolean decTtl(PacketBatch batch, int i) {
        UnsafeBuffer m = batch.memory();
        int l3 = offsets.l3Offset(i);
        int at;
        if (offsets.isIpv4(i)) {
            at = l3 + IPV4_TTL;
        } else if (offsets.isIpv6(i)) {
            at = l3 + IPV6_HOP_LIMIT;
        } else {
            return true;
        }
        int ttl = m.getByte(at) & 0xFF;
        if (ttl <= 1) {
            return false;
        }
        if (offsets.isIpv4(i)) {
            int oldWord = u16(m, at);
            putIpv4Word(m, l3, IPV4_TTL, oldWord, oldWord - 0x100);
        } else {
            m.putByte(at, (byte) (ttl - 1));
        }
        return true;
    }

    /** Sets the IPv6 source address ({@code set_field:...->ipv6_src}, as two big-endian halves); false unless IPv6. */
    public boolean setIpv6Src(PacketBatch batch, int i, long high, long low) {
        return setIpv6Address(batch, i, IPV6_SRC, high, low);
    }

    /** Sets the IPv6 destination address (as two big-endian halves); false unless IPv6. */
    public boolean setIpv6Dst(PacketBatch batch, int i, long high, long low) {
        return setIpv6Address(batch, i, IPV6_DST, high, low);
    }

    private boolean setIpv6Address(PacketBatch batch, int i, int fieldOffset, long high, long low) {
        if (!offsets.isIpv6(i)) {
            return false;
        }
        UnsafeBuffer m = batch.memory();
        int at = offsets.l3Offset(i) + fieldOffset;
        long oldHigh = m.getLong(at, ByteOrder.BIG_ENDIAN);
        long oldLow = m.getLong(at + 8, ByteOrder.BIG_ENDIAN);
        m.putLong(at, high, ByteOrder.BIG_ENDIAN);
        m.putLong(at + 8, low, ByteOrder.BIG_ENDIAN);
        int l4 = offsets.l4Offset(i);
        int field;
        switch (l4 == HeaderOffsets.NONE ? HeaderOffsets.NONE : offsets.ipProto(i)) {
            case HeaderOffsets.PROTO_TCP:
                field = l4 + TCP_CHECKSUM;
                break;
            case HeaderOffsets.PROTO_UDP:
                field = l4 + UDP_CHECKSUM;
                break;
            case HeaderOffsets.PROTO_ICMPV6:
                field = l4 + ICMPV6_CHECKSUM;
                break;
            default:
                return true;
        }
        int check = u16(m, field);
        if (isPartialChecksum(batch, i, field)) {
            putU16(m, field, InternetChecksum.updatePartial128(check, oldHigh, oldLow, high, low));
        } else if (!(offsets.ipProto(i) == HeaderOffsets.PROTO_UDP && check == 0)) {
            putU16(m, field, udpSafe(i, InternetChecksum.update128(check, oldHigh, oldLow, high, low)));
        }
        return true;
    }

    /** Sets the TCP/UDP/SCTP source port ({@code mod_tp_src}); false when there is no such L4 header. */
    public boolean setTpSrc(PacketBatch batch, int i, int port) {
        return setPort(batch, i, 0, port);
    }

    /** Sets the TCP/UDP/SCTP destination port ({@code mod_tp_dst}); false when there is no such L4 header. */
    public boolean setTpDst(PacketBatch batch, int i, int port) {
        return setPort(batch, i, 2, port);
    }

    private boolean setIpv4Address(PacketBatch batch, int i, int fieldOffset, int address) {
        if (!offsets.isIpv4(i)) {
            return false;
        }
        UnsafeBuffer m = batch.memory();
        int l3 = offsets.l3Offset(i);
        int oldAddress = m.getInt(l3 + fieldOffset, ByteOrder.BIG_ENDIAN);
        if (oldAddress == address) {
            return true;
        }
        m.putInt(l3 + fieldOffset, address, ByteOrder.BIG_ENDIAN);
        int ipCheck = u16(m, l3 + IPV4_CHECKSUM);
        putU16(m, l3 + IPV4_CHECKSUM, InternetChecksum.update32(ipCheck, oldAddress, address));
        int field = pseudoHeaderChecksumField(i);
        if (field == HeaderOffsets.NONE) {
            return true;
        }
        int check = u16(m, field);
        if (isPartialChecksum(batch, i, field)) {
            putU16(m, field, InternetChecksum.updatePartial32(check, oldAddress, address));
        } else if (!(offsets.ipProto(i) == HeaderOffsets.PROTO_UDP && check == 0)) {
            putU16(m, field, udpSafe(i, InternetChecksum.update32(check, oldAddress, address)));
        }
        return true;
    }

    private boolean setPort(PacketBatch batch, int i, int fieldOffset, int port) {
        int l4 = offsets.l4Offset(i);
        int proto = offsets.ipProto(i);
        if (l4 == HeaderOffsets.NONE
            || (proto != HeaderOffsets.PROTO_TCP && proto != HeaderOffsets.PROTO_UDP
            && proto != HeaderOffsets.PROTO_SCTP)) {
            return false;
        }
        UnsafeBuffer m = batch.memory();
        int oldPort = u16(m, l4 + fieldOffset);
        int newPort = port & 0xFFFF;
        if (oldPort == newPort) {
            return true;
        }
        putU16(m, l4 + fieldOffset, newPort);
        if (proto == HeaderOffsets.PROTO_SCTP) {
            int field = l4 + SCTP_CHECKSUM;
            if (!isPartialChecksum(batch, i, field)) {
                int crc = Crc32c.compute(m, l4, offsets.l3End(i) - l4, field);
                m.putInt(field, crc, ByteOrder.LITTLE_ENDIAN);
            }
            return true;
        }
        int field = l4 + (proto == HeaderOffsets.PROTO_TCP ? TCP_CHECKSUM : UDP_CHECKSUM);
        if (isPartialChecksum(batch, i, field)) {
            return true;
        }
        int check = u16(m, field);
        if (proto == HeaderOffsets.PROTO_UDP && check == 0) {
            return true;
        }
        putU16(m, field, udpSafe(i, InternetChecksum.update16(check, oldPort, newPort)));
        return true;
    }

    /** Absolute index of a TCP/UDP checksum covering the IPv4 pseudo-header, or NONE. */
    private int pseudoHeaderChecksumField(int i) {
        int l4 = offsets.l4Offset(i);
        if (l4 == HeaderOffsets.NONE) {
            return HeaderOffsets.NONE;
        }
        switch (offsets.ipProto(i)) {
            case HeaderOffsets.PROTO_TCP:
                return l4 + TCP_CHECKSUM;
            case HeaderOffsets.PROTO_UDP:
                return l4 + UDP_CHECKSUM;
            default:
                return HeaderOffsets.NONE;
        }
    }

    private static boolean isPartialChecksum(PacketBatch batch, int i, int fieldIndex) {
        return VnetHeader.needsChecksum(batch, i)
            && batch.frameOffset(i) + VnetHeader.checksumStart(batch, i) + VnetHeader.checksumOffset(batch, i)
            == fieldIndex;
    }

    private int udpSafe(int i, int check) {
        return check == 0 && offsets.ipProto(i) == HeaderOffsets.PROTO_UDP ? 0xFFFF : check;
    }

    private static void putIpv4Word(UnsafeBuffer m, int l3, int wordOffset, int oldWord, int newWord) {
        putU16(m, l3 + wordOffset, newWord);
        int check = u16(m, l3 + IPV4_CHECKSUM);
        putU16(m, l3 + IPV4_CHECKSUM, InternetChecksum.update16(check, oldWord, newWord & 0xFFFF));
    }

    private static int u16(UnsafeBuffer m, int index) {
        return m.getShort(index, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    private static void putU16(UnsafeBuffer m, int index, int value) {
        m.putShort(index, (short) value, ByteOrder.BIG_ENDIAN);
    }
}

package io.jvswitch.flowtable.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class FlowKeyExtractorTest {
    private static final long DST = 0x0a0b0c0d0e0fL;
    private static final long SRC = 0x020000000001L;
    private static final int IP_A = 0xc6120001;
    private static final int IP_B = 0xc6120002;

    private final FlowKeyExtractor extractor = new FlowKeyExtractor();
    private final FlowKey key = new FlowKey();

    private FlowKey extract(FrameBuilder f) {
        ByteBuffer buf = f.direct(7);
        return extractor.extract(buf, 7, f.size(), 5, key);
    }

    private FlowKey extractTruncated(FrameBuilder f, int length) {
        return extractor.extract(f.direct(3), 3, length, 5, key);
    }

    private static FrameBuilder tcpFrame() {
        return new FrameBuilder().eth(DST, SRC).u16(0x0800).ipv4(0xb9, 0x4000, 64, 6, IP_A, IP_B, 20)
                .tcp(12345, 80, 0x012);
    }

    @Test
    void shouldExtractTcpOverIpv4WhenFrameIsComplete() {
        FlowKey k = extract(tcpFrame());
        assertThat(k.flags()).isZero();
        assertThat(k.inPort()).isEqualTo(5);
        assertThat(k.dlDst()).isEqualTo(DST);
        assertThat(k.dlSrc()).isEqualTo(SRC);
        assertThat(k.dlType()).isEqualTo(0x0800);
        assertThat(k.vlanTci()).isZero();
        assertThat(k.nwSrc()).isEqualTo(IP_A);
        assertThat(k.nwDst()).isEqualTo(IP_B);
        assertThat(k.nwProto()).isEqualTo(6);
        assertThat(k.nwTosByte()).isEqualTo(0xb9);
        assertThat(k.nwTtl()).isEqualTo(64);
        assertThat(k.nwFrag()).isZero();
        assertThat(k.tpSrc()).isEqualTo(12345);
        assertThat(k.tpDst()).isEqualTo(80);
        assertThat(k.tcpFlags()).isEqualTo(0x012);
        assertThat(k.l3Offset()).isEqualTo(14);
        assertThat(k.l4Offset()).isEqualTo(34);
    }

    @Test
    void shouldReadSameKeyWhenBufferIsLittleEndian() {
        FrameBuilder f = tcpFrame();
        FlowKey expected = new FlowKey().copyFrom(extract(f));
        ByteBuffer le = f.direct(0).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(extractor.extract(le, 0, f.size(), 5, new FlowKey()).sameFields(expected)).isTrue();
    }

    @Test
    void shouldSkipIpv4OptionsWhenIhlIsLarger() {
        FrameBuilder f = new FrameBuilder().eth(DST, SRC).u16(0x0800)
                .u8(0x46).u8(0).u16(24 + 8).u16(1).u16(0).u8(9).u8(17).u16(0).u32(IP_A).u32(IP_B).u32(0x01010100)
                .udp(53, 5353, 0);
        FlowKey k = extract(f);
        assertThat(k.flags()).isZero();
        assertThat(k.tpSrc()).isEqualTo(53);
        assertThat(k.tpDst()).isEqualTo(5353);
        assertThat(k.l4Offset()).isEqualTo(38);
    }

    @Test
    void shouldSetFragmentBitsAndSkipL4WhenLaterFragment() {
        FlowKey first = extract(new FrameBuilder().eth(DST, SRC).u16(0x0800)
                .ipv4(0, 0x2000, 64, 17, IP_A, IP_B, 8).udp(1, 2, 0));
        assertThat(first.nwFrag()).isEqualTo(FlowKey.FRAG_ANY);
        assertThat(first.tpSrc()).isEqualTo(1);
        FlowKey later = extract(new FrameBuilder().eth(DST, SRC).u16(0x0800)
                .ipv4(0, 0x0010, 64, 17, IP_A, IP_B, 8).udp(1, 2, 0));
        assertThat(later.nwFrag()).isEqualTo(FlowKey.FRAG_ANY | FlowKey.FRAG_LATER);
        assertThat(later.tpSrc()).isZero();
        assertThat(later.nwProto()).isEqualTo(17);
        assertThat(later.flags()).isZero();
    }

    @Test
    void shouldReadVlanTagsWhenSingleAndDoubleTagged() {
        FlowKey single = extract(new FrameBuilder().eth(DST, SRC).u16(0x8100).u16(0x600a).u16(0x0806)
                .u16(1).u16(0x0800).u8(6).u8(4).u16(2).u48(SRC).u32(IP_A).u48(DST).u32(IP_B));
        assertThat(single.vlanTci()).isEqualTo(0x700a);
        assertThat(single.dlType()).isEqualTo(0x0806);
        assertThat(single.nwProto()).isEqualTo(2);
        assertThat(single.l3Offset()).isEqualTo(18);
        FlowKey qinq = extract(new FrameBuilder().eth(DST, SRC).u16(0x88a8).u16(100).u16(0x8100).u16(0x2014)
                .u16(0x0800).ipv4(0, 0, 64, 17, IP_A, IP_B, 8).udp(7, 8, 0));
        assertThat(qinq.vlanTci()).isEqualTo(0x1064);
        assertThat(qinq.innerVlanTci()).isEqualTo(0x3014);
        assertThat(qinq.dlType()).isEqualTo(0x0800);
        assertThat(qinq.tpDst()).isEqualTo(8);
        assertThat(qinq.l3Offset()).isEqualTo(22);
    }

    @Test
    void shouldExtractArpWhenEthernetIpv4Arp() {
        FlowKey k = extract(new FrameBuilder().eth(-1L >>> 16, SRC).u16(0x0806)
                .u16(1).u16(0x0800).u8(6).u8(4).u16(1).u48(SRC).u32(IP_A).u48(0).u32(IP_B));
        assertThat(k.dlType()).isEqualTo(0x0806);
        assertThat(k.nwProto()).isEqualTo(1);
        assertThat(k.arpSha()).isEqualTo(SRC);
        assertThat(k.nwSrc()).isEqualTo(IP_A);
        assertThat(k.arpTha()).isZero();
        assertThat(k.nwDst()).isEqualTo(IP_B);
        FlowKey rarp = extract(new FrameBuilder().eth(DST, SRC).u16(0x8035)
                .u16(1).u16(0x0800).u8(6).u8(4).u16(3).u48(SRC).u32(0).u48(SRC).u32(0));
        assertThat(rarp.dlType()).isEqualTo(0x8035);
        assertThat(rarp.nwProto()).isEqualTo(3);
    }

    @Test
    void shouldExtractIpv6AndSkipExtensionHeadersWhenPresent() {
        FrameBuilder f = new FrameBuilder().eth(DST, SRC).u16(0x86dd)
                .ipv6(0x2e, 0x12345, 8 + 16 + 8 + 8 + 8, 0, 255, 0x20010db800000000L, 1, 0x20010db800000000L, 2)
                .u8(43).u8(0).zeros(6)          // hop-by-hop, 8 bytes, next = routing
                .u8(60).u8(1).zeros(14)         // routing, 16 bytes, next = destination options
                .u8(44).u8(0).zeros(6)          // destination options, next = fragment
                .u8(17).u8(0).u16(0x0001).u32(7) // fragment: offset 0, more fragments, next = UDP
                .udp(546, 547, 0);
        FlowKey k = extract(f);
        assertThat(k.flags()).isZero();
        assertThat(k.dlType()).isEqualTo(0x86dd);
        assertThat(k.nwTosByte()).isEqualTo(0x2e);
        assertThat(k.ipv6Label()).isEqualTo(0x12345);
        assertThat(k.nwTtl()).isEqualTo(255);
        assertThat(k.getHigh(MatchField.IPV6_SRC)).isEqualTo(0x20010db800000000L);
        assertThat(k.getLow(MatchField.IPV6_DST)).isEqualTo(2);
        assertThat(k.nwProto()).isEqualTo(17);
        assertThat(k.nwFrag()).isEqualTo(FlowKey.FRAG_ANY);
        assertThat(k.tpSrc()).isEqualTo(546);
        assertThat(k.tpDst()).isEqualTo(547);
        assertThat(k.l4Offset()).isEqualTo(14 + 40 + 40);
    }

    @Test
    void shouldStopAtIpv6LaterFragmentWhenOffsetNonZero() {
        FrameBuilder f = new FrameBuilder().eth(DST, SRC).u16(0x86dd)
                .ipv6(0, 0, 16, 44, 64, 1, 2, 3, 4).u8(6).u8(0).u16(0x0100).u32(9).zeros(8);
        FlowKey k = extract(f);
        assertThat(k.nwFrag()).isEqualTo(FlowKey.FRAG_ANY | FlowKey.FRAG_LATER);
        assertThat(k.nwProto()).isEqualTo(44);
        assertThat(k.tpSrc()).isZero();
    }

    @Test
    void shouldExtractNeighbourSolicitationWhenIcmpv6Type135() {
        FrameBuilder f = new FrameBuilder().eth(DST, SRC).u16(0x86dd)
                .ipv6(0, 0, 32, 58, 255, 0xfe80000000000000L, 1, 0xff02000000000000L, 0x1ff000001L)
                .u8(135).u8(0).u16(0).u32(0).u64(0xfe80000000000000L).u64(0x42)
                .u8(1).u8(1).u48(SRC);
        FlowKey k = extract(f);
        assertThat(k.flags()).isZero();
        assertThat(k.nwProto()).isEqualTo(58);
        assertThat(k.tpSrc()).isEqualTo(135);
        assertThat(k.tpDst()).isZero();
        assertThat(k.getLow(MatchField.ND_TARGET)).isEqualTo(0x42);
        assertThat(k.arpSha()).isEqualTo(SRC);
        FrameBuilder na = new FrameBuilder().eth(DST, SRC).u16(0x86dd)
                .ipv6(0, 0, 32, 58, 255, 1, 1, 2, 2)
                .u8(136).u8(0).u16(0).u32(0).u64(7).u64(8).u8(2).u8(1).u48(DST);
        FlowKey adv = extract(na);
        assertThat(adv.arpTha()).isEqualTo(DST);
        assertThat(adv.getHigh(MatchField.ND_TARGET)).isEqualTo(7);
    }

    @Test
    void shouldExtractIcmpAndSctpWhenPresent() {
        FlowKey icmp = extract(new FrameBuilder().eth(DST, SRC).u16(0x0800).ipv4(0, 0, 64, 1, IP_A, IP_B, 8)
                .u8(8).u8(0).u16(0).u32(1));
        assertThat(icmp.tpSrc()).isEqualTo(8);
        assertThat(icmp.tpDst()).isZero();
        FlowKey sctp = extract(new FrameBuilder().eth(DST, SRC).u16(0x0800).ipv4(0, 0, 64, 132, IP_A, IP_B, 12)
                .u16(2905).u16(2906).u32(1).u32(0));
        assertThat(sctp.tpSrc()).isEqualTo(2905);
        assertThat(sctp.tpDst()).isEqualTo(2906);
    }

    @Test
    void shouldMarkNon8023TypeWhenFrameHasLength() {
        FlowKey k = extract(new FrameBuilder().eth(DST, SRC).u16(46).u8(0x42).u8(0x42).u8(3).zeros(43));
        assertThat(k.dlType()).isEqualTo(FlowKey.DL_TYPE_NONE);
        FlowKey snap = extract(new FrameBuilder().eth(DST, SRC).u16(60).u8(0xaa).u8(0xaa).u8(3).u8(0).u16(0)
                .u16(0x0800).ipv4(0, 0, 1, 17, IP_A, IP_B, 8).udp(3, 4, 0));
        assertThat(snap.dlType()).isEqualTo(0x0800);
        assertThat(snap.tpDst()).isEqualTo(4);
    }

    @Test
    void shouldFlagTruncationAndKeepParsedFieldsWhenFrameIsCut() {
        FrameBuilder f = tcpFrame();
        for (int len = 0; len < f.size(); len++) {
            FlowKey k = extractTruncated(f, len);
            assertThat(k.isTruncated()).as("length %d", len).isTrue();
            if (len >= 14) {
                assertThat(k.dlType()).isEqualTo(0x0800);
            }
            if (len >= 34) {
                assertThat(k.nwSrc()).isEqualTo(IP_A);
                assertThat(k.tpSrc()).isZero();
            }
        }
        assertThat(extractTruncated(f, 8).isTruncated()).isTrue();
        assertThat(extractTruncated(f, 8).dlDst()).isEqualTo(DST);
        assertThat(extractTruncated(f, -5).isTruncated()).isTrue();
    }

    @Test
    void shouldNeverThrowWhenEveryPrefixOfEveryKindIsParsed() {
        FrameBuilder[] frames = {
            tcpFrame(),
            new FrameBuilder().eth(DST, SRC).u16(0x8100).u16(5).u16(0x86dd)
                    .ipv6(0, 0, 32, 58, 255, 1, 1, 2, 2).u8(135).u8(0).u16(0).u32(0).u64(7).u64(8)
                    .u8(1).u8(1).u48(DST),
            new FrameBuilder().eth(DST, SRC).u16(0x88a8).u16(1).u16(0x8100).u16(2).u16(0x0806)
                    .u16(1).u16(0x0800).u8(6).u8(4).u16(1).u48(SRC).u32(IP_A).u48(0).u32(IP_B),
        };
        for (FrameBuilder f : frames) {
            for (int len = 0; len <= f.size(); len++) {
                FlowKey k = extractTruncated(f, len);
                assertThat(k.isTruncated()).as("length %d of %d", len, f.size()).isEqualTo(len < f.size());
            }
        }
    }

    @Test
    void shouldFlagMalformedWhenIpHeaderIsImpossible() {
        FlowKey badVersion = extract(new FrameBuilder().eth(DST, SRC).u16(0x0800)
                .u8(0x55).zeros(19).zeros(8));
        assertThat(badVersion.isMalformed()).isTrue();
        assertThat(badVersion.nwSrc()).isZero();
        FlowKey badIhl = extract(new FrameBuilder().eth(DST, SRC).u16(0x0800).u8(0x43).zeros(19));
        assertThat(badIhl.isMalformed()).isTrue();
        FlowKey badTcp = extract(new FrameBuilder().eth(DST, SRC).u16(0x0800).ipv4(0, 0, 64, 6, IP_A, IP_B, 20)
                .u16(1).u16(2).u32(0).u32(0).u16(0x1000).zeros(6));
        assertThat(badTcp.isMalformed()).isTrue();
        assertThat(badTcp.nwSrc()).isEqualTo(IP_A);
    }
}

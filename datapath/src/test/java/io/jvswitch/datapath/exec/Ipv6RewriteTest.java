package io.jvswitch.datapath.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import io.jvswitch.datapath.packet.HeaderOffsets;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.packet.TestFrames;
import org.junit.jupiter.api.Test;

/** IPv6 frames: header offsets through extension headers, hop limit and traffic class rewrites. */
class Ipv6RewriteTest {
    private final PacketBatch batch = new PacketBatch(2048);
    private final HeaderOffsets offsets = new HeaderOffsets();
    private final PacketRewriter rewriter = new PacketRewriter(offsets);

    /** Ethernet + IPv6 (TC given, hop limit given) + hop-by-hop header (8 bytes) + UDP (8) + 8 payload. */
    private static byte[] ipv6Udp(int trafficClass, int hopLimit) {
        return ipv6Udp(trafficClass, hopLimit, 0x2001_0db8_0000_0000L, 1L);
    }

    private static byte[] ipv6Udp(int trafficClass, int hopLimit, long srcHigh, long srcLow) {
        ByteBuffer b = ByteBuffer.allocate(14 + 40 + 8 + 16);
        b.putShort((short) 0x0200).putInt(2).putShort((short) 0x0200).putInt(1).putShort((short) 0x86DD);
        b.putInt(0x6000_0000 | (trafficClass << 20) | 0x12345);
        b.putShort((short) 24).put((byte) 0).put((byte) hopLimit);
        b.putLong(srcHigh).putLong(srcLow).putLong(0x2001_0db8_0000_0000L).putLong(2L);
        b.put((byte) 17).put((byte) 0).putShort((short) 0).putInt(0);
        b.putShort((short) 546).putShort((short) 547).putShort((short) 16).putShort((short) 0);
        b.putLong(0x0102030405060708L);
        byte[] f = b.array();
        b.putShort(62 + 6, (short) ~udpSum(f));
        if (b.getShort(62 + 6) == 0) {
            b.putShort(62 + 6, (short) 0xFFFF);
        }
        return f;
    }

    /** From scratch: pseudo-header (addresses, length 16, next header 17) plus the UDP datagram, folded. */
    private static int udpSum(byte[] f) {
        long s = 16 + 17;
        for (int k = 22; k < 54; k += 2) {
            s += ((f[k] & 0xFF) << 8) | (f[k + 1] & 0xFF);
        }
        for (int k = 62; k < 78; k += 2) {
            s += ((f[k] & 0xFF) << 8) | (f[k + 1] & 0xFF);
        }
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }

    @Test
    void shouldFixUdpChecksumWhenIpv6SourceRewritten() {
        int i = TestFrames.load(batch, ipv6Udp(0, 64), 0);
        offsets.parse(batch, i);
        assertThat(rewriter.setIpv6Src(batch, i, 0xfe80_0000_0000_0000L, 0x0200_5eff_fe00_5301L)).isTrue();
        byte[] out = TestFrames.bytes(batch, i);
        assertThat(out).isEqualTo(ipv6Udp(0, 64, 0xfe80_0000_0000_0000L, 0x0200_5eff_fe00_5301L));
        assertThat(udpSum(out)).isEqualTo(0xFFFF);
    }

    @Test
    void shouldFindUdpBehindHopByHopHeaderWhenIpv6() {
        int i = TestFrames.load(batch, ipv6Udp(0, 64), 0);
        assertThat(offsets.parse(batch, i)).isTrue();
        assertThat(offsets.isIpv6(i)).isTrue();
        assertThat(offsets.ipProto(i)).isEqualTo(17);
        assertThat(offsets.l4Offset(i) - batch.frameOffset(i)).isEqualTo(14 + 40 + 8);
    }

    @Test
    void shouldDecrementHopLimitAndRefuseAtOneWhenIpv6() {
        int i = TestFrames.load(batch, ipv6Udp(0, 2), 0);
        offsets.parse(batch, i);
        assertThat(rewriter.decTtl(batch, i)).isTrue();
        assertThat(TestFrames.bytes(batch, i)).isEqualTo(ipv6Udp(0, 1));
        assertThat(rewriter.decTtl(batch, i)).isFalse();
        assertThat(TestFrames.bytes(batch, i)).isEqualTo(ipv6Udp(0, 1));
    }

    @Test
    void shouldSetDscpKeepingEcnAndFlowLabelWhenIpv6() {
        int i = TestFrames.load(batch, ipv6Udp(0x02, 64), 0);
        offsets.parse(batch, i);
        rewriter.setNwTos(batch, i, 0xB8);
        assertThat(TestFrames.bytes(batch, i)).isEqualTo(ipv6Udp(0xBA, 64));
    }
}

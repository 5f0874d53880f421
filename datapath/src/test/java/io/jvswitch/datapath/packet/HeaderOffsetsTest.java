package io.jvswitch.datapath.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class HeaderOffsetsTest {
    private final PacketBatch batch = new PacketBatch(2048);
    private final HeaderOffsets offsets = new HeaderOffsets();

    @Test
    void shouldFindL3AndL4WhenTaggedTcp() {
        int i = TestFrames.load(batch, TestFrames.frame().vlan(5).ipv4(1, 2).l4(TestFrames.TCP, 1, 2).build(), 0);

        assertThat(offsets.parse(batch, i)).isTrue();

        int start = batch.frameOffset(i);
        assertThat(offsets.etherType(i)).isEqualTo(0x0800);
        assertThat(offsets.l3Offset(i) - start).isEqualTo(18);
        assertThat(offsets.l4Offset(i) - start).isEqualTo(38);
        assertThat(offsets.ipProto(i)).isEqualTo(6);
        assertThat(offsets.isIpv4(i)).isTrue();
    }

    @Test
    void shouldFlagMalformedWhenRunt() {
        byte[] frame = Arrays.copyOf(TestFrames.frame().build(), 13);
        int i = TestFrames.load(batch, frame, 0);
        assertThat(offsets.parse(batch, i)).isFalse();
        assertThat(offsets.isMalformed(i)).isTrue();
    }

    @Test
    void shouldFlagMalformedWhenIpTotalLengthExceedsFrame() {
        byte[] frame = TestFrames.frame().ipv4(1, 2).l4(TestFrames.UDP, 1, 2).payload(10).build();
        frame[16] = 0x7F;
        int i = TestFrames.load(batch, frame, 0);
        assertThat(offsets.parse(batch, i)).isFalse();
    }

    @Test
    void shouldFlagMalformedWhenTcpHeaderTruncated() {
        byte[] frame = TestFrames.frame().ipv4(1, 2).l4(TestFrames.UDP, 1, 2).payload(4).build();
        frame[23] = 6;
        int i = TestFrames.load(batch, frame, 0);
        assertThat(offsets.parse(batch, i)).isFalse();
    }

    @Test
    void shouldHaveNoL4WhenLaterFragment() {
        byte[] frame = TestFrames.frame().ipv4(1, 2).l4(TestFrames.UDP, 1, 2).build();
        frame[20] = 0x00;
        frame[21] = 0x10;
        int i = TestFrames.load(batch, frame, 0);
        assertThat(offsets.parse(batch, i)).isTrue();
        assertThat(offsets.l4Offset(i)).isEqualTo(HeaderOffsets.NONE);
        assertThat(offsets.flags(i) & HeaderOffsets.F_LATER_FRAGMENT).isNotZero();
    }

    @Test
    void shouldKeepOnlyEtherTypeWhenNotIp() {
        int i = TestFrames.load(batch, TestFrames.frame().etherType(0x0806).build(), 0);
        assertThat(offsets.parse(batch, i)).isTrue();
        assertThat(offsets.etherType(i)).isEqualTo(0x0806);
        assertThat(offsets.l4Offset(i)).isEqualTo(HeaderOffsets.NONE);
    }
}

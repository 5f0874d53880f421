package io.jvswitch.datapath.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import io.jvswitch.datapath.packet.HeaderOffsets;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.packet.TestFrames;
import io.jvswitch.datapath.packet.VlanTags;
import io.jvswitch.datapath.packet.VnetHeader;
import org.junit.jupiter.api.Test;

class PacketRewriterTest {
    private static final int SRC = 0xC612_0001;
    private static final int DST = 0xC612_0002;
    private static final int NEW_IP = 0xC613_FE07;

    private final PacketBatch batch = new PacketBatch(4096);
    private final HeaderOffsets offsets = new HeaderOffsets();
    private final PacketRewriter rewriter = new PacketRewriter(offsets);

    private int load(byte[] frame) {
        int i = TestFrames.load(batch, frame, 1);
        assertThat(offsets.parse(batch, i)).isTrue();
        return i;
    }

    private static TestFrames.Builder tcp() {
        return TestFrames.frame().ipv4(SRC, DST).l4(TestFrames.TCP, 40000, 80).payload(101);
    }

    private static TestFrames.Builder udp() {
        return TestFrames.frame().ipv4(SRC, DST).l4(TestFrames.UDP, 5353, 53).payload(33);
    }

    @Test
    void shouldMatchFrameBuiltFromScratchWhenNwSrcRewrittenOnTcp() {
        int i = load(tcp().build());
        assertThat(rewriter.setNwSrc(batch, i, NEW_IP)).isTrue();
        byte[] out = TestFrames.bytes(batch, i);
        assertThat(out)
            .isEqualTo(TestFrames.frame().ipv4(NEW_IP, DST).l4(TestFrames.TCP, 40000, 80).payload(101).build());
        assertThat(TestFrames.ipv4HeaderChecksumValid(out)).isTrue();
        assertThat(TestFrames.l4ChecksumValid(out)).isTrue();
    }

    @Test
    void shouldMatchFrameBuiltFromScratchWhenNwDstRewrittenOnUdp() {
        int i = load(udp().build());
        rewriter.setNwDst(batch, i, NEW_IP);
        assertThat(TestFrames.bytes(batch, i))
            .isEqualTo(TestFrames.frame().ipv4(SRC, NEW_IP).l4(TestFrames.UDP, 5353, 53).payload(33).build());
    }

    @Test
    void shouldKeepUdpChecksumZeroWhenSenderSentNone() {
        int i = load(udp().udpNoChecksum().build());
        rewriter.setNwSrc(batch, i, NEW_IP);
        rewriter.setTpDst(batch, i, 5000);
        byte[] out = TestFrames.bytes(batch, i);
        assertThat(TestFrames.l4ChecksumField(out)).isZero();
        assertThat(TestFrames.ipv4HeaderChecksumValid(out)).isTrue();
    }

    @Test
    void shouldMatchFrameBuiltFromScratchWhenPortsRewritten() {
        int t = load(tcp().build());
        int u = load(udp().build());
        rewriter.setTpSrc(batch, t, 1111);
        rewriter.setTpDst(batch, t, 2222);
        rewriter.setTpSrc(batch, u, 3333);
        rewriter.setTpDst(batch, u, 4444);
        assertThat(TestFrames.bytes(batch, t))
            .isEqualTo(TestFrames.frame().ipv4(SRC, DST).l4(TestFrames.TCP, 1111, 2222).payload(101).build());
        assertThat(TestFrames.bytes(batch, u))
            .isEqualTo(TestFrames.frame().ipv4(SRC, DST).l4(TestFrames.UDP, 3333, 4444).payload(33).build());
    }

    @Test
    void shouldRecomputeSctpCrcWhenPortRewritten() {
        int i = load(TestFrames.frame().ipv4(SRC, DST).l4(TestFrames.SCTP, 7, 8).payload(40).build());
        rewriter.setTpDst(batch, i, 9);
        assertThat(TestFrames.bytes(batch, i))
            .isEqualTo(TestFrames.frame().ipv4(SRC, DST).l4(TestFrames.SCTP, 7, 9).payload(40).build());
    }

    @Test
    void shouldAdjustPseudoHeaderSumWhenChecksumPartial() {
        int i = load(tcp().partialChecksum().build());
        VnetHeader.setNeedsChecksum(batch, i, 34, 16);

        rewriter.setNwSrc(batch, i, NEW_IP);

        byte[] expected = TestFrames.frame().ipv4(NEW_IP, DST).l4(TestFrames.TCP, 40000, 80).payload(101)
            .partialChecksum().build();
        assertThat(TestFrames.bytes(batch, i)).isEqualTo(expected);
        assertThat(TestFrames.l4ChecksumField(expected)).isEqualTo(TestFrames.pseudoHeaderSum(expected));
    }

    @Test
    void shouldLeavePartialChecksumAloneWhenPortRewritten() {
        int i = load(udp().partialChecksum().build());
        VnetHeader.setNeedsChecksum(batch, i, 34, 6);

        rewriter.setTpSrc(batch, i, 9999);

        assertThat(TestFrames.bytes(batch, i)).isEqualTo(
            TestFrames.frame().ipv4(SRC, DST).l4(TestFrames.UDP, 9999, 53).payload(33).partialChecksum().build());
    }

    @Test
    void shouldTreatPartialChecksumAfterVlanPushWhenRewritingAddress() {
        int i = load(tcp().partialChecksum().build());
        VnetHeader.setNeedsChecksum(batch, i, 34, 16);
        rewriter.pushVlan(batch, i, VlanTags.TPID_8021Q, 42);

        rewriter.setNwDst(batch, i, NEW_IP);

        byte[] expected = TestFrames.tag(TestFrames.frame().ipv4(SRC, NEW_IP).l4(TestFrames.TCP, 40000, 80)
            .payload(101).partialChecksum().build(), 42);
        assertThat(TestFrames.bytes(batch, i)).isEqualTo(expected);
    }

    @Test
    void shouldDecrementTtlWhenAboveOne() {
        int i = load(tcp().ttl(64).build());
        assertThat(rewriter.decTtl(batch, i)).isTrue();
        assertThat(TestFrames.bytes(batch, i)).isEqualTo(tcp().ttl(63).build());
    }

    @Test
    void shouldRefuseAndLeaveFrameWhenTtlWouldHitZero() {
        byte[] frame = tcp().ttl(1).build();
        int i = load(frame);
        assertThat(rewriter.decTtl(batch, i)).isFalse();
        assertThat(TestFrames.bytes(batch, i)).isEqualTo(frame);
    }

    @Test
    void shouldKeepEcnBitsWhenSettingDscp() {
        int i = load(tcp().tos(0x03).build());
        rewriter.setNwTos(batch, i, 0xB8);
        assertThat(TestFrames.bytes(batch, i)).isEqualTo(tcp().tos(0xBB).build());
    }

    @Test
    void shouldSetTtlAndRewriteMacsWhenAsked() {
        int i = load(tcp().build());
        rewriter.setNwTtl(batch, i, 7);
        rewriter.setEthSrc(batch, i, 0x0A00_0000_0001L);
        rewriter.setEthDst(batch, i, 0x0A00_0000_0002L);
        assertThat(TestFrames.bytes(batch, i)).isEqualTo(
            tcp().ethSrc(0x0A00_0000_0001L).ethDst(0x0A00_0000_0002L).ttl(7).build());
    }

    @Test
    void shouldDoNothingWhenFieldDoesNotApply() {
        byte[] arp = TestFrames.frame().etherType(0x0806).build();
        int i = load(arp);
        assertThat(rewriter.setNwSrc(batch, i, NEW_IP)).isFalse();
        assertThat(rewriter.setTpSrc(batch, i, 1)).isFalse();
        assertThat(rewriter.decTtl(batch, i)).isTrue();
        assertThat(TestFrames.bytes(batch, i)).isEqualTo(arp);
    }

    @Test
    void shouldKeepChecksumsValidWhenRandomRewritesApplied() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int round = 0; round < 500; round++) {
            batch.clear();
            boolean isTcp = random.nextBoolean();
            TestFrames.Builder b = TestFrames.frame().ipv4(random.nextInt(), random.nextInt())
                .l4(isTcp ? TestFrames.TCP : TestFrames.UDP, random.nextInt(65536), random.nextInt(65536))
                .ttl(2 + random.nextInt(250)).tos(random.nextInt(256)).payload(random.nextInt(300));
            int i = load(b.build());
            for (int op = 0; op < 6; op++) {
                switch (random.nextInt(6)) {
                    case 0:
                        rewriter.setNwSrc(batch, i, random.nextInt());
                        break;
                    case 1:
                        rewriter.setNwDst(batch, i, random.nextInt());
                        break;
                    case 2:
                        rewriter.setTpSrc(batch, i, random.nextInt(65536));
                        break;
                    case 3:
                        rewriter.setTpDst(batch, i, random.nextInt(65536));
                        break;
                    case 4:
                        rewriter.setNwTos(batch, i, random.nextInt(256));
                        break;
                    default:
                        rewriter.decTtl(batch, i);
                        break;
                }
            }
            byte[] out = TestFrames.bytes(batch, i);
            assertThat(TestFrames.ipv4HeaderChecksumValid(out)).as("seed %d round %d", seed, round).isTrue();
            assertThat(TestFrames.l4ChecksumValid(out)).as("seed %d round %d", seed, round).isTrue();
        }
    }
}

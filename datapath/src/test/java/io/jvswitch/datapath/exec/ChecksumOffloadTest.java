package io.jvswitch.datapath.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.datapath.packet.HeaderOffsets;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.packet.TestFrames;
import io.jvswitch.datapath.packet.VlanTags;
import io.jvswitch.datapath.packet.VnetHeader;
import org.junit.jupiter.api.Test;

class ChecksumOffloadTest {
    private final PacketBatch batch = new PacketBatch(4096);

    private static TestFrames.Builder tcp() {
        return TestFrames.frame().ipv4(0xC6120001, 0xC6120002).l4(TestFrames.TCP, 33000, 5201).payload(999);
    }

    @Test
    void shouldEqualFullChecksumFrameWhenPartialCompleted() {
        int i = TestFrames.load(batch, tcp().partialChecksum().build(), 1);
        VnetHeader.setNeedsChecksum(batch, i, 34, 16);

        assertThat(ChecksumOffload.complete(batch, i)).isTrue();

        assertThat(TestFrames.bytes(batch, i)).isEqualTo(tcp().build());
        assertThat(VnetHeader.needsChecksum(batch, i)).isFalse();
        assertThat(ChecksumOffload.complete(batch, i)).isFalse();
    }

    @Test
    void shouldCompleteAfterVlanPushAndRewriteWhenPartial() {
        int i = TestFrames.load(batch, TestFrames.frame().ipv4(0xC6120001, 0xC6120002)
            .l4(TestFrames.UDP, 9, 10).payload(77).partialChecksum().build(), 1);
        VnetHeader.setNeedsChecksum(batch, i, 34, 6);
        HeaderOffsets offsets = new HeaderOffsets();
        offsets.parse(batch, i);
        PacketRewriter rewriter = new PacketRewriter(offsets);
        rewriter.pushVlan(batch, i, VlanTags.TPID_8021Q, 3);
        rewriter.setNwSrc(batch, i, 0xC6130005);
        rewriter.setTpDst(batch, i, 4789);

        ChecksumOffload.complete(batch, i);

        byte[] out = TestFrames.bytes(batch, i);
        assertThat(out).isEqualTo(TestFrames.tag(TestFrames.frame().ipv4(0xC6130005, 0xC6120002)
            .l4(TestFrames.UDP, 9, 4789).payload(77).build(), 3));
        assertThat(TestFrames.l4ChecksumValid(out)).isTrue();
    }
}

package io.jvswitch.datapath.packet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VlanTagsTest {
    private final PacketBatch batch = new PacketBatch(2048);

    @Test
    void shouldPushTagIntoHeadroomWhenUntagged() {
        byte[] frame = TestFrames.frame().payload(50).build();
        int i = TestFrames.load(batch, frame, 1);
        int before = batch.frameOffset(i);

        assertThat(VlanTags.push(batch, i, VlanTags.TPID_8021Q, VlanTags.tci(5, 100))).isTrue();

        assertThat(batch.frameOffset(i)).isEqualTo(before - 4);
        assertThat(TestFrames.bytes(batch, i)).isEqualTo(TestFrames.tag(frame, 0xA064));
        assertThat(VlanTags.readTci(batch, i)).isEqualTo(0xA064);
    }

    @Test
    void shouldPopTagWhenTagged() {
        byte[] untagged = TestFrames.frame().payload(50).build();
        int i = TestFrames.load(batch, TestFrames.tag(untagged, 10), 1);

        assertThat(VlanTags.pop(batch, i)).isTrue();

        assertThat(TestFrames.bytes(batch, i)).isEqualTo(untagged);
        assertThat(VlanTags.readTci(batch, i)).isEqualTo(VlanTags.NO_TAG);
        assertThat(VlanTags.pop(batch, i)).isFalse();
    }

    @Test
    void shouldRefusePushWhenHeadroomExhausted() {
        int i = TestFrames.load(batch, TestFrames.frame().build(), 1);
        int pushes = 0;
        while (VlanTags.push(batch, i, VlanTags.TPID_8021Q, pushes)) {
            pushes++;
        }
        assertThat(pushes).isEqualTo(PacketBatch.HEADROOM / 4);
        assertThat(batch.frameOffset(i)).isEqualTo(batch.slotOffset(i));
    }

    @Test
    void shouldKeepPcpWhenModifyingVidAndPushWhenNone() {
        int tagged = TestFrames.load(batch, TestFrames.frame().vlan(VlanTags.tci(3, 10)).build(), 1);
        int untagged = TestFrames.load(batch, TestFrames.frame().build(), 1);

        VlanTags.modVid(batch, tagged, 20);
        VlanTags.modVid(batch, untagged, 30);

        assertThat(VlanTags.readTci(batch, tagged)).isEqualTo(VlanTags.tci(3, 20));
        assertThat(VlanTags.readTci(batch, untagged)).isEqualTo(VlanTags.tci(0, 30));
    }

    @Test
    void shouldKeepVidWhenModifyingPcpAndPushVidZeroWhenNone() {
        int tagged = TestFrames.load(batch, TestFrames.frame().vlan(VlanTags.tci(3, 10)).build(), 1);
        int untagged = TestFrames.load(batch, TestFrames.frame().build(), 1);

        VlanTags.modPcp(batch, tagged, 6);
        VlanTags.modPcp(batch, untagged, 2);

        assertThat(VlanTags.readTci(batch, tagged)).isEqualTo(VlanTags.tci(6, 10));
        assertThat(VlanTags.readTci(batch, untagged)).isEqualTo(VlanTags.tci(2, 0));
    }

    @Test
    void shouldShiftVnetChecksumStartWhenPushingAndPopping() {
        int i = TestFrames.load(batch, TestFrames.frame().ipv4(1, 2).l4(TestFrames.TCP, 1, 2).build(), 1);
        VnetHeader.setNeedsChecksum(batch, i, 34, 16);

        VlanTags.push(batch, i, VlanTags.TPID_8021Q, 7);
        assertThat(VnetHeader.checksumStart(batch, i)).isEqualTo(38);
        VlanTags.pop(batch, i);
        assertThat(VnetHeader.checksumStart(batch, i)).isEqualTo(34);
    }
}

package io.jvswitch.datapath.port.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.packet.TestFrames;
import org.junit.jupiter.api.Test;

class MemoryPortIoTest {
    @Test
    void shouldReceiveInjectedFramesInOrderWhenPolled() {
        MemoryPortIo port = new MemoryPortIo("m", 4, 128);
        byte[] a = TestFrames.frame().payload(10).build();
        byte[] b = TestFrames.frame().payload(20).build();
        port.inject(a);
        port.inject(b);
        PacketBatch batch = new PacketBatch(2048);

        assertThat(port.receive(batch)).isEqualTo(2);
        assertThat(TestFrames.bytes(batch, 0)).isEqualTo(a);
        assertThat(TestFrames.bytes(batch, 1)).isEqualTo(b);
        assertThat(batch.frameOffset(0) - batch.slotOffset(0)).isEqualTo(PacketBatch.HEADROOM);
        assertThat(port.receive(batch)).isZero();
    }

    @Test
    void shouldCountDropWhenRingFullOrLinkDown() {
        MemoryPortIo port = new MemoryPortIo("m", 1, 128);
        assertThat(port.inject(TestFrames.frame().build())).isTrue();
        assertThat(port.inject(TestFrames.frame().build())).isFalse();
        assertThat(port.stats().rxDropped).isEqualTo(1);
        port.setLinkUp(false);
        assertThat(port.receive(new PacketBatch(2048))).isZero();
    }

    @Test
    void shouldStopAtBatchCapacityWhenManyWaiting() {
        MemoryPortIo port = new MemoryPortIo("m", 64, 128);
        for (int k = 0; k < 40; k++) {
            port.inject(TestFrames.frame().build());
        }
        PacketBatch batch = new PacketBatch(2048);
        assertThat(port.receive(batch)).isEqualTo(PacketBatch.MAX_BURST);
        assertThat(port.pending()).isEqualTo(8);
    }
}

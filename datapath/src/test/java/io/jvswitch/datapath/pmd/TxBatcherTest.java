package io.jvswitch.datapath.pmd;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.datapath.exec.OutputSink;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.packet.TestFrames;
import io.jvswitch.datapath.port.memory.MemoryPortIo;
import io.jvswitch.datapath.stats.DatapathCounter;
import io.jvswitch.datapath.stats.DropReason;
import io.jvswitch.datapath.stats.PmdStats;
import io.jvswitch.datapath.stats.PortCounter;
import org.junit.jupiter.api.Test;

class TxBatcherTest {
    private final PmdStats stats = new PmdStats(0, 8);
    private final MemoryPortIo port = new MemoryPortIo("p3");
    private final TxBatcher tx = new TxBatcher(3, port, stats, 2048);
    private final PacketBatch source = new PacketBatch(2048);

    @Test
    void shouldApplyVlanEditToCopyOnlyWhenAppending() {
        byte[] untagged = TestFrames.frame().payload(60).build();
        byte[] tagged = TestFrames.tag(untagged, 0x200A);
        int u = TestFrames.load(source, untagged, 1);
        int t = TestFrames.load(source, tagged, 1);

        tx.append(source, u, OutputSink.VLAN_AS_IS);
        tx.append(source, u, 0x0014);
        tx.append(source, t, OutputSink.VLAN_UNTAGGED);
        tx.append(source, t, 0x601E);
        tx.append(source, u, OutputSink.VLAN_UNTAGGED);
        tx.flush();

        assertThat(port.takeSent()).containsExactly(untagged, TestFrames.tag(untagged, 0x0014), untagged,
            TestFrames.tag(untagged, 0x601E), untagged);
        assertThat(TestFrames.bytes(source, t)).isEqualTo(tagged);
        assertThat(stats.getPort(3, PortCounter.TX_PACKETS)).isEqualTo(5);
        assertThat(stats.getPort(3, PortCounter.TX_BYTES)).isEqualTo(5 * 74 + 8);
        assertThat(stats.get(DatapathCounter.TX)).isEqualTo(5);
        assertThat(stats.get(DatapathCounter.TX_BATCHES)).isEqualTo(1);
        assertThat(stats.get(DatapathCounter.TX_OFFERED)).isEqualTo(5);
    }

    @Test
    void shouldSendFullBatchWhenAppendingBeyondBurst() {
        int u = TestFrames.load(source, TestFrames.frame().build(), 1);
        for (int k = 0; k < PacketBatch.MAX_BURST + 1; k++) {
            tx.append(source, u, OutputSink.VLAN_AS_IS);
        }
        assertThat(port.sentFrames()).isEqualTo(PacketBatch.MAX_BURST);
        assertThat(tx.pending()).isEqualTo(1);
        assertThat(stats.get(DatapathCounter.TX_BATCHES)).isEqualTo(1);
        assertThat(stats.get(DatapathCounter.TX_OFFERED)).isEqualTo(PacketBatch.MAX_BURST);
    }

    @Test
    void shouldCountDropsWhenDeviceRefusesFrames() {
        port.setTxLimitPerSend(2);
        int u = TestFrames.load(source, TestFrames.frame().build(), 1);
        for (int k = 0; k < 5; k++) {
            tx.append(source, u, OutputSink.VLAN_AS_IS);
        }
        assertThat(tx.flush()).isEqualTo(2);
        assertThat(stats.get(DropReason.TX_FULL)).isEqualTo(3);
        assertThat(stats.getPort(3, PortCounter.TX_DROPPED)).isEqualTo(3);
        assertThat(stats.get(DatapathCounter.DROP)).isEqualTo(3);
        assertThat(stats.get(DatapathCounter.TX_OFFERED)).as("offered includes refused frames").isEqualTo(5);
        tx.flush();
        assertThat(stats.get(DatapathCounter.TX_BATCHES)).as("an empty flush sends no batch").isEqualTo(1);
    }

    @Test
    void shouldDropAndCountWhenFrameLongerThanSlot() {
        TxBatcher small = new TxBatcher(3, port, stats, 64);
        int big = TestFrames.load(source, TestFrames.frame().payload(200).build(), 1);
        assertThat(small.append(source, big, OutputSink.VLAN_AS_IS)).isFalse();
        assertThat(stats.get(DropReason.TOO_LONG)).isEqualTo(1);
    }

    @Test
    void shouldSendAnUnchangedFrameByReferenceAndKeepItsBytesWhenDetachedBeforeTheSourceChanges() {
        byte[] original = TestFrames.frame().payload(100).build();
        int u = TestFrames.load(source, original, 1);
        tx.append(source, u, OutputSink.VLAN_AS_IS);
        tx.append(source, u, 0x0014);
        assertThat(tx.pending()).isEqualTo(2);

        tx.detach(source, u);
        source.memory().putByte(source.frameOffset(u), (byte) 0x55);
        tx.flush();

        assertThat(port.takeSent()).containsExactly(original, TestFrames.tag(original, 0x0014));
    }

    @Test
    void shouldSendWhatTheSourceHoldsAtFlushTimeWhenNotDetached() {
        byte[] original = TestFrames.frame().payload(100).build();
        int u = TestFrames.load(source, original, 1);
        tx.append(source, u, OutputSink.VLAN_AS_IS);
        source.memory().putByte(source.frameOffset(u), (byte) 0x55);
        tx.flush();

        byte[] changed = original.clone();
        changed[0] = 0x55;
        assertThat(port.takeSent()).as("by reference, not by copy").containsExactly(changed);
    }
}

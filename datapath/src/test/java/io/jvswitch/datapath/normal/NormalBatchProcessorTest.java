package io.jvswitch.datapath.normal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.jvswitch.datapath.exec.OutputSink;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.packet.TestFrames;
import io.jvswitch.datapath.stats.DropReason;
import io.jvswitch.datapath.stats.PmdStats;
import org.junit.jupiter.api.Test;

/** NORMAL over whole receive batches, on a bridge whose ports are spread over two PMDs. */
class NormalBatchProcessorTest {
    private final List<String> out = new ArrayList<>();
    private final OutputSink sink = new OutputSink() {
        @Override
        public void output(PacketBatch batch, int i, int dpPortIndex, int vlanEdit) {
            out.add(String.valueOf(dpPortIndex));
        }

        @Override
        public void drop(PacketBatch batch, int i, DropReason reason) {
            out.add("drop:" + reason);
        }
    };

    private static NormalSwitch newSwitch(MacLearningShare.Member member) {
        NormalSwitch sw = new NormalSwitch(8, new MacLearningTable(), member);
        for (int p = 1; p <= 4; p++) {
            sw.setPort(p, PortVlanConfig.access(1));
        }
        return sw;
    }

    private void process(NormalBatchProcessor processor, String frame, int inPort, long nowNs) {
        PacketBatch batch = new PacketBatch(2048);
        TestFrames.load(batch, TestFrames.parse(frame), inPort);
        processor.process(batch, nowNs, sink);
    }

    @Test
    void shouldUsePeerLearningWhenBatchArrives() {
        MacLearningShare share = new MacLearningShare(2, 64);
        NormalBatchProcessor pmd0 = new NormalBatchProcessor(newSwitch(share.member(0)), new PmdStats(0, 8));
        NormalBatchProcessor pmd1 = new NormalBatchProcessor(newSwitch(share.member(1)), new PmdStats(1, 8));

        process(pmd0, "dl_src=02:00:00:00:00:0a,dl_dst=ff:ff:ff:ff:ff:ff", 1, 1_000);
        assertThat(out).containsExactly("2", "3", "4");
        out.clear();

        process(pmd1, "dl_src=02:00:00:00:00:0b,dl_dst=02:00:00:00:00:0a", 3, 2_000);
        assertThat(out).containsExactly("1");
        out.clear();

        process(pmd0, "dl_src=02:00:00:00:00:0a,dl_dst=02:00:00:00:00:0b", 1, 3_000);
        assertThat(out).containsExactly("3");
    }
}

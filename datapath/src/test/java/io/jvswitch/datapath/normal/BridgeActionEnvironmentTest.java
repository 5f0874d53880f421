package io.jvswitch.datapath.normal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.jvswitch.datapath.exec.ActionExecutor;
import io.jvswitch.datapath.exec.ActionProgram;
import io.jvswitch.datapath.exec.OutputSink;
import io.jvswitch.datapath.exec.PacketRewriter;
import io.jvswitch.datapath.packet.HeaderOffsets;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.packet.TestFrames;
import io.jvswitch.datapath.stats.DropReason;
import io.jvswitch.datapath.stats.PmdStats;
import org.junit.jupiter.api.Test;

/** A flow's actions executed against a bridge: rewrite, then NORMAL switching of the rewritten frame. */
class BridgeActionEnvironmentTest {
    private final List<String> out = new ArrayList<>();
    private final OutputSink sink = new OutputSink() {
        @Override
        public void output(PacketBatch batch, int i, int dpPortIndex, int vlanEdit) {
            out.add(dpPortIndex + "/" + vlanEdit);
        }

        @Override
        public void drop(PacketBatch batch, int i, DropReason reason) {
            out.add("drop:" + reason);
        }
    };

    @Test
    void shouldSwitchRewrittenFrameWhenNormalFollowsRewrite() {
        NormalSwitch sw = new NormalSwitch(8, new MacLearningTable());
        sw.setPort(1, PortVlanConfig.access(5));
        sw.setPort(2, PortVlanConfig.access(5));
        sw.setPort(3, PortVlanConfig.trunk());
        sw.setPort(7, PortVlanConfig.trunk());
        NormalBatchProcessor normal = new NormalBatchProcessor(sw, new PmdStats(0, 8));
        List<Integer> packetIns = new ArrayList<>();
        BridgeActionEnvironment env = new BridgeActionEnvironment(sw, normal, 7, (b, i, len) -> packetIns.add(len));
        HeaderOffsets offsets = new HeaderOffsets();
        ActionExecutor executor = new ActionExecutor(new PacketRewriter(offsets));
        PacketBatch batch = new PacketBatch(2048);

        int learn = TestFrames.load(batch, TestFrames.parse("dl_src=02:00:00:00:00:22,dl_dst=ff:ff:ff:ff:ff:ff"), 2);
        offsets.parse(batch, learn);
        executor.execute(ActionProgram.builder().op(ActionProgram.OP_NORMAL).build(), batch, learn, 1, sink, env);
        out.clear();

        int i = TestFrames.load(batch, TestFrames.parse("dl_src=02:00:00:00:00:11,dl_dst=02:00:00:00:00:99"), 1);
        offsets.parse(batch, i);
        ActionProgram p = ActionProgram.builder().op(ActionProgram.OP_SET_ETH_DST, 0x0200_0000_0022L)
            .op(ActionProgram.OP_NORMAL).op(ActionProgram.OP_CONTROLLER, 128).op(ActionProgram.OP_ALL).build();
        executor.execute(p, batch, i, 2, sink, env);

        assertThat(out).containsExactly("2/" + OutputSink.VLAN_UNTAGGED, "2/-1", "3/-1", "7/-1");
        assertThat(packetIns).containsExactly(128);
        assertThat(env.localPort()).isEqualTo(7);
    }
}

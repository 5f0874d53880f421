package io.jvswitch.datapath.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.jvswitch.datapath.packet.HeaderOffsets;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.packet.TestFrames;
import io.jvswitch.datapath.packet.VlanTags;
import io.jvswitch.datapath.pmd.TxBatcher;
import io.jvswitch.datapath.pmd.TxBatchers;
import io.jvswitch.datapath.port.memory.MemoryPortIo;
import io.jvswitch.datapath.stats.PmdStats;
import io.jvswitch.datapath.stats.DropReason;
import org.junit.jupiter.api.Test;

class ActionExecutorTest {
    private static final int IN = 1;

    private final PacketBatch batch = new PacketBatch(4096);
    private final HeaderOffsets offsets = new HeaderOffsets();
    private final ActionExecutor executor = new ActionExecutor(new PacketRewriter(offsets));
    private final List<String> outputs = new ArrayList<>();
    private final List<byte[]> frames = new ArrayList<>();
    private final List<String> events = new ArrayList<>();

    private final OutputSink sink = new OutputSink() {
        @Override
        public void output(PacketBatch b, int i, int dpPortIndex, int vlanEdit) {
            outputs.add(Integer.toString(dpPortIndex));
            frames.add(TestFrames.bytes(b, i));
        }

        @Override
        public void drop(PacketBatch b, int i, DropReason reason) {
            events.add("drop:" + reason);
        }

        @Override
        public void beforeRewrite(PacketBatch b, int i) {
            events.add("beforeRewrite");
        }
    };

    private final ActionEnvironment env = new ActionEnvironment() {
        private final int[] ports = {1, 2, 3, 9};

        @Override
        public int[] ports() {
            return ports;
        }

        @Override
        public int localPort() {
            return 9;
        }

        @Override
        public void normal(PacketBatch b, int i, long nowNs, OutputSink s) {
            events.add("normal@" + nowNs);
        }

        @Override
        public boolean controller(PacketBatch b, int i, int maxLength) {
            events.add("controller:" + maxLength);
            return true;
        }
    };

    private int load(byte[] frame) {
        int i = TestFrames.load(batch, frame, IN);
        offsets.parse(batch, i);
        return i;
    }

    private static TestFrames.Builder udp() {
        return TestFrames.frame().ipv4(0xC6120001, 0xC6120002).l4(TestFrames.UDP, 1000, 2000).payload(20);
    }

    @Test
    void shouldSendDifferentCopiesWhenRewriteBetweenOutputs() {
        int i = load(udp().build());
        ActionProgram p = ActionProgram.builder()
            .op(ActionProgram.OP_OUTPUT, 2)
            .op(ActionProgram.OP_SET_NW_DST, 0xC6120009)
            .op(ActionProgram.OP_MOD_VLAN_VID, 30)
            .op(ActionProgram.OP_OUTPUT, 3)
            .build();

        assertThat(executor.execute(p, batch, i, 5, sink, env)).isEqualTo(2);

        assertThat(outputs).containsExactly("2", "3");
        assertThat(frames.get(0)).isEqualTo(udp().build());
        assertThat(frames.get(1)).isEqualTo(TestFrames.tag(
            TestFrames.frame().ipv4(0xC6120001, 0xC6120009).l4(TestFrames.UDP, 1000, 2000).payload(20).build(), 30));
    }

    @Test
    void shouldWarnTheSinkBeforeRewritingAFrameItAlreadyOutputOnly() {
        int i = load(udp().build());
        ActionProgram rewriteFirst = ActionProgram.builder()
            .op(ActionProgram.OP_SET_NW_DST, 0xC6120009).op(ActionProgram.OP_OUTPUT, 2).build();
        executor.execute(rewriteFirst, batch, i, 5, sink, env);
        assertThat(events).isEmpty();
        executor.execute(ActionProgram.builder()
            .op(ActionProgram.OP_OUTPUT, 2).op(ActionProgram.OP_SET_TP_DST, 7).op(ActionProgram.OP_DEC_TTL)
            .op(ActionProgram.OP_OUTPUT, 3).build(), batch, i, 5, sink, env);
        assertThat(events).containsExactly("beforeRewrite", "beforeRewrite");
    }

    @Test
    void shouldSendEachOutputAsItWasWhenTheTransmitBatchersHoldReferences() {
        PmdStats stats = new PmdStats(0, 8);
        TxBatchers tx = new TxBatchers(stats);
        MemoryPortIo two = new MemoryPortIo("p2");
        MemoryPortIo three = new MemoryPortIo("p3");
        tx.add(new TxBatcher(2, two, stats, 4096));
        tx.add(new TxBatcher(3, three, stats, 4096));
        int i = load(udp().build());
        ActionProgram p = ActionProgram.builder()
            .op(ActionProgram.OP_OUTPUT, 2)
            .op(ActionProgram.OP_SET_NW_DST, 0xC6120009)
            .op(ActionProgram.OP_OUTPUT, 3)
            .op(ActionProgram.OP_SET_TP_SRC, 4444)
            .build();

        executor.execute(p, batch, i, 5, tx, env);
        tx.flush();

        assertThat(two.takeSent()).containsExactly(udp().build());
        assertThat(three.takeSent()).containsExactly(
            TestFrames.frame().ipv4(0xC6120001, 0xC6120009).l4(TestFrames.UDP, 1000, 2000).payload(20).build());
    }

    @Test
    void shouldSkipInputPortUnlessInPortActionUsed() {
        int i = load(udp().build());
        executor.execute(ActionProgram.builder().op(ActionProgram.OP_OUTPUT, IN).build(), batch, i, 0, sink, env);
        assertThat(outputs).isEmpty();
        assertThat(events).containsExactly("drop:NO_OUTPUT");
        executor.execute(ActionProgram.builder().op(ActionProgram.OP_IN_PORT).build(), batch, i, 0, sink, env);
        assertThat(outputs).containsExactly("1");
    }

    @Test
    void shouldOutputToEveryOtherPortWhenFloodOrAll() {
        int i = load(udp().build());
        executor.execute(ActionProgram.builder().op(ActionProgram.OP_FLOOD).op(ActionProgram.OP_LOCAL).build(),
            batch, i, 0, sink, env);
        assertThat(outputs).containsExactly("2", "3", "9", "9");
    }

    @Test
    void shouldDropAndStopWhenTtlExpires() {
        int i = load(udp().ttl(1).build());
        ActionProgram p = ActionProgram.builder().op(ActionProgram.OP_DEC_TTL).op(ActionProgram.OP_OUTPUT, 2).build();
        assertThat(executor.execute(p, batch, i, 0, sink, env)).isZero();
        assertThat(outputs).isEmpty();
        assertThat(events).containsExactly("drop:TTL_EXPIRED");
    }

    @Test
    void shouldCountDropWhenProgramEmpty() {
        int i = load(udp().build());
        executor.execute(ActionProgram.DROP, batch, i, 0, sink, env);
        assertThat(events).containsExactly("drop:NO_OUTPUT");
    }

    @Test
    void shouldDelegateNormalAndControllerWhenAsked() {
        int i = load(udp().build());
        ActionProgram p = ActionProgram.builder().op(ActionProgram.OP_NORMAL).op(ActionProgram.OP_CONTROLLER, 128)
            .build();
        assertThat(executor.execute(p, batch, i, 77, sink, env)).isEqualTo(2);
        assertThat(events).containsExactly("normal@77", "controller:128");
    }

    @Test
    void shouldCopyOuterTciWhenPushingVlanOverTag() {
        int i = load(TestFrames.frame().vlan(VlanTags.tci(3, 10)).build());
        ActionProgram p = ActionProgram.builder().op(ActionProgram.OP_PUSH_VLAN, VlanTags.TPID_8021AD)
            .op(ActionProgram.OP_MOD_VLAN_VID, 20).op(ActionProgram.OP_OUTPUT, 2).build();
        executor.execute(p, batch, i, 0, sink, env);
        byte[] out = frames.get(0);
        assertThat(TestFrames.hex(out).substring(24, 40)).isEqualTo("88a8601481006" + "00a");
    }

    @Test
    void shouldReadTwoOperandsWhenIpv6AddressSet() {
        int i = load(udp().build());
        ActionProgram p = ActionProgram.builder().op(ActionProgram.OP_SET_IPV6_DST, 1L, 2L)
            .op(ActionProgram.OP_OUTPUT, 2).build();
        assertThat(p.length()).isEqualTo(5);
        executor.execute(p, batch, i, 0, sink, env);
        assertThat(outputs).containsExactly("2");
        assertThat(frames.get(0)).isEqualTo(udp().build());
    }

    @Test
    void shouldStripTagAndRewriteMacsWhenAsked() {
        byte[] plain = TestFrames.frame().payload(30).build();
        int i = load(TestFrames.tag(plain, 5));
        ActionProgram p = ActionProgram.builder().op(ActionProgram.OP_POP_VLAN)
            .op(ActionProgram.OP_SET_ETH_SRC, 0x0200_0000_0001L).op(ActionProgram.OP_SET_ETH_DST, 0x0200_0000_0002L)
            .op(ActionProgram.OP_OUTPUT, 3).build();
        executor.execute(p, batch, i, 0, sink, env);
        assertThat(frames.get(0)).isEqualTo(plain);
    }
}

package io.jvswitch.datapath.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.datapath.exec.ActionProgram;
import io.jvswitch.flowtable.FlowEntry;
import org.junit.jupiter.api.Test;

/** Which compiled flows need the frame's header offsets parsed before they run. */
class CompiledFlowTest {
    private static CompiledFlow flow(ActionProgram program) {
        return new CompiledFlow(new FlowEntry[0], program);
    }

    @Test
    void shouldNotNeedHeaderOffsetsWhenProgramOnlyOutputs() {
        ActionProgram outputs = ActionProgram.builder().op(ActionProgram.OP_OUTPUT, 2).op(ActionProgram.OP_NORMAL)
                .op(ActionProgram.OP_CONTROLLER, 128).op(ActionProgram.OP_FLOOD).op(ActionProgram.OP_LOCAL)
                .op(ActionProgram.OP_IN_PORT).op(ActionProgram.OP_ALL).build();
        assertThat(flow(outputs).rewrites()).isFalse();
        assertThat(flow(ActionProgram.DROP).rewrites()).isFalse();
        assertThat(CompiledFlow.MISS.rewrites()).isFalse();
    }

    @Test
    void shouldNeedHeaderOffsetsWhenProgramRewritesAfterOutputs() {
        ActionProgram rewrite = ActionProgram.builder().op(ActionProgram.OP_OUTPUT, 2)
                .op(ActionProgram.OP_SET_IPV6_DST, 1, 2).build();
        assertThat(flow(rewrite).rewrites()).isTrue();
        assertThat(flow(ActionProgram.builder().op(ActionProgram.OP_DEC_TTL).build()).rewrites()).isTrue();
        assertThat(flow(ActionProgram.builder().op(ActionProgram.OP_POP_VLAN).op(ActionProgram.OP_OUTPUT, 1).build())
                .rewrites()).isTrue();
    }
}

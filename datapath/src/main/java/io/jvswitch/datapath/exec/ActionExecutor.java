package io.jvswitch.datapath.exec;

import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.packet.VlanTags;
import io.jvswitch.datapath.stats.DropReason;

/**
 * Runs an {@link ActionProgram} on one frame: rewrites go to the {@link PacketRewriter} (in
 * place, so later actions see them), outputs go to the {@link OutputSink}; a rewrite after an
 * output first tells the sink ({@link OutputSink#beforeRewrite}), so an output followed by a
 * rewrite and another output sends two different frames, as OpenFlow requires.
 *
 * <p>A frame that reaches no output is counted as a drop ({@link DropReason#NO_OUTPUT}); a
 * {@code dec_ttl} on TTL 0 or 1 stops the program and drops it ({@link DropReason#TTL_EXPIRED}),
 * as does a VLAN push with no headroom left ({@link DropReason#TOO_LONG}). The frame's headers
 * must have been parsed into the rewriter's {@code HeaderOffsets} first.
 *
 * <p>Threading: one instance per PMD. Never allocates, locks or throws per frame.
 */
public final class ActionExecutor {
    private final PacketRewriter rewriter;

    /** An executor that rewrites with {@code rewriter}. */
    public ActionExecutor(PacketRewriter rewriter) {
        this.rewriter = rewriter;
    }

    /**
     * Executes {@code program} on frame {@code i} of {@code batch}. Returns the number of output
     * actions taken (a NORMAL or controller action counts as one), 0 when the frame was dropped.
     */
    public int execute(ActionProgram program, PacketBatch batch, int i, long nowNs, OutputSink sink,
        ActionEnvironment env) {
        int inPort = batch.inPort(i);
        int outputs = 0;
        int length = program.length();
        int pc = 0;
        while (pc < length) {
            int opcode = (int) program.word(pc++);
            int operands = ActionProgram.operandCount(opcode);
            long arg = operands > 0 ? program.word(pc) : 0;
            long arg2 = operands > 1 ? program.word(pc + 1) : 0;
            pc += operands;
            switch (opcode) {
                case ActionProgram.OP_OUTPUT:
                    if ((int) arg != inPort) {
                        sink.output(batch, i, (int) arg, OutputSink.VLAN_AS_IS);
                        outputs++;
                    }
                    break;
                case ActionProgram.OP_IN_PORT:
                    sink.output(batch, i, inPort, OutputSink.VLAN_AS_IS);
                    outputs++;
                    break;
                case ActionProgram.OP_FLOOD:
                case ActionProgram.OP_ALL:
                    outputs += outputAllBut(batch, i, inPort, sink, env);
                    break;
                case ActionProgram.OP_LOCAL:
                    if (env.localPort() >= 0 && env.localPort() != inPort) {
                        sink.output(batch, i, env.localPort(), OutputSink.VLAN_AS_IS);
                        outputs++;
                    }
                    break;
                case ActionProgram.OP_NORMAL:
                    if (outputs > 0) {
                        sink.beforeRewrite(batch, i);
                    }
                    env.normal(batch, i, nowNs, sink);
                    outputs++;
                    break;
                case ActionProgram.OP_CONTROLLER:
                    if (env.controller(batch, i, (int) arg)) {
                        outputs++;
                    }
                    break;
                default:
                    if (outputs > 0) {
                        sink.beforeRewrite(batch, i);
                    }
                    if (!rewrite(opcode, arg, arg2, batch, i, sink)) {
                        return 0;
                    }
                    break;
            }
        }
        if (outputs == 0) {
            sink.drop(batch, i, DropReason.NO_OUTPUT);
        }
        return outputs;
    }

    private static int outputAllBut(PacketBatch batch, int i, int inPort, OutputSink sink, ActionEnvironment env) {
        int[] ports = env.ports();
        int n = 0;
        for (int k = 0; k < ports.length; k++) {
            if (ports[k] != inPort) {
                sink.output(batch, i, ports[k], OutputSink.VLAN_AS_IS);
                n++;
            }
        }
        return n;
    }

    /** Applies a header rewrite; false when the frame was dropped (and counted). */
    private boolean rewrite(int opcode, long arg, long arg2, PacketBatch batch, int i, OutputSink sink) {
        switch (opcode) {
            case ActionProgram.OP_SET_ETH_SRC:
                rewriter.setEthSrc(batch, i, arg);
                return true;
            case ActionProgram.OP_SET_ETH_DST:
                rewriter.setEthDst(batch, i, arg);
                return true;
            case ActionProgram.OP_PUSH_VLAN:
                int tci = VlanTags.readTci(batch, i);
                if (!rewriter.pushVlan(batch, i, (int) arg, tci == VlanTags.NO_TAG ? 0 : tci)) {
                    sink.drop(batch, i, DropReason.TOO_LONG);
                    return false;
                }
                return true;
            case ActionProgram.OP_POP_VLAN:
                rewriter.popVlan(batch, i);
                return true;
            case ActionProgram.OP_MOD_VLAN_VID:
                return pushed(rewriter.modVlanVid(batch, i, (int) arg), batch, i, sink);
            case ActionProgram.OP_MOD_VLAN_PCP:
                return pushed(rewriter.modVlanPcp(batch, i, (int) arg), batch, i, sink);
            case ActionProgram.OP_SET_NW_SRC:
                rewriter.setNwSrc(batch, i, (int) arg);
                return true;
            case ActionProgram.OP_SET_NW_DST:
                rewriter.setNwDst(batch, i, (int) arg);
                return true;
            case ActionProgram.OP_SET_IPV6_SRC:
                rewriter.setIpv6Src(batch, i, arg, arg2);
                return true;
            case ActionProgram.OP_SET_IPV6_DST:
                rewriter.setIpv6Dst(batch, i, arg, arg2);
                return true;
            case ActionProgram.OP_SET_NW_TOS:
                rewriter.setNwTos(batch, i, (int) arg);
                return true;
            case ActionProgram.OP_SET_NW_TTL:
                rewriter.setNwTtl(batch, i, (int) arg);
                return true;
            case ActionProgram.OP_DEC_TTL:
                if (!rewriter.decTtl(batch, i)) {
                    sink.drop(batch, i, DropReason.TTL_EXPIRED);
                    return false;
                }
                return true;
            case ActionProgram.OP_SET_TP_SRC:
                rewriter.setTpSrc(batch, i, (int) arg);
                return true;
            case ActionProgram.OP_SET_TP_DST:
                rewriter.setTpDst(batch, i, (int) arg);
                return true;
            default:
                return true;
        }
    }

    private static boolean pushed(boolean done, PacketBatch batch, int i, OutputSink sink) {
        if (!done && VlanTags.readTci(batch, i) == VlanTags.NO_TAG) {
            sink.drop(batch, i, DropReason.TOO_LONG);
            return false;
        }
        return true;
    }
}

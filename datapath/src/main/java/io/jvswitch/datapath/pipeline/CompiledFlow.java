package io.jvswitch.datapath.pipeline;

import io.jvswitch.datapath.exec.ActionProgram;
import io.jvswitch.flowtable.FlowEntry;

/**
 * What the pipeline does with every packet of one megaflow: the flows that decided it (one per table
 * visited through {@code resubmit}/{@code goto_table}, credited with the packet) and their actions compiled
 * into one program. Immutable; built on a cache miss, shared by the caches.
 *
 * @param entries the flows consulted, in execution order (empty: a table miss, dropped)
 * @param program the compiled actions (ports already mapped to datapath port indices)
 * @param rewrites whether the program edits headers, so a frame's header offsets must be parsed before it runs
 *                 (outputs, NORMAL and packet-ins read no offsets: most flows skip that parse)
 */
public record CompiledFlow(FlowEntry[] entries, ActionProgram program, boolean rewrites) {
    /** The result of a table miss: no flow, drop. */
    public static final CompiledFlow MISS = new CompiledFlow(new FlowEntry[0], ActionProgram.DROP);

    /** A flow running {@code program}, with {@link #rewrites()} derived from its opcodes. */
    public CompiledFlow(FlowEntry[] entries, ActionProgram program) {
        this(entries, program, rewritesHeaders(program));
    }

    /** True when no flow matched. */
    public boolean isMiss() {
        return entries.length == 0;
    }

    /** True when {@code program} has an opcode other than the output kinds (an unknown one counts as a rewrite). */
    static boolean rewritesHeaders(ActionProgram program) {
        int pc = 0;
        while (pc < program.length()) {
            int opcode = (int) program.word(pc);
            switch (opcode) {
                case ActionProgram.OP_OUTPUT:
                case ActionProgram.OP_IN_PORT:
                case ActionProgram.OP_FLOOD:
                case ActionProgram.OP_ALL:
                case ActionProgram.OP_LOCAL:
                case ActionProgram.OP_NORMAL:
                case ActionProgram.OP_CONTROLLER:
                    break;
                default:
                    return true;
            }
            pc += 1 + ActionProgram.operandCount(opcode);
        }
        return false;
    }
}

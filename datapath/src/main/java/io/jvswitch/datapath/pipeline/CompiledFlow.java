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
 */
public record CompiledFlow(FlowEntry[] entries, ActionProgram program) {
    /** The result of a table miss: no flow, drop. */
    public static final CompiledFlow MISS = new CompiledFlow(new FlowEntry[0], ActionProgram.DROP);

    /** True when no flow matched. */
    public boolean isMiss() {
        return entries.length == 0;
    }
}

package io.jvswitch.flowtable;

import java.util.List;

/**
 * What an applied batch of flow mods (or an expiry pass) did.
 *
 * @param added       flows added (including ones that replaced an identical flow)
 * @param modified    flows whose actions (or cookie) a MODIFY changed
 * @param removed     flows deleted or expired (for flow-removed notifications); not ones an ADD replaced
 * @param generation  generation of the version now published (unchanged when nothing changed)
 */
public record BatchResult(int added, int modified, List<FlowEntry> removed, long generation) {
    /** Freezes the list. */
    public BatchResult {
        removed = List.copyOf(removed);
    }
}

package io.jvswitch.datapath.pmd;

import io.jvswitch.datapath.exec.OutputSink;
import io.jvswitch.datapath.packet.PacketBatch;

/**
 * What a PMD does with each received batch: the lookup + execute pipeline (key extraction,
 * caches, classifier, actions) plugs in here, and so does NORMAL-only switching.
 *
 * <p>Threading: called on the PMD thread only. Implementations must not allocate, block, lock or
 * throw per frame; every frame either reaches the sink as an output or is counted as a drop.
 */
@FunctionalInterface
public interface BatchProcessor {
    /**
     * Processes every frame of {@code batch} (all from one port: {@link PacketBatch#inPort(int)}
     * is set), sending copies to output ports and counting drops through {@code sink}. The frames
     * may be rewritten in place; the batch is cleared by the caller afterwards.
     */
    void process(PacketBatch batch, long nowNs, OutputSink sink);
}

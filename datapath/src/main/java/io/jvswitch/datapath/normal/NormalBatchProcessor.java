package io.jvswitch.datapath.normal;

import io.jvswitch.datapath.exec.OutputSink;
import io.jvswitch.datapath.packet.EthernetView;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.pmd.BatchProcessor;
import io.jvswitch.datapath.stats.DatapathCounter;
import io.jvswitch.datapath.stats.DropReason;
import io.jvswitch.datapath.stats.PmdStats;

/**
 * A pipeline that applies NORMAL to every frame: what a bridge with only its default
 * {@code priority=0,actions=NORMAL} flow does, and the NORMAL step the flow pipeline calls.
 *
 * <p>Threading: PMD thread only; owns its flyweight and decision list; never allocates.
 */
public final class NormalBatchProcessor implements BatchProcessor {
    private final NormalSwitch normalSwitch;
    private final PmdStats stats;
    private final EthernetView eth = new EthernetView();
    private final NormalDecision decision;

    /** Switches with {@code normalSwitch}, counting NORMAL and FLOOD decisions in {@code stats}. */
    public NormalBatchProcessor(NormalSwitch normalSwitch, PmdStats stats) {
        this.normalSwitch = normalSwitch;
        this.stats = stats;
        this.decision = new NormalDecision(normalSwitch.portCapacity());
    }

    @Override
    public void process(PacketBatch batch, long nowNs, OutputSink sink) {
        normalSwitch.applySharedLearning(nowNs);
        normalSwitch.macTable().expire(nowNs);
        int count = batch.count();
        for (int i = 0; i < count; i++) {
            switchFrame(batch, i, nowNs, sink);
        }
    }

    /** Applies NORMAL to frame {@code i} alone (the NORMAL action of a flow). */
    public void switchFrame(PacketBatch batch, int i, long nowNs, OutputSink sink) {
        eth.wrap(batch, i);
        if (!eth.isValid()) {
            sink.drop(batch, i, DropReason.MALFORMED);
            return;
        }
        int n = normalSwitch.decide(batch.inPort(i), eth.source(), eth.destination(), eth.vlanTci(), nowNs,
            decision);
        stats.increment(DatapathCounter.NORMAL);
        if (n == 0) {
            sink.drop(batch, i, decision.dropReason());
            return;
        }
        if (decision.isFlooded()) {
            stats.increment(DatapathCounter.FLOOD);
        }
        for (int k = 0; k < n; k++) {
            sink.output(batch, i, decision.port(k), decision.vlanEdit(k));
        }
    }
}

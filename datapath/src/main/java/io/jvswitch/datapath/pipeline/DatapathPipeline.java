package io.jvswitch.datapath.pipeline;

import io.jvswitch.datapath.exec.OutputSink;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.pmd.BatchProcessor;
import io.jvswitch.datapath.stats.DropReason;

/**
 * The PMD's batch processor: hands each receive batch to the {@link BridgePipeline} of the bridge its input
 * port belongs to. Every frame of a batch comes from one port, so the dispatch is one array read per batch.
 *
 * <p>Threading: PMD thread only; {@link #attach}/{@link #detach} are commands posted through the PMD's proxy.
 */
public final class DatapathPipeline implements BatchProcessor {
    private final BridgePipeline[] bridgeOfPort;

    /** A pipeline for datapath port indices {@code 0 .. portCapacity-1}. */
    public DatapathPipeline(int portCapacity) {
        this.bridgeOfPort = new BridgePipeline[portCapacity];
    }

    /** Command: frames received on {@code dpPortIndex} are switched by {@code bridge}. */
    public void attach(int dpPortIndex, BridgePipeline bridge) {
        bridgeOfPort[dpPortIndex] = bridge;
    }

    /** Command: frames received on {@code dpPortIndex} are dropped. */
    public void detach(int dpPortIndex) {
        bridgeOfPort[dpPortIndex] = null;
    }

    @Override
    public void process(PacketBatch batch, long nowNs, OutputSink sink) {
        int count = batch.count();
        if (count == 0) {
            return;
        }
        int in = batch.inPort(0);
        BridgePipeline bridge = in >= 0 && in < bridgeOfPort.length ? bridgeOfPort[in] : null;
        if (bridge == null) {
            for (int i = 0; i < count; i++) {
                sink.drop(batch, i, DropReason.NO_SUCH_PORT);
            }
            return;
        }
        bridge.process(batch, nowNs, sink);
    }
}

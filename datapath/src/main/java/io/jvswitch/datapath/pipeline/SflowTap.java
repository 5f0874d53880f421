package io.jvswitch.datapath.pipeline;

import io.jvswitch.datapath.exec.OutputSink;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.sflow.SflowInterfaces;
import io.jvswitch.datapath.sflow.SflowSampleRing;
import io.jvswitch.datapath.sflow.SflowSampler;
import io.jvswitch.datapath.stats.DropReason;

/**
 * sFlow sampling of one bridge on one PMD: a sampler per port, the bridge's sample ring, and an
 * {@link OutputSink} wrapper that learns where a sampled frame went. A sampled frame's header is claimed in
 * the ring as received, before its actions run; the claim is published with the output once they ran.
 *
 * <p>Threading: PMD thread only; {@link #setPort}/{@link #clearPort} are commands posted through the PMD's
 * proxy. Never allocates per frame.
 */
public final class SflowTap implements OutputSink {
    private final SflowSampleRing ring;
    private final SflowSampler[] samplerOfDp;
    private final int[] ifIndexOfDp;
    private OutputSink delegate;
    private int outputs;
    private int lastOutput;
    private int lastTagEdit;

    /** Sampling into {@code ring} for datapath port indices {@code 0 .. portCapacity-1}. */
    public SflowTap(SflowSampleRing ring, int portCapacity) {
        this.ring = ring;
        this.samplerOfDp = new SflowSampler[portCapacity];
        this.ifIndexOfDp = new int[portCapacity];
    }

    /** Command: samples port {@code dpPortIndex} (Linux ifIndex {@code ifIndex}) with {@code sampler}. */
    public void setPort(int dpPortIndex, SflowSampler sampler, int ifIndex) {
        samplerOfDp[dpPortIndex] = sampler;
        ifIndexOfDp[dpPortIndex] = ifIndex;
    }

    /** Command: stops sampling port {@code dpPortIndex}. */
    public void clearPort(int dpPortIndex) {
        samplerOfDp[dpPortIndex] = null;
        ifIndexOfDp[dpPortIndex] = 0;
    }

    /** Applies sampling-rate changes of the port's sampler; once per batch. */
    void beginBatch(int dpPortIndex) {
        SflowSampler s = dpPortIndex >= 0 && dpPortIndex < samplerOfDp.length ? samplerOfDp[dpPortIndex] : null;
        if (s != null) {
            s.applyPendingRate();
        }
    }

    /**
     * Decides whether frame {@code i} is sampled; if so claims its header (as received) and returns the claim,
     * else -1.
     */
    int maybeClaim(PacketBatch batch, int i, int inVlanTci) {
        int dp = batch.inPort(i);
        SflowSampler s = samplerOfDp[dp];
        if (s == null || !s.sample()) {
            return -1;
        }
        return ring.claim(s, batch.memory(), batch.frameOffset(i), batch.frameLength(i), ifIndexOfDp[dp],
                inVlanTci);
    }

    /** The sink to execute a claimed frame's actions through: counts outputs, then passes them on. */
    OutputSink track(OutputSink sink) {
        delegate = sink;
        outputs = 0;
        lastOutput = -1;
        lastTagEdit = -1;
        return this;
    }

    /**
     * Publishes a claim with the outputs seen since {@link #track}. The outgoing VLAN is {@code bridgeTci} (the
     * frame's VLAN after input processing, e.g. an access port's tag), unless an output set a tag explicitly.
     */
    void publish(int claim, int bridgeTci) {
        int ifIndex = lastOutput >= 0 ? ifIndexOfDp[lastOutput] : 0;
        int outTci = lastTagEdit >= 0 ? lastTagEdit : bridgeTci;
        ring.publish(claim, SflowInterfaces.forOutputs(outputs, ifIndex), outTci);
    }

    @Override
    public void output(PacketBatch batch, int i, int dpPortIndex, int vlanEdit) {
        outputs++;
        lastOutput = dpPortIndex;
        if (vlanEdit >= 0) {
            lastTagEdit = vlanEdit;
        }
        delegate.output(batch, i, dpPortIndex, vlanEdit);
    }

    @Override
    public void drop(PacketBatch batch, int i, DropReason reason) {
        delegate.drop(batch, i, reason);
    }

    @Override
    public void beforeRewrite(PacketBatch batch, int i) {
        delegate.beforeRewrite(batch, i);
    }
}

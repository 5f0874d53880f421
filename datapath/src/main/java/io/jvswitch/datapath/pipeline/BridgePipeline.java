package io.jvswitch.datapath.pipeline;

import io.jvswitch.datapath.exec.ActionExecutor;
import io.jvswitch.datapath.exec.OutputSink;
import io.jvswitch.datapath.exec.PacketRewriter;
import io.jvswitch.datapath.normal.BridgeActionEnvironment;
import io.jvswitch.datapath.normal.MacLearningShare;
import io.jvswitch.datapath.normal.MacLearningTable;
import io.jvswitch.datapath.normal.NormalBatchProcessor;
import io.jvswitch.datapath.normal.NormalSwitch;
import io.jvswitch.datapath.normal.PortVlanConfig;
import io.jvswitch.datapath.normal.VlanPolicy;
import io.jvswitch.datapath.packet.HeaderOffsets;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.packet.VlanTags;
import io.jvswitch.datapath.stats.DatapathCounter;
import io.jvswitch.datapath.stats.DropReason;
import io.jvswitch.datapath.stats.PmdStats;
import io.jvswitch.flowtable.FlowEntry;
import io.jvswitch.flowtable.FlowTables;
import io.jvswitch.flowtable.OfPort;
import io.jvswitch.flowtable.classifier.ClassifierVersion;
import io.jvswitch.flowtable.classifier.LookupScratch;
import io.jvswitch.flowtable.match.FlowKey;
import io.jvswitch.flowtable.match.FlowKeyExtractor;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.agrona.collections.Int2IntHashMap;

/**
 * The lookup-and-execute pipeline of one bridge on one PMD.
 *
 * <p><b>What.</b> For each frame: extract the {@link FlowKey} (in_port = the port's OpenFlow number);
 * drop and count it if it is malformed or truncated; then look it up in named stages, each counted:
 * {@link ExactMatchCache} ({@code EMC_HIT}), {@link MegaflowCache} ({@code MEGAFLOW_HIT}), the bridge's
 * classifier ({@code CLASSIFIER_HIT}, or {@code MISS} when no flow matches: dropped as
 * {@link DropReason#NO_FLOW}); a classifier result is compiled ({@link FlowCompiler}) and installed in both
 * caches. Then every flow that decided is credited with the packet and the compiled program runs through
 * the {@link ActionExecutor}, with NORMAL handled by the bridge's {@link NormalSwitch}.
 *
 * <p><b>Threading.</b> PMD thread only. The flow tables are read through their published version once per
 * batch; port membership, VLAN configuration and MAC-table settings change only through commands the control
 * plane posts with the PMD's proxy ({@link #bindPort}, {@link #unbindPort}, {@link #setMacTableLimits}).
 *
 * <p><b>Invariants.</b> Cached results belong to exactly one flow-table generation and one port layout: a
 * change of either empties both caches before the next frame is looked up. Steady state (cache hits)
 * allocates nothing.
 */
public final class BridgePipeline {
    private final String name;
    private final FlowTables tables;
    private final PmdStats stats;
    private final int statsSlot;
    private final NormalSwitch normalSwitch;
    private final NormalBatchProcessor normal;
    private final BridgeActionEnvironment env;
    private final ExactMatchCache emc = new ExactMatchCache(ExactMatchCache.DEFAULT_ENTRIES);
    private final MegaflowCache megaflow = new MegaflowCache();
    private final FlowKeyExtractor extractor = new FlowKeyExtractor();
    private final FlowKey key = new FlowKey();
    private final LookupScratch scratch = new LookupScratch();
    private final long[] consulted = new long[FlowKey.WORDS];
    private final HeaderOffsets offsets = new HeaderOffsets();
    private final ActionExecutor executor = new ActionExecutor(new PacketRewriter(offsets));
    private final int[] ofportOfDp;
    private final Int2IntHashMap dpOfOfport = new Int2IntHashMap(-1);
    private final FlowCompiler compiler = new FlowCompiler(dpOfOfport::get);
    private long cachedGeneration = -1;
    private boolean layoutChanged = true;
    private SflowTap sflow;

    /**
     * A pipeline for bridge {@code name} switching datapath port indices {@code 0 .. portCapacity-1}.
     *
     * @param tables    the bridge's flow tables (read through their published versions)
     * @param stats     the PMD's counters; flows are credited in counter slot {@code stats.pmdId()}
     */
    public BridgePipeline(String name, FlowTables tables, PmdStats stats, int portCapacity) {
        this(name, tables, stats, portCapacity, null);
    }

    /**
     * A pipeline for one PMD of a bridge spread over several: {@code macShare} (null for none) is this
     * PMD's member of the bridge's {@link MacLearningShare}, through which the PMDs' MAC tables learn
     * each other's addresses.
     */
    public BridgePipeline(String name, FlowTables tables, PmdStats stats, int portCapacity,
        MacLearningShare.Member macShare) {
        this.name = name;
        this.tables = tables;
        this.stats = stats;
        this.statsSlot = stats.pmdId();
        this.normalSwitch = new NormalSwitch(portCapacity, new MacLearningTable(), macShare);
        this.normal = new NormalBatchProcessor(normalSwitch, stats);
        // No packet-in stream yet: a controller action outputs nothing (the frame counts as dropped).
        this.env = new BridgeActionEnvironment(normalSwitch, normal, -1, null);
        this.ofportOfDp = new int[portCapacity];
        Arrays.fill(ofportOfDp, -1);
    }

    /** The bridge's name. */
    public String name() {
        return name;
    }

    /** The bridge's NORMAL switch (its MAC table); PMD thread only. */
    public NormalSwitch normalSwitch() {
        return normalSwitch;
    }

    /** Command: port {@code dpPortIndex} is OpenFlow port {@code ofport} of this bridge with {@code vlan}. */
    public void bindPort(int dpPortIndex, int ofport, PortVlanConfig vlan) {
        int old = ofportOfDp[dpPortIndex];
        if (old != ofport) {
            if (old >= 0) {
                dpOfOfport.remove(old);
            }
            ofportOfDp[dpPortIndex] = ofport;
            dpOfOfport.put(ofport, dpPortIndex);
            layoutChanged = true;
        }
        if (ofport == OfPort.LOCAL) {
            env.setLocalPort(dpPortIndex);
        }
        normalSwitch.setPort(dpPortIndex, vlan);
    }

    /** Command: port {@code dpPortIndex} leaves this bridge. */
    public void unbindPort(int dpPortIndex) {
        int old = ofportOfDp[dpPortIndex];
        if (old >= 0) {
            dpOfOfport.remove(old);
            ofportOfDp[dpPortIndex] = -1;
            layoutChanged = true;
        }
        if (env.localPort() == dpPortIndex) {
            env.setLocalPort(-1);
        }
        normalSwitch.removePort(dpPortIndex);
    }

    /** Command: applies {@code other_config:mac-table-size} and {@code mac-aging-time}. */
    public void setMacTableLimits(int maxEntries, long agingNs) {
        MacLearningTable table = normalSwitch.macTable();
        if (table.maxEntries() != maxEntries) {
            table.setMaxEntries(maxEntries);
        }
        if (table.agingNs() != agingNs) {
            table.setAgingNs(agingNs);
        }
    }

    /** Command: samples this bridge's frames with {@code tap}, or stops sampling (null). */
    public void setSflow(SflowTap tap) {
        this.sflow = tap;
    }

    /** Processes a receive batch whose frames all arrived on one port of this bridge. */
    public void process(PacketBatch batch, long nowNs, OutputSink sink) {
        ClassifierVersion<FlowEntry> version = tables.current();
        if (version.generation() != cachedGeneration || layoutChanged) {
            emc.invalidate();
            megaflow.invalidate();
            cachedGeneration = version.generation();
            layoutChanged = false;
        }
        normalSwitch.applySharedLearning(nowNs);
        normalSwitch.macTable().expire(nowNs);
        SflowTap tap = sflow;
        if (tap != null) {
            tap.beginBatch(batch.inPort(0));
        }
        ByteBuffer memory = batch.memory().byteBuffer();
        int count = batch.count();
        for (int i = 0; i < count; i++) {
            processFrame(batch, i, memory, version, nowNs, sink);
        }
    }

    private void processFrame(PacketBatch batch, int i, ByteBuffer memory, ClassifierVersion<FlowEntry> version,
        long nowNs, OutputSink sink) {
        int length = batch.frameLength(i);
        int dp = batch.inPort(i);
        int ofport = dp >= 0 && dp < ofportOfDp.length ? ofportOfDp[dp] : -1;
        if (ofport < 0) {
            sink.drop(batch, i, DropReason.NO_SUCH_PORT);
            return;
        }
        extractor.extract(memory, batch.frameOffset(i), length, ofport, key);
        if (key.flags() != 0) {
            sink.drop(batch, i, DropReason.MALFORMED);
            return;
        }
        SflowTap tap = sflow;
        int claim = tap == null ? -1 : tap.maybeClaim(batch, i, receivedTci(key));
        int bridgeTci = claim < 0 ? 0 : bridgeTci(dp, key);
        OutputSink out = claim < 0 ? sink : tap.track(sink);
        CompiledFlow flow = lookup(version);
        if (flow.isMiss()) {
            out.drop(batch, i, DropReason.NO_FLOW);
        } else {
            FlowEntry[] entries = flow.entries();
            for (int k = 0; k < entries.length; k++) {
                entries[k].stats().record(statsSlot, 1, length, nowNs);
            }
            if (flow.rewrites()) {
                offsets.parse(batch, i);
            }
            executor.execute(flow.program(), batch, i, nowNs, out, env);
        }
        if (claim >= 0) {
            tap.publish(claim, bridgeTci);
        }
    }

    /** The frame's VLAN TCI as sFlow reports it (0 when untagged). */
    private static int receivedTci(FlowKey key) {
        int tci = key.vlanTci();
        return (tci & FlowKey.VLAN_PRESENT) != 0 ? tci & ~FlowKey.VLAN_PRESENT : 0;
    }

    /**
     * The frame's VLAN TCI after input processing, which sFlow reports as the outgoing VLAN (an untagged frame on
     * an access port is in the port's VLAN): what NORMAL switching would assign, or the received TCI when the port
     * has no VLAN configuration or would not admit the frame.
     */
    private int bridgeTci(int dp, FlowKey key) {
        PortVlanConfig config = normalSwitch.port(dp);
        int received = receivedTci(key);
        if (config == null) {
            return received;
        }
        boolean tagged = (key.vlanTci() & FlowKey.VLAN_PRESENT) != 0;
        int tci = VlanPolicy.ingress(config, tagged ? received : VlanTags.NO_TAG);
        return tci == VlanPolicy.DROP ? received : tci;
    }

    private CompiledFlow lookup(ClassifierVersion<FlowEntry> version) {
        CompiledFlow flow = emc.lookup(key);
        if (flow != null) {
            stats.increment(DatapathCounter.EMC_HIT);
            return flow;
        }
        flow = megaflow.lookup(key);
        if (flow != null) {
            stats.increment(DatapathCounter.MEGAFLOW_HIT);
            stats.add(DatapathCounter.MEGAFLOW_MASKS_PROBED, megaflow.masksProbedByLastHit());
            emc.insert(key, flow);
            return flow;
        }
        scratch.reset();
        flow = compiler.compile(version, key, scratch);
        stats.increment(flow.isMiss() ? DatapathCounter.MISS : DatapathCounter.CLASSIFIER_HIT);
        scratch.copyConsultedMask(consulted);
        megaflow.insert(key, consulted, flow);
        emc.insert(key, flow);
        return flow;
    }

    /**
     * Which stage would decide {@code probe} now ("exact-match cache", "megaflow cache" or "classifier"),
     * without changing any cache. For {@code ofproto/trace}; PMD thread only.
     */
    public String stageFor(FlowKey probe) {
        if (tables.current().generation() != cachedGeneration || layoutChanged) {
            return "classifier";
        }
        if (emc.lookup(probe) != null) {
            return "exact-match cache";
        }
        return megaflow.lookup(probe) != null ? "megaflow cache" : "classifier";
    }

    /** Frames counted by the caches' current sizes, for {@code dpif/show}: EMC entries. PMD thread only. */
    public int emcSize() {
        return emc.size();
    }

    /** Distinct megaflow masks in use. PMD thread only. */
    public int megaflowMasks() {
        return megaflow.maskCount();
    }
}

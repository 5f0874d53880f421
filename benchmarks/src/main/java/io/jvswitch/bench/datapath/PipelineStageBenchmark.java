package io.jvswitch.bench.datapath;

import io.jvswitch.datapath.Datapath;
import io.jvswitch.datapath.exec.ActionExecutor;
import io.jvswitch.datapath.exec.ActionProgram;
import io.jvswitch.datapath.exec.PacketRewriter;
import io.jvswitch.datapath.normal.BridgeActionEnvironment;
import io.jvswitch.datapath.normal.MacLearningTable;
import io.jvswitch.datapath.normal.NormalBatchProcessor;
import io.jvswitch.datapath.normal.NormalSwitch;
import io.jvswitch.datapath.normal.PortVlanConfig;
import io.jvswitch.datapath.packet.HeaderOffsets;
import io.jvswitch.datapath.packet.MacAddresses;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.pipeline.BridgePipeline;
import io.jvswitch.datapath.pipeline.CompiledFlow;
import io.jvswitch.datapath.pipeline.ExactMatchCache;
import io.jvswitch.datapath.pipeline.FlowCompiler;
import io.jvswitch.datapath.pipeline.MegaflowCache;
import io.jvswitch.datapath.pmd.PortWaiter;
import io.jvswitch.datapath.pmd.ThreadingMode;
import io.jvswitch.datapath.pmd.TxBatcher;
import io.jvswitch.datapath.pmd.TxBatchers;
import io.jvswitch.datapath.port.memory.MemoryPortIo;
import io.jvswitch.datapath.stats.DatapathCounter;
import io.jvswitch.datapath.stats.PmdStats;
import io.jvswitch.flowtable.FlowEntry;
import io.jvswitch.flowtable.FlowModException;
import io.jvswitch.flowtable.FlowTables;
import io.jvswitch.flowtable.classifier.ClassifierVersion;
import io.jvswitch.flowtable.classifier.LookupScratch;
import io.jvswitch.flowtable.match.FlowKey;
import io.jvswitch.flowtable.match.FlowKeyExtractor;
import io.jvswitch.flowtable.text.FlowParser;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Nanoseconds per frame of each stage of the datapath, every stage run on a batch of 32 64-byte UDP frames
 * (one PMD batch), with the pieces the {@link BridgePipeline} uses put together by hand so that each stage
 * can be timed alone:
 *
 * <ul>
 *   <li>{@link #extract}: flow key extraction from the batch's memory;</li>
 *   <li>{@link #emcHit}: exact-match cache lookups that hit;</li>
 *   <li>{@link #megaflowHit}: megaflow lookups that hit (the EMC missed or is skipped);</li>
 *   <li>{@link #upcall}: the miss path: classifier lookup in table 0, action compilation, megaflow and EMC
 *       install (the caches are emptied first, so every frame misses);</li>
 *   <li>{@link #executeOutput} / {@link #executeNormal}: header parse plus the compiled program
 *       {@code output:2} / {@code NORMAL} (destination MAC learned) into the transmit batchers, and their
 *       flush to in-memory ports (which count, not copy);</li>
 *   <li>{@link #bridge}: {@link BridgePipeline#process} plus the flush: everything a PMD does with a receive
 *       batch except receiving it; {@link #bridgeManyFlows} the same over 1,024 flows;</li>
 *   <li>{@link #headerParse}: the header-offset parse the executor needs, alone;</li>
 *   <li>{@link #pmdCycle}: one PMD duty cycle ({@code doWork}) of a {@link Datapath} over in-memory ports,
 *       including the in-memory port's receive copy, after injecting the 32 frames; {@link #injectOnly}
 *       is the injection and receive copy alone, to subtract.</li>
 * </ul>
 *
 * <p>{@code table=normal}: the bridge's default table (one NORMAL flow), frames of 32 UDP flows between the
 * anchors topology's two MACs. {@code table=flows10k}: the {@link FlowSet} table (10,000 rules in 8 masks
 * plus the NORMAL default), frame i hits rule (i % 8, i / 8), so a batch touches 32 rules in all 8 masks.
 *
 * <p>The frames are never changed by a stage, so the same batch is reused; the clock is frozen (no MAC aging).
 * {@link PipelineStageCpuTime} runs the same methods against thread CPU time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PipelineStageBenchmark {
    /** Frames per invocation: one PMD batch. */
    public static final int BURST = PacketBatch.MAX_BURST;
    private static final int IN_DP = 1;
    private static final int OUT_DP = 2;
    private static final int OTHER_DP = 3;
    private static final int PORTS = 8;
    private static final long NOW = 1_000_000_000L;
    private static final int FRAME_CAPACITY = 2048;
    /** Flows of {@link #bridgeManyFlows}: 1,024 (128 rules in each of the 8 masks with flows10k). */
    public static final int MANY_FLOWS = 1024;

    /** Which flow table: "normal" or "flows10k" (see the class comment). */
    @Param({"normal", "flows10k"})
    public String table;

    private final FlowKeyExtractor extractor = new FlowKeyExtractor();
    private final FlowKey key = new FlowKey();
    private final FlowKey[] keys = new FlowKey[BURST];
    private final LookupScratch scratch = new LookupScratch();
    private final long[] consulted = new long[FlowKey.WORDS];
    private final ExactMatchCache emc = new ExactMatchCache(ExactMatchCache.DEFAULT_ENTRIES);
    private final MegaflowCache megaflow = new MegaflowCache();
    private final ExactMatchCache upcallEmc = new ExactMatchCache(ExactMatchCache.DEFAULT_ENTRIES);
    private final MegaflowCache upcallMegaflow = new MegaflowCache();
    private final FlowCompiler compiler = new FlowCompiler(PipelineStageBenchmark::dpPortOf);
    private final HeaderOffsets offsets = new HeaderOffsets();
    private final ActionExecutor executor = new ActionExecutor(new PacketRewriter(offsets));
    private final ActionProgram outputProgram = ActionProgram.builder().op(ActionProgram.OP_OUTPUT, OUT_DP).build();
    private final ActionProgram normalProgram = ActionProgram.builder().op(ActionProgram.OP_NORMAL).build();
    private final Map<String, MemoryPortIo> memoryPorts = new HashMap<>();
    private PmdStats stats;
    private PacketBatch batch;
    private ByteBuffer memory;
    private ClassifierVersion<FlowEntry> version;
    private TxBatchers sink;
    private MemoryPortIo[] ports;
    private BridgeActionEnvironment env;
    private BridgePipeline bridge;
    private Datapath datapath;
    private MemoryPortIo pmdIn;
    private MemoryPortIo pmdOut;
    private byte[][] frameBytes;
    private PacketBatch injectBatch;
    private final PacketBatch[] manyBatches = new PacketBatch[MANY_FLOWS / BURST];
    private int nextBatch;

    private static int dpPortOf(int ofport) {
        return ofport >= 1 && ofport <= 3 ? ofport : -1;
    }

    /** Builds the table, the frames, the caches and the ports, and checks each stage does what it claims. */
    @Setup
    public void setUp() throws FlowModException {
        Frames.FrameSpec spec = frameSpec();
        stats = new PmdStats(0, PORTS);
        FlowTables tables = newTables();
        version = tables.current();
        batch = new PacketBatch(FRAME_CAPACITY);
        Frames.fill(batch, IN_DP, spec, 0);
        for (int b = 0; b < manyBatches.length; b++) {
            manyBatches[b] = new PacketBatch(FRAME_CAPACITY);
            Frames.fill(manyBatches[b], IN_DP, spec, b * BURST);
        }
        memory = batch.memory().byteBuffer();
        for (int i = 0; i < BURST; i++) {
            keys[i] = extractor.extract(memory, batch.frameOffset(i), batch.frameLength(i), 1, new FlowKey());
            if (keys[i].flags() != 0) {
                throw new IllegalStateException("frame " + i + " does not parse: flags " + keys[i].flags());
            }
            scratch.reset();
            CompiledFlow flow = compiler.compile(version, keys[i], scratch);
            scratch.copyConsultedMask(consulted);
            if (flow.isMiss()) {
                throw new IllegalStateException("frame " + i + " matches no flow");
            }
            megaflow.insert(keys[i], consulted, flow);
            emc.insert(keys[i], flow);
        }
        sink = new TxBatchers(stats);
        ports = new MemoryPortIo[PORTS];
        for (int dp : new int[] {IN_DP, OUT_DP, OTHER_DP}) {
            ports[dp] = new MemoryPortIo("p" + dp, 64, FRAME_CAPACITY);
            ports[dp].setCapture(false);
            sink.add(new TxBatcher(dp, ports[dp], stats, FRAME_CAPACITY));
        }
        NormalSwitch normalSwitch = new NormalSwitch(PORTS, new MacLearningTable());
        for (int dp : new int[] {IN_DP, OUT_DP, OTHER_DP}) {
            normalSwitch.setPort(dp, PortVlanConfig.TRUNK_ALL);
        }
        normalSwitch.macTable().learn(0, MacAddresses.parse(FlowSet.MAC2), OUT_DP, NOW);
        env = new BridgeActionEnvironment(normalSwitch, new NormalBatchProcessor(normalSwitch, stats), -1, null);
        bridge = new BridgePipeline("br0", tables, stats, PORTS);
        for (int dp : new int[] {IN_DP, OUT_DP, OTHER_DP}) {
            bridge.bindPort(dp, dp, PortVlanConfig.TRUNK_ALL);
        }
        bridge.normalSwitch().macTable().learn(0, MacAddresses.parse(FlowSet.MAC2), OUT_DP, NOW);
        setUpDatapath(spec);
        verify();
    }

    private Frames.FrameSpec frameSpec() {
        switch (table) {
            case "normal":
                return Frames.SIMPLE;
            case "flows10k":
                return Frames.FLOW_SET;
            default:
                throw new IllegalArgumentException("table: normal or flows10k, not " + table);
        }
    }

    private FlowTables newTables() throws FlowModException {
        FlowTables tables = FlowTables.newBridge(() -> NOW, 1);
        if ("flows10k".equals(table)) {
            FlowParser parser = new FlowParser();
            for (String line : FlowSet.lines()) {
                tables.apply(parser.parseFlowModLine(line));
            }
        }
        return tables;
    }

    private void setUpDatapath(Frames.FrameSpec spec) throws FlowModException {
        datapath = new Datapath((name, type) -> memoryPorts.computeIfAbsent(name,
            n -> new MemoryPortIo(n, 64, FRAME_CAPACITY)), ThreadingMode.INVOKER, (PortWaiter) null, () -> NOW,
            FRAME_CAPACITY);
        datapath.addBridge("br0", newTables());
        datapath.addPort("br0", "p1", "", 1, PortVlanConfig.TRUNK_ALL);
        datapath.addPort("br0", "p2", "", 2, PortVlanConfig.TRUNK_ALL);
        datapath.addPort("br0", "p3", "", 3, PortVlanConfig.TRUNK_ALL);
        memoryPorts.values().forEach(p -> p.setCapture(false));
        pmdIn = memoryPorts.get("p1");
        pmdOut = memoryPorts.get("p2");
        frameBytes = new byte[BURST][];
        for (int i = 0; i < BURST; i++) {
            frameBytes[i] = Frames.bytes(spec, i);
        }
        // The receiving side's MAC is learned from a frame it sends (its source and destination swapped).
        byte[] reply = frameBytes[0].clone();
        System.arraycopy(frameBytes[0], 0, reply, 6, 6);
        System.arraycopy(frameBytes[0], 6, reply, 0, 6);
        pmdOut.inject(reply);
        datapath.pmd().doWork();
        injectBatch = new PacketBatch(FRAME_CAPACITY);
    }

    /** Each stage once, checked: a benchmark of a stage that silently does something else measures nothing. */
    private void verify() {
        long out0 = ports[OUT_DP].sentFrames();
        long other0 = ports[OTHER_DP].sentFrames();
        if (emcHit() != BURST || megaflowHit() != BURST) {
            throw new IllegalStateException("cache lookups missed");
        }
        upcall();
        executeOutput();
        executeNormal();
        bridge();
        if (ports[OUT_DP].sentFrames() - out0 != 3L * BURST || ports[OTHER_DP].sentFrames() != other0) {
            throw new IllegalStateException("frames not switched to port 2 only: " + ports[OUT_DP].sentFrames()
                + " " + ports[OTHER_DP].sentFrames());
        }
        long pmd0 = pmdOut.sentFrames();
        pmdCycle();
        if (pmdOut.sentFrames() - pmd0 != BURST || memoryPorts.get("p3").sentFrames() > 1) {
            throw new IllegalStateException("PMD cycle did not switch the batch to p2");
        }
    }

    /** Closes the datapath. */
    @TearDown
    public void tearDown() {
        datapath.close();
    }

    /** Key extraction of every frame. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long extract() {
        long sum = 0;
        for (int i = 0; i < BURST; i++) {
            sum += extractor.extract(memory, batch.frameOffset(i), batch.frameLength(i), 1, key).tpSrc();
        }
        return sum;
    }

    /** Exact-match cache lookups, all hits; returns the number of hits. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int emcHit() {
        int hits = 0;
        for (int i = 0; i < BURST; i++) {
            hits += emc.lookup(keys[i]) != null ? 1 : 0;
        }
        return hits;
    }

    /** Megaflow lookups, all hits; returns the number of hits. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int megaflowHit() {
        int hits = 0;
        for (int i = 0; i < BURST; i++) {
            hits += megaflow.lookup(keys[i]) != null ? 1 : 0;
        }
        return hits;
    }

    /** The bridge pipelines' lookup counters so far: EMC hits, megaflow hits, classifier hits. */
    public long[] lookupCounters() {
        return new long[] {stats.get(DatapathCounter.EMC_HIT), stats.get(DatapathCounter.MEGAFLOW_HIT),
            stats.get(DatapathCounter.CLASSIFIER_HIT)};
    }

    /** Number of masks in the megaflow cache the hits are measured on. */
    public int megaflowMasks() {
        return megaflow.maskCount();
    }

    /** The miss path for every frame: classifier, compile, install in both caches (emptied first). */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int upcall() {
        upcallEmc.invalidate();
        upcallMegaflow.invalidate();
        int entries = 0;
        for (int i = 0; i < BURST; i++) {
            FlowKey k = keys[i];
            scratch.reset();
            CompiledFlow flow = compiler.compile(version, k, scratch);
            scratch.copyConsultedMask(consulted);
            upcallMegaflow.insert(k, consulted, flow);
            upcallEmc.insert(k, flow);
            entries += flow.entries().length;
        }
        return entries;
    }

    /** Header parse and {@code output:2} for every frame, then the transmit flush. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int executeOutput() {
        return execute(outputProgram);
    }

    /** Header parse and {@code NORMAL} (destination learned on port 2) for every frame, then the flush. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int executeNormal() {
        return execute(normalProgram);
    }

    private int execute(ActionProgram program) {
        int outputs = 0;
        for (int i = 0; i < BURST; i++) {
            offsets.parse(batch, i);
            outputs += executor.execute(program, batch, i, NOW, sink, env);
        }
        return outputs + sink.flush();
    }

    /** The whole bridge pipeline on the batch (extraction, caches, actions) and the transmit flush. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int bridge() {
        bridge.process(batch, NOW, sink);
        return sink.flush();
    }

    /**
     * The whole bridge pipeline on one of 32 batches that together carry {@link #MANY_FLOWS} flows, in turn: the
     * caches see about as many flows as {@code bench/flows.sh} sends (EMC slot collisions, megaflow hits).
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int bridgeManyFlows() {
        PacketBatch b = manyBatches[nextBatch];
        nextBatch = nextBatch + 1 == manyBatches.length ? 0 : nextBatch + 1;
        bridge.process(b, NOW, sink);
        return sink.flush();
    }

    /** Header offsets parse alone (the executor's rewriter needs it; the key extraction parsed the same headers). */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int headerParse() {
        int ok = 0;
        for (int i = 0; i < BURST; i++) {
            ok += offsets.parse(batch, i) ? 1 : 0;
        }
        return ok;
    }

    /** Injects the 32 frames into an in-memory port and runs one PMD duty cycle. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int pmdCycle() {
        for (int i = 0; i < BURST; i++) {
            pmdIn.inject(frameBytes[i]);
        }
        return datapath.pmd().doWork();
    }

    /** What {@link #pmdCycle} spends on the in-memory port: injection and the receive copy, no switching. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int injectOnly() {
        MemoryPortIo port = ports[IN_DP];
        for (int i = 0; i < BURST; i++) {
            port.inject(frameBytes[i]);
        }
        injectBatch.clear();
        return port.receive(injectBatch);
    }
}

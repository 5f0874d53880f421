package io.jvswitch.datapath;

import io.jvswitch.datapath.normal.MacLearningShare;
import io.jvswitch.datapath.normal.PortVlanConfig;
import io.jvswitch.datapath.pipeline.BridgePipeline;
import io.jvswitch.datapath.pipeline.DatapathPipeline;
import io.jvswitch.datapath.pipeline.SflowTap;
import io.jvswitch.datapath.pmd.PmdAgent;
import io.jvswitch.datapath.pmd.PmdIdleStrategies;
import io.jvswitch.datapath.pmd.PmdProxy;
import io.jvswitch.datapath.pmd.PortWaiter;
import io.jvswitch.datapath.pmd.PortWaitingIdleStrategy;
import io.jvswitch.datapath.pmd.ThreadingMode;
import io.jvswitch.datapath.port.PortIo;
import io.jvswitch.datapath.sflow.SflowConfig;
import io.jvswitch.datapath.sflow.SflowSampler;
import io.jvswitch.datapath.stats.PmdStats;
import io.jvswitch.datapath.stats.PortCounter;
import io.jvswitch.datapath.stats.StatsReader;
import io.jvswitch.flowtable.FlowTables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datapath's control-plane facade (Open vSwitch's "dpif"): bridges, their ports and devices, and the
 * PMD that forwards between them.
 *
 * <p><b>What.</b> A bridge is a name, its {@link FlowTables} and a {@link BridgePipeline} on every PMD. A
 * port is a datapath port index ({@code dpPortIndex}, dense, internal) with a stable OpenFlow number
 * ({@code ofport}, user-visible), a device opened through a {@link PortOpener}, and a VLAN configuration.
 * Each open port is polled by one PMD (the one polling the fewest ports when it opened, as Open vSwitch
 * spreads receive queues) and can be sent to by every PMD: the polling PMD uses the port itself, the
 * others a send-only handle each ({@link PortIo#openSender()}). A frame is switched by the pipeline of
 * the PMD that received it; the pipelines of one bridge share what they learn about MAC addresses.
 * A port whose device cannot be opened (missing, vanished) stays configured with its ofport and an
 * {@link PortInfo#error()}, and is re-opened by {@link #retryDevice} when the device appears.
 *
 * <p><b>Threading.</b> Control methods are synchronized (the reconciler thread and command handlers).
 * Nothing here is shared with the PMD: every change reaches it as a command through {@link PmdProxy}
 * (waited for, so a removed port's device is closed only after the PMD has let go of it), and flow tables
 * reach it as published classifier versions.
 *
 * <p><b>Invariants.</b> A port is in the PMD's poll list and bound in its bridge's pipeline iff its device
 * is open. Ofports are unique within a bridge.
 */
public final class Datapath implements AutoCloseable {
    /** Most datapath ports (all bridges together). */
    public static final int PORT_CAPACITY = 256;
    /** How long a control change waits for the PMD to take it. */
    static final long PMD_COMMAND_TIMEOUT_MS = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(Datapath.class);

    /** Opens the device behind a port. */
    @FunctionalInterface
    public interface PortOpener {
        /**
         * Opens device {@code name} of Interface type {@code type} ({@code internal}, {@code tap},
         * {@code system} or empty).
         *
         * @throws Exception with a one-line reason when the device cannot be opened
         */
        PortIo open(String name, String type) throws Exception;
    }

    /** What the control plane knows about one port; a snapshot. */
    public record PortInfo(String bridge, String name, String type, int ofport, int dpPortIndex, boolean open,
                           String error, PortVlanConfig vlan) {
    }

    private final PortOpener opener;
    private final ThreadingMode mode;
    private final List<Pmd> pmds = new ArrayList<>();
    private final StatsReader statsReader = new StatsReader();
    private final Map<String, Bridge> bridges = new LinkedHashMap<>();
    private final Port[] ports = new Port[PORT_CAPACITY];

    /** One PMD: its agent, the proxy into it, its dispatching pipeline, where it idles, its thread. */
    private static final class Pmd {
        final PmdAgent agent;
        final PmdProxy proxy;
        final DatapathPipeline pipeline;
        final PortWaiter waiter;
        AgentRunner runner;
        int bridgeCount;
        int rxPortCount;

        Pmd(PmdAgent agent, PmdProxy proxy, DatapathPipeline pipeline, PortWaiter waiter) {
            this.agent = agent;
            this.proxy = proxy;
            this.pipeline = pipeline;
            this.waiter = waiter;
        }
    }

    /**
     * A bridge: a pipeline on every PMD (indexed by PMD number), and a home PMD whose pipeline answers
     * control-plane reads (MAC table dump, trace).
     */
    private static final class Bridge {
        final String name;
        final FlowTables tables;
        final Pmd pmd;
        final BridgePipeline[] pipelines;
        final Map<String, Port> ports = new LinkedHashMap<>();
        BridgeSflow sflow;

        Bridge(String name, FlowTables tables, Pmd pmd, BridgePipeline[] pipelines) {
            this.name = name;
            this.tables = tables;
            this.pmd = pmd;
            this.pipelines = pipelines;
        }

        BridgePipeline home() {
            return pipelines[pmd.agent.pmdId()];
        }
    }

    private static final class Port {
        final int index;
        final Bridge bridge;
        final String name;
        final String type;
        final int ofport;
        final long[] baseline = new long[PortCounter.values().length];
        PortVlanConfig vlan;
        PortIo io;
        /** The PMD polling the port while it is open. */
        Pmd rxPmd;
        /** Send-only handles of the other PMDs, by PMD number (null at the polling PMD's). */
        PortIo[] senders;
        String error;

        Port(int index, Bridge bridge, String name, String type, int ofport, PortVlanConfig vlan) {
            this.index = index;
            this.bridge = bridge;
            this.name = name;
            this.type = type;
            this.ofport = ofport;
            this.vlan = vlan;
        }
    }

    /**
     * A datapath with one PMD.
     *
     * @see #Datapath(PortOpener, ThreadingMode, List, NanoClock, int)
     */
    public Datapath(PortOpener opener, ThreadingMode mode, PortWaiter waiter, NanoClock clock, int frameCapacity) {
        this(opener, mode, Arrays.asList(waiter), clock, frameCapacity);
    }

    /**
     * A datapath with one PMD per element of {@code waiters}. Ports are spread over the PMDs (each port
     * polled by the PMD polling the fewest); each bridge's home PMD is the one with the fewest bridges.
     *
     * @param opener  opens port devices
     * @param mode    {@link ThreadingMode#DEDICATED} for a PMD thread ({@link #start}); {@link ThreadingMode#INVOKER}
     *                when the caller drives {@link #pmd()}'s {@code doWork()} itself (tests)
     * @param waiters where each idle PMD waits for input (an element may be null: park with backoff)
     * @param clock   the PMDs' clock (also the flow tables' clock)
     * @param frameCapacity largest frame a slot holds
     */
    public Datapath(PortOpener opener, ThreadingMode mode, List<PortWaiter> waiters, NanoClock clock,
        int frameCapacity) {
        if (waiters.isEmpty()) {
            throw new IllegalArgumentException("at least one PMD");
        }
        this.opener = opener;
        this.mode = mode;
        for (int id = 0; id < waiters.size(); id++) {
            DatapathPipeline pipeline = new DatapathPipeline(PORT_CAPACITY);
            PmdAgent agent = new PmdAgent(id, PORT_CAPACITY, clock, pipeline, frameCapacity, waiters.get(id));
            pmds.add(new Pmd(agent, new PmdProxy(agent, mode), pipeline, waiters.get(id)));
            statsReader.register(agent.stats());
        }
    }

    /** A datapath on real devices with one dedicated thread per PMD (one per waiter). */
    public static Datapath system(PortOpener opener, List<PortWaiter> waiters, int frameCapacity) {
        return new Datapath(opener, ThreadingMode.DEDICATED, waiters, SystemNanoClock.INSTANCE, frameCapacity);
    }

    /** Starts the PMD threads (DEDICATED mode), spinning ({@code spin}) or adaptive when idle. */
    public synchronized void start(boolean spin) {
        start(spin, TimeUnit.MILLISECONDS.toNanos(PortWaitingIdleStrategy.DEFAULT_SPIN_WINDOW_MS));
    }

    /**
     * Starts the PMD threads (DEDICATED mode), spinning ({@code spin}) or adaptive when idle, the
     * adaptive ones polling on for {@code spinWindowNs} after their last frame.
     */
    public synchronized void start(boolean spin, long spinWindowNs) {
        start(spin, spinWindowNs, true);
    }

    /**
     * Starts the PMD threads (DEDICATED mode), spinning ({@code spin}) or adaptive when idle, the
     * adaptive ones polling on for {@code spinWindowNs} after their last frame and, if
     * {@code idleWhenContended}, sleeping early while their core is shared with other busy threads.
     */
    public synchronized void start(boolean spin, long spinWindowNs, boolean idleWhenContended) {
        if (mode == ThreadingMode.INVOKER) {
            return;
        }
        for (Pmd pmd : pmds) {
            if (pmd.runner == null) {
                IdleStrategy idle = spin
                    ? PmdIdleStrategies.spin()
                    : PmdIdleStrategies.adaptive(pmd.waiter, spinWindowNs, idleWhenContended, pmd.agent.stats());
                PmdAgent agent = pmd.agent;
                pmd.runner = new AgentRunner(idle, e -> LOG.error("{} failed", agent.roleName(), e), null, agent);
                AgentRunner.startOnThread(pmd.runner);
            }
        }
    }

    /** The first PMD (tests drive its {@code doWork()} in INVOKER mode). */
    public PmdAgent pmd() {
        return pmds.get(0).agent;
    }

    /** PMD number {@code id} (0 .. {@link #pmdCount()}-1). */
    public PmdAgent pmd(int id) {
        return pmds.get(id).agent;
    }

    /** Number of PMDs. */
    public int pmdCount() {
        return pmds.size();
    }

    /** The number of the home PMD of {@code bridge} (where control reads of its pipeline run), or -1. */
    public synchronized int pmdOf(String bridge) {
        Bridge b = bridges.get(bridge);
        return b == null ? -1 : b.pmd.agent.pmdId();
    }

    /** The number of the PMD polling port {@code name} of {@code bridge}, or -1 when it is not open. */
    public synchronized int rxPmdOf(String bridge, String name) {
        Port p = port(bridge, name);
        return p == null || p.io == null ? -1 : p.rxPmd.agent.pmdId();
    }

    /** The counters of all PMDs. */
    public StatsReader stats() {
        return statsReader;
    }

    /** The per-PMD counters. */
    public List<PmdStats> pmdStats() {
        return statsReader.pmds();
    }

    /**
     * Runs {@code task} on the home PMD of {@code bridge} (e.g. reading the MAC table of the pipeline
     * {@link #bridgePipeline} returns) and returns its result.
     */
    public <T> T onPmd(String bridge, Callable<T> task) throws Exception {
        Pmd pmd;
        synchronized (this) {
            Bridge b = bridges.get(bridge);
            if (b == null) {
                throw new IllegalStateException("no bridge " + bridge);
            }
            pmd = b.pmd;
        }
        return onPmd(pmd, task);
    }

    private static <T> T onPmd(Pmd pmd, Callable<T> task) throws Exception {
        return await(pmd.proxy.submit(task));
    }

    /** A change to one PMD's pipeline of a bridge. */
    @FunctionalInterface
    public interface PipelineChange {
        /** Applies the change on the pipeline's PMD thread. */
        void apply(BridgePipeline pipeline) throws Exception;
    }

    /** Runs {@code change} on every PMD, each with its own pipeline of {@code bridge} (e.g. flushing MAC tables). */
    public void onEveryPipeline(String bridge, PipelineChange change) throws Exception {
        BridgePipeline[] pipelines;
        synchronized (this) {
            Bridge b = bridges.get(bridge);
            if (b == null) {
                throw new IllegalStateException("no bridge " + bridge);
            }
            pipelines = b.pipelines;
        }
        for (int id = 0; id < pipelines.length; id++) {
            BridgePipeline bp = pipelines[id];
            onPmd(pmds.get(id), () -> {
                change.apply(bp);
                return null;
            });
        }
    }

    // ---------------------------------------------------------------- bridges

    /** Creates bridge {@code name} switching with {@code tables}; no-op if it exists. */
    public synchronized void addBridge(String name, FlowTables tables) {
        if (bridges.containsKey(name)) {
            return;
        }
        Pmd pmd = pmds.get(0);
        for (Pmd candidate : pmds) {
            if (candidate.bridgeCount < pmd.bridgeCount) {
                pmd = candidate;
            }
        }
        pmd.bridgeCount++;
        BridgePipeline[] pipelines = new BridgePipeline[pmds.size()];
        MacLearningShare macShare = pmds.size() == 1 ? null
            : new MacLearningShare(pmds.size(), MacLearningShare.DEFAULT_CAPACITY_PER_INBOX);
        for (Pmd each : pmds) {
            int id = each.agent.pmdId();
            pipelines[id] = new BridgePipeline(name, tables, each.agent.stats(), PORT_CAPACITY,
                macShare == null ? null : macShare.member(id));
        }
        Bridge bridge = new Bridge(name, tables, pmd, pipelines);
        bridges.put(name, bridge);
        LOG.info("added bridge {} on {}", name, pmd.agent.roleName());
    }

    /** Removes bridge {@code name} and all its ports. */
    public synchronized void removeBridge(String name) {
        Bridge bridge = bridges.get(name);
        if (bridge == null) {
            return;
        }
        setSflow(name, null);
        for (String port : new ArrayList<>(bridge.ports.keySet())) {
            removePort(name, port);
        }
        bridges.remove(name);
        bridge.pmd.bridgeCount--;
        LOG.info("removed bridge {}", name);
    }

    /** Names of the bridges, in creation order. */
    public synchronized List<String> bridgeNames() {
        return new ArrayList<>(bridges.keySet());
    }

    /** The flow tables of {@code bridge}, or null when there is no such bridge. */
    public synchronized FlowTables flowTables(String bridge) {
        Bridge b = bridges.get(bridge);
        return b == null ? null : b.tables;
    }

    /** The home PMD's pipeline of {@code bridge} (use only inside {@link #onPmd(String, Callable)}), or null. */
    public synchronized BridgePipeline bridgePipeline(String bridge) {
        Bridge b = bridges.get(bridge);
        return b == null ? null : b.home();
    }

    /** Applies the MAC table limits of {@code bridge}. */
    public synchronized void setMacTableLimits(String bridge, int maxEntries, long agingNs) throws Exception {
        Bridge b = bridges.get(bridge);
        if (b != null) {
            for (Pmd pmd : pmds) {
                BridgePipeline bp = b.pipelines[pmd.agent.pmdId()];
                onPmd(pmd, () -> {
                    bp.setMacTableLimits(maxEntries, agingNs);
                    return null;
                });
            }
        }
    }

    /**
     * Turns sFlow on for {@code bridge} with {@code config}, changes it, or turns it off (null): an agent thread
     * per bridge, a sampler per open port (SPEC §6).
     */
    public synchronized void setSflow(String bridge, SflowConfig config) {
        Bridge b = bridges.get(bridge);
        if (b == null) {
            return;
        }
        BridgeSflow current = b.sflow;
        if (config == null) {
            if (current != null) {
                b.sflow = null;
                for (Pmd pmd : pmds) {
                    BridgePipeline bp = b.pipelines[pmd.agent.pmdId()];
                    runQuietly(pmd, () -> bp.setSflow(null));
                }
                current.close();
                LOG.info("{}: sFlow off", bridge);
            }
            return;
        }
        if (current != null) {
            if (!current.config().equals(config)) {
                current.reconfigure(config);
            }
            return;
        }
        BridgeSflow sflow = new BridgeSflow(config, PORT_CAPACITY, statsReader, pmds.size());
        b.sflow = sflow;
        for (Port p : b.ports.values()) {
            if (p.io != null) {
                bindSampler(p);
            }
        }
        for (Pmd pmd : pmds) {
            BridgePipeline bp = b.pipelines[pmd.agent.pmdId()];
            SflowTap tap = sflow.tap(pmd.agent.pmdId());
            runQuietly(pmd, () -> bp.setSflow(tap));
        }
        sflow.start();
        LOG.info("{}: sFlow to {}, 1 in {}", bridge, config.targets(), config.samplingRate());
    }

    /**
     * Gives every PMD's tap the port's sampler and ifindex: the polling PMD samples the port's input with
     * it, every PMD reports the ifindex when it outputs a sampled frame there.
     */
    private void bindSampler(Port p) {
        BridgeSflow sflow = p.bridge.sflow;
        SflowSampler sampler = sflow.addPort(p.name, p.index, p.baseline);
        int ifIndex = BridgeSflow.ifIndexOf(p.name);
        for (Pmd pmd : pmds) {
            SflowTap tap = sflow.tap(pmd.agent.pmdId());
            runQuietly(pmd, () -> tap.setPort(p.index, sampler, ifIndex));
        }
    }

    private void unbindSampler(Port p) {
        BridgeSflow sflow = p.bridge.sflow;
        if (sflow != null) {
            sflow.removePort(p.index);
            for (Pmd pmd : pmds) {
                SflowTap tap = sflow.tap(pmd.agent.pmdId());
                runQuietly(pmd, () -> tap.clearPort(p.index));
            }
        }
    }

    private static void runQuietly(Pmd pmd, Runnable command) {
        try {
            onPmd(pmd, () -> {
                command.run();
                return null;
            });
        } catch (Exception e) {
            LOG.warn("PMD command failed: {}", e.toString());
        }
    }

    // ---------------------------------------------------------------- ports

    /**
     * Adds port {@code name} to {@code bridge} as OpenFlow port {@code ofport} and opens its device. A device
     * that cannot be opened leaves the port configured with {@link PortInfo#error()} set.
     *
     * @throws IllegalStateException when the bridge is missing, the name or ofport is taken, or no index is free
     */
    public synchronized PortInfo addPort(String bridge, String name, String type, int ofport, PortVlanConfig vlan) {
        Bridge b = bridges.get(bridge);
        if (b == null) {
            throw new IllegalStateException("no bridge " + bridge);
        }
        if (b.ports.containsKey(name)) {
            throw new IllegalStateException("port " + name + " exists");
        }
        for (Port p : b.ports.values()) {
            if (p.ofport == ofport) {
                throw new IllegalStateException("ofport " + ofport + " is taken by " + p.name);
            }
        }
        int index = freeIndex();
        Port port = new Port(index, b, name, type, ofport, vlan);
        for (PortCounter c : PortCounter.values()) {
            port.baseline[c.ordinal()] = statsReader.getPort(index, c);
        }
        ports[index] = port;
        b.ports.put(name, port);
        openDevice(port);
        return info(port);
    }

    /** Removes port {@code name} of {@code bridge}, closing its device. */
    public synchronized void removePort(String bridge, String name) {
        Bridge b = bridges.get(bridge);
        Port port = b == null ? null : b.ports.get(name);
        if (port == null) {
            return;
        }
        closeDevice(port, null);
        b.ports.remove(name);
        ports[port.index] = null;
    }

    /** Changes the VLAN configuration of a port (only that port is touched). */
    public synchronized void setPortVlan(String bridge, String name, PortVlanConfig vlan) throws Exception {
        Port port = port(bridge, name);
        if (port == null || port.vlan.equals(vlan)) {
            return;
        }
        port.vlan = vlan;
        if (port.io != null) {
            for (Pmd pmd : pmds) {
                BridgePipeline bp = port.bridge.pipelines[pmd.agent.pmdId()];
                onPmd(pmd, () -> {
                    bp.bindPort(port.index, port.ofport, vlan);
                    return null;
                });
            }
        }
    }

    /**
     * Re-opens the device of every port named {@code device} that is not open (the device appeared), or closes
     * it (the device vanished: {@code present} false). Returns the ports whose state changed.
     */
    public synchronized List<PortInfo> retryDevice(String device, boolean present) {
        List<PortInfo> changed = new ArrayList<>();
        for (Port port : ports) {
            if (port == null || !port.name.equals(device)) {
                continue;
            }
            if (present && port.io == null) {
                openDevice(port);
                changed.add(info(port));
            } else if (!present && port.io != null && !isOwnTap(port)) {
                closeDevice(port, "could not open network device " + device + " (No such device)");
                changed.add(info(port));
            }
        }
        return changed;
    }

    /** Ports of {@code bridge}, in the order added; empty when there is no such bridge. */
    public synchronized List<PortInfo> ports(String bridge) {
        Bridge b = bridges.get(bridge);
        List<PortInfo> out = new ArrayList<>();
        if (b != null) {
            for (Port p : b.ports.values()) {
                out.add(info(p));
            }
        }
        return out;
    }

    /** The port, or null. */
    public synchronized PortInfo portInfo(String bridge, String name) {
        Port p = port(bridge, name);
        return p == null ? null : info(p);
    }

    /** The device of a port, or null when it is not open (for MAC/MTU/link read-outs). */
    public synchronized PortIo portIo(String bridge, String name) {
        Port p = port(bridge, name);
        return p == null ? null : p.io;
    }

    /** A port counter since the port was added. */
    public long portCounter(PortInfo port, PortCounter counter) {
        synchronized (this) {
            Port p = ports[port.dpPortIndex()];
            if (p == null || !p.name.equals(port.name())) {
                return 0;
            }
            return statsReader.getPort(p.index, counter) - p.baseline[counter.ordinal()];
        }
    }

    private Port port(String bridge, String name) {
        Bridge b = bridges.get(bridge);
        return b == null ? null : b.ports.get(name);
    }

    private static boolean isOwnTap(Port port) {
        return "internal".equals(port.type) || "tap".equals(port.type);
    }

    private int freeIndex() {
        for (int i = 0; i < ports.length; i++) {
            if (ports[i] == null) {
                return i;
            }
        }
        throw new IllegalStateException("too many ports (at most " + PORT_CAPACITY + ")");
    }

    private void openDevice(Port port) {
        PortIo io;
        try {
            io = opener.open(port.name, port.type);
        } catch (Exception e) {
            port.error = "could not open network device " + port.name + " ("
                    + (e.getMessage() == null ? e.toString() : e.getMessage()) + ")";
            LOG.warn("{}: {}", port.bridge.name, port.error);
            return;
        }
        Pmd rx = pmds.get(0);
        for (Pmd candidate : pmds) {
            if (candidate.rxPortCount < rx.rxPortCount) {
                rx = candidate;
            }
        }
        PortIo[] senders = new PortIo[pmds.size()];
        try {
            for (Pmd pmd : pmds) {
                if (pmd != rx) {
                    senders[pmd.agent.pmdId()] = io.openSender();
                }
            }
        } catch (Exception e) {
            port.error = "could not open network device " + port.name + " for sending ("
                    + (e.getMessage() == null ? e.toString() : e.getMessage()) + ")";
            LOG.warn("{}: {}", port.bridge.name, port.error);
            closeQuietly(senders);
            closeQuietly(io);
            return;
        }
        try {
            // The other PMDs learn to send to the port first, so frames the polling PMD lets in from it
            // can be answered from any port at once.
            for (Pmd pmd : pmds) {
                if (pmd != rx) {
                    int id = pmd.agent.pmdId();
                    await(pmd.proxy.addTxPort(port.index, senders[id]));
                    bindOnPmd(pmd, port, false);
                }
            }
            await(rx.proxy.addPort(port.index, io));
            bindOnPmd(rx, port, true);
            port.io = io;
            port.rxPmd = rx;
            port.senders = senders;
            port.error = null;
            rx.rxPortCount++;
            if (port.bridge.sflow != null) {
                bindSampler(port);
            }
            LOG.info("{}: port {} (ofport {}) open on {}, polled by {}", port.bridge.name, port.name, port.ofport,
                io, rx.agent.roleName());
        } catch (Exception e) {
            port.error = "cannot start polling " + port.name + ": " + e.getMessage();
            LOG.warn("{}: {}", port.bridge.name, port.error);
            // An add may still run (it timed out) or have run: take the port back first, in the same
            // command queues, so no PMD polls or sends to a closed port (an unmapped ring).
            if (releaseFromPmds(port)) {
                closeQuietly(senders);
                closeQuietly(io);
            }
        }
    }

    /** Binds the port in {@code pmd}'s pipeline of its bridge, and dispatches its input there if {@code polled}. */
    private void bindOnPmd(Pmd pmd, Port port, boolean polled) throws Exception {
        BridgePipeline bp = port.bridge.pipelines[pmd.agent.pmdId()];
        onPmd(pmd, () -> {
            bp.bindPort(port.index, port.ofport, port.vlan);
            if (polled) {
                pmd.pipeline.attach(port.index, bp);
            }
            return null;
        });
    }

    /**
     * Takes the port out of every PMD (pipelines, poll lists, transmit batchers); false (logged) when a PMD
     * did not answer, in which case the port's devices must stay open.
     */
    private boolean releaseFromPmds(Port port) {
        boolean released = true;
        for (Pmd pmd : pmds) {
            BridgePipeline bp = port.bridge.pipelines[pmd.agent.pmdId()];
            try {
                onPmd(pmd, () -> {
                    bp.unbindPort(port.index);
                    pmd.pipeline.detach(port.index);
                    return null;
                });
                await(pmd.proxy.removePort(port.index));
            } catch (Exception e) {
                // The PMD may still poll the port: closing it would unmap a receive ring under its feet
                // (a crash, not an error code), so the device stays open until the daemon exits.
                LOG.warn("{}: {} did not release port {} ({}); leaving its device open", port.bridge.name,
                    pmd.agent.roleName(), port.name, e.toString());
                released = false;
            }
        }
        return released;
    }

    private void closeDevice(Port port, String error) {
        PortIo io = port.io;
        PortIo[] senders = port.senders;
        port.io = null;
        port.senders = null;
        port.error = error;
        if (io == null) {
            return;
        }
        port.rxPmd.rxPortCount--;
        port.rxPmd = null;
        unbindSampler(port);
        if (releaseFromPmds(port)) {
            closeQuietly(senders);
            closeQuietly(io);
        }
    }

    private static void closeQuietly(PortIo[] senders) {
        if (senders != null) {
            for (PortIo sender : senders) {
                if (sender != null) {
                    closeQuietly(sender);
                }
            }
        }
    }

    private PortInfo info(Port p) {
        return new PortInfo(p.bridge.name, p.name, p.type, p.ofport, p.index, p.io != null, p.error, p.vlan);
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(PMD_COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the PMD did not answer within " + PMD_COMMAND_TIMEOUT_MS + " ms", e);
        }
    }

    private static void closeQuietly(PortIo io) {
        try {
            io.close();
        } catch (Exception e) {
            LOG.debug("closing {} failed: {}", io, e.toString());
        }
    }

    /** Removes every bridge (closing devices) and stops the PMD thread. */
    @Override
    public synchronized void close() {
        for (String b : new ArrayList<>(bridges.keySet())) {
            removeBridge(b);
        }
        for (Pmd pmd : pmds) {
            if (pmd.runner != null) {
                pmd.runner.close();
                pmd.runner = null;
            }
            if (pmd.waiter != null) {
                pmd.waiter.close();
            }
        }
    }
}

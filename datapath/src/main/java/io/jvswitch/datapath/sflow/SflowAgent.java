package io.jvswitch.datapath.sflow;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sFlow agent of one bridge: turns the samples the PMDs hand over and the port counters into
 * sFlow version 5 datagrams and sends them to every collector.
 *
 * <h2>What</h2>
 * Each duty cycle ({@link #doWork()}) applies a configuration posted by {@link #reconfigure},
 * drains the {@link SflowSampleRing} into compact flow samples (reported, as Open vSwitch does,
 * from one bridge-wide data source: class 2, index 1000 + sub-agent id, whose sample pool and drops
 * are the sums over the port samplers), and once a second ("tick") polls each port whose
 * {@code polling} interval has run out for a counter sample (data source class 0, index = the
 * port's ifIndex; the first poll of a port is at a random tick within the interval, so ports are
 * spread out) and flushes the datagram. A datagram is also flushed whenever the next sample would
 * make it larger than {@link SflowDatagramEncoder#MAX_DATAGRAM_LENGTH}. Datagram sequence numbers
 * start at 1; uptime counts milliseconds since the agent was created.
 *
 * <h2>Threading</h2>
 * Everything but {@link #reconfigure}, {@link #start}, {@link #close} and the statistics getters
 * runs on the agent thread (an Agrona {@link AgentRunner} with a backoff idle strategy that sleeps
 * up to a millisecond, or the caller of {@code doWork()} in tests). The PMDs only touch the ring
 * and their samplers; a slow or absent collector therefore never reaches them: sends are
 * non-blocking and failures are counted ({@link #sendFailures()}) and logged at most every five
 * seconds. {@link #reconfigure} posts an immutable {@link SflowConfig} through a volatile
 * reference; the agent thread picks it up at its next duty cycle.
 *
 * <h2>Invariants</h2>
 * Samples are sent only with a known agent address: while none can be determined they are
 * drained and counted as discarded, and resolution is retried every tick. The flow-sample sequence
 * number and each port's counter-sample sequence number increase by one per sample sent.
 */
public final class SflowAgent implements Agent, MessageHandler, AutoCloseable {
    /** Samples drained from the ring per duty cycle at most. */
    static final int DRAIN_LIMIT = 256;
    /** The agent's clock tick: flush and counter-polling granularity. */
    static final long TICK_NS = 1_000_000_000L;
    /** Index base of the bridge-wide flow-sample data source ({@code 1000 + sub-agent id}). */
    static final int FLOW_SOURCE_INDEX_BASE = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(SflowAgent.class);
    private static final long MISSING = -1;

    private final SflowSampleRing ring;
    private final CounterSource counterSource;
    private final NanoClock clock;
    private final String roleName;
    private final AtomicReference<SflowConfig> pendingConfig = new AtomicReference<>();
    private final SflowDatagramEncoder encoder = new SflowDatagramEncoder();
    private final FlowSampleFlyweight sample = new FlowSampleFlyweight();
    private final PortCounters counters = new PortCounters();
    private final Long2LongHashMap poolBySampler = new Long2LongHashMap(MISSING);
    private final Long2LongHashMap dropsBySampler = new Long2LongHashMap(MISSING);
    private final Int2ObjectHashMap<Poller> pollers = new Int2ObjectHashMap<>();
    private final SplittableRandom random;
    private final long startNs;
    private int[] portScratch = new int[64];

    // Agent-thread state.
    private SflowConfig config;
    private volatile SflowCollectors collectors;
    private long nowNs;
    private long nextTickNs;
    private int datagramSequence;
    private int flowSequence;
    private int flowSourceId;
    private long totalPool;
    private long totalDrops;
    private int pollGeneration;
    private boolean addressErrorLogged;

    // Written by the agent thread, read by anyone.
    private volatile InetAddress agentAddress;
    private volatile long flowSamples;
    private volatile long counterSamples;
    private volatile long datagrams;
    private volatile long discardedSamples;
    private volatile long retiredSent;
    private volatile long retiredFailures;

    private AgentRunner runner;

    /** Counter-polling state of one port. */
    private static final class Poller {
        int countdown;
        int sequence;
        int generation;
    }

    /** An agent with the system clock. */
    public SflowAgent(SflowConfig config, SflowSampleRing ring, CounterSource counterSource) {
        this(config, ring, counterSource, SystemNanoClock.INSTANCE, System.nanoTime());
    }

    /**
     * An agent reading time from {@code clock} (tests pass a controllable one) and spreading its
     * counter polls with {@code seed}. Nothing is opened until the first duty cycle.
     */
    public SflowAgent(SflowConfig config, SflowSampleRing ring, CounterSource counterSource, NanoClock clock,
                      long seed) {
        this.ring = ring;
        this.counterSource = counterSource;
        this.clock = clock;
        this.random = new SplittableRandom(seed);
        this.roleName = "sflow-agent-" + config.subAgentId();
        this.startNs = clock.nanoTime();
        this.nowNs = startNs;
        this.nextTickNs = startNs + TICK_NS;
        reconfigure(config);
    }

    /**
     * Replaces the configuration; thread-safe. The header length reaches the PMDs at once; the rest
     * is applied on the agent thread at its next duty cycle (sockets reopened only if the targets
     * changed). Sampling rates live in the port samplers: the caller sets them too.
     */
    public void reconfigure(SflowConfig newConfig) {
        ring.setHeaderLength(newConfig.headerLength());
        pendingConfig.set(newConfig);
    }

    /** Starts the agent's own thread (named after {@link #roleName()}). */
    public synchronized SflowAgent start() {
        if (runner != null) {
            throw new IllegalStateException(roleName + " already started");
        }
        runner = new AgentRunner(new BackoffIdleStrategy(1, 10, 1_000, 1_000_000),
            t -> LOG.warn("{}: unexpected error", roleName, t), null, this);
        AgentRunner.startOnThread(runner);
        return this;
    }

    /** Stops the thread (joining it), sends what is pending and closes the sockets. */
    @Override
    public synchronized void close() {
        if (runner != null) {
            runner.close();
        } else {
            onClose();
        }
    }

    @Override
    public String roleName() {
        return roleName;
    }

    @Override
    public int doWork() {
        nowNs = clock.nanoTime();
        int work = 0;
        SflowConfig next = pendingConfig.getAndSet(null);
        if (next != null) {
            apply(next);
            work++;
        }
        work += ring.read(this, DRAIN_LIMIT);
        if (nowNs - nextTickNs >= 0) {
            nextTickNs = nowNs + TICK_NS;
            work += tick();
        }
        return work;
    }

    @Override
    public void onClose() {
        nowNs = clock.nanoTime();
        flush();
        if (collectors != null) {
            retire(collectors);
            collectors = null;
        }
    }

    private void apply(SflowConfig next) {
        SflowConfig previous = config;
        flush();
        if (previous == null || !previous.targets().equals(next.targets())) {
            if (collectors != null) {
                retire(collectors);
            }
            collectors = new SflowCollectors(next.targets(), nowNs);
        }
        config = next;
        flowSourceId = SflowDatagramEncoder.sourceId(SflowDatagramEncoder.SOURCE_CLASS_ENTITY,
            FLOW_SOURCE_INDEX_BASE + next.subAgentId());
        if (previous == null || !previous.agent().equals(next.agent())
            || !previous.targets().equals(next.targets()) || previous.subAgentId() != next.subAgentId()) {
            addressErrorLogged = false;
            resolveAgentAddress();
        }
        for (Poller poller : pollers.values()) {
            poller.countdown = Math.min(poller.countdown, Math.max(1, next.pollingInterval()));
        }
    }

    private void resolveAgentAddress() {
        Optional<InetAddress> resolved = AgentAddressResolver.resolve(config.agent(), config.targets());
        if (resolved.isPresent()) {
            InetAddress address = resolved.get();
            if (!address.equals(agentAddress)) {
                LOG.info("{}: agent address {}", roleName, address.getHostAddress());
            }
            agentAddress = address;
            encoder.reset(address, config.subAgentId());
        } else {
            agentAddress = null;
            encoder.clear();
            if (!addressErrorLogged) {
                LOG.error("{}: could not determine IP address for sFlow agent", roleName);
                addressErrorLogged = true;
            }
        }
    }

    /** Ring callback (agent thread): one sampled frame. */
    @Override
    public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
        if (msgTypeId != FlowSampleFlyweight.MSG_TYPE_ID) {
            return;
        }
        sample.wrap(buffer, index);
        account(sample.samplerId(), sample.samplePool(), sample.drops() & 0xFFFF_FFFFL);
        if (agentAddress == null || collectors == null) {
            discardedSamples++;
            return;
        }
        int sampleLength = SflowDatagramEncoder.flowSampleLength(sample.headerLength());
        if (!encoder.hasRoom(sampleLength)) {
            flush();
            if (!encoder.hasRoom(sampleLength)) {
                discardedSamples++;
                return;
            }
        }
        encoder.appendFlowSample(++flowSequence, flowSourceId, (int) totalPool, (int) totalDrops, sample);
        flowSamples++;
    }

    /**
     * Adds a sampler's progress to the bridge-wide pool and drops. A sampler's counts only grow;
     * one that went backwards was replaced (port re-added), and its counts start from zero.
     */
    private void account(int samplerId, long pool, long drops) {
        long lastPool = poolBySampler.get(samplerId);
        totalPool += lastPool == MISSING || pool < lastPool ? pool : pool - lastPool;
        poolBySampler.put(samplerId, pool);
        long lastDrops = dropsBySampler.get(samplerId);
        totalDrops += lastDrops == MISSING || drops < lastDrops ? drops : drops - lastDrops;
        dropsBySampler.put(samplerId, drops);
    }

    private int tick() {
        int work = 0;
        if (config == null) {
            return 0;
        }
        if (agentAddress == null) {
            resolveAgentAddress();
        }
        if (collectors != null) {
            collectors.reopenMissing(nowNs);
        }
        work += pollCounters();
        if (!encoder.isEmpty()) {
            flush();
            work++;
        }
        return work;
    }

    private int pollCounters() {
        int interval = config.pollingInterval();
        if (interval == 0) {
            pollers.clear();
            return 0;
        }
        int count = counterSource.portIfIndexes(portScratch);
        while (count > portScratch.length) {
            portScratch = new int[Math.max(count, portScratch.length * 2)];
            count = counterSource.portIfIndexes(portScratch);
        }
        int generation = ++pollGeneration;
        int polled = 0;
        for (int i = 0; i < count; i++) {
            int ifIndex = portScratch[i];
            Poller poller = pollers.get(ifIndex);
            if (poller == null) {
                poller = new Poller();
                poller.countdown = 1 + random.nextInt(interval);
                pollers.put(ifIndex, poller);
            }
            poller.generation = generation;
            if (--poller.countdown > 0) {
                continue;
            }
            poller.countdown = interval;
            counters.clear();
            counters.ifIndex = ifIndex;
            if (!counterSource.readCounters(ifIndex, counters) || agentAddress == null) {
                continue;
            }
            if (!encoder.hasRoom(SflowDatagramEncoder.COUNTER_SAMPLE_LENGTH)) {
                flush();
            }
            encoder.appendCounterSample(++poller.sequence,
                SflowDatagramEncoder.sourceId(SflowDatagramEncoder.SOURCE_CLASS_IFINDEX, ifIndex), counters);
            counterSamples++;
            polled++;
        }
        for (Iterator<Poller> it = pollers.values().iterator(); it.hasNext();) {
            if (it.next().generation != generation) {
                it.remove();
            }
        }
        return polled;
    }

    private void flush() {
        if (encoder.isEmpty() || agentAddress == null || collectors == null) {
            return;
        }
        int uptimeMs = (int) ((nowNs - startNs) / 1_000_000L);
        ByteBuffer datagram = encoder.finish(++datagramSequence, uptimeMs);
        collectors.send(datagram, nowNs);
        datagrams++;
    }

    private void retire(SflowCollectors old) {
        retiredSent += old.sent();
        retiredFailures += old.failures();
        old.close();
    }

    /** The agent address in use, or null while none could be determined. */
    public InetAddress agentAddress() {
        return agentAddress;
    }

    /** Flow samples encoded. */
    public long flowSamples() {
        return flowSamples;
    }

    /** Counter samples encoded. */
    public long counterSamples() {
        return counterSamples;
    }

    /** Datagrams built and sent (each goes to every target). */
    public long datagrams() {
        return datagrams;
    }

    /** Samples drained but not sent (no agent address, or larger than a datagram). */
    public long discardedSamples() {
        return discardedSamples;
    }

    /** Datagram copies handed to the kernel, summed over targets. */
    public long datagramsSent() {
        SflowCollectors current = collectors;
        return retiredSent + (current == null ? 0 : current.sent());
    }

    /** Datagram copies that could not be sent (collector refused, no route, socket full). */
    public long sendFailures() {
        SflowCollectors current = collectors;
        return retiredFailures + (current == null ? 0 : current.failures());
    }
}

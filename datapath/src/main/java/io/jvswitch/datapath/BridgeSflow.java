package io.jvswitch.datapath;

import io.jvswitch.datapath.linux.Links;
import io.jvswitch.datapath.pipeline.SflowTap;
import io.jvswitch.datapath.sflow.CounterSource;
import io.jvswitch.datapath.sflow.PortCounters;
import io.jvswitch.datapath.sflow.SflowAgent;
import io.jvswitch.datapath.sflow.SflowConfig;
import io.jvswitch.datapath.sflow.SflowSampleRing;
import io.jvswitch.datapath.sflow.SflowSampler;
import io.jvswitch.datapath.stats.PortCounter;
import io.jvswitch.datapath.stats.StatsReader;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * sFlow of one bridge, control side: the sample ring, the {@link SflowAgent} thread, one PMD-side
 * {@link SflowTap} per PMD (the ring takes samples from several), one {@link SflowSampler} per open
 * port (used by the PMD that polls the port), and the bridge's {@link CounterSource}.
 *
 * <p>Threading: changed by the control plane under the {@link Datapath} lock; the agent thread reads the
 * counter view through a volatile immutable map, never the datapath's lock (so closing the agent, which
 * joins its thread, can happen under that lock).
 */
final class BridgeSflow implements CounterSource {
    /** What the agent needs to report one port's counters. */
    record PortView(String name, int dpPortIndex, long[] baseline) {
    }

    private final SflowSampleRing ring = new SflowSampleRing();
    private final SflowTap[] taps;
    private final SflowAgent agent;
    private final StatsReader stats;
    private final Map<Integer, SflowSampler> samplerOfDp = new HashMap<>();
    private final Map<Integer, PortView> portsByDp = new HashMap<>();
    private volatile Map<Integer, PortView> portsByIfIndex = Map.of();
    private SflowConfig config;

    BridgeSflow(SflowConfig config, int portCapacity, StatsReader stats, int pmdCount) {
        this.config = config;
        this.stats = stats;
        this.taps = new SflowTap[pmdCount];
        for (int i = 0; i < pmdCount; i++) {
            taps[i] = new SflowTap(ring, portCapacity);
        }
        this.agent = new SflowAgent(config, ring, this);
    }

    /** The tap of PMD {@code pmdId}. */
    SflowTap tap(int pmdId) {
        return taps[pmdId];
    }

    SflowConfig config() {
        return config;
    }

    void start() {
        agent.start();
    }

    /** A new configuration: the agent's part now, the samplers' rates at their next batch. */
    void reconfigure(SflowConfig newConfig) {
        config = newConfig;
        agent.reconfigure(newConfig);
        for (SflowSampler s : samplerOfDp.values()) {
            s.setSamplingRate(newConfig.samplingRate());
        }
    }

    /** A sampler for a port that just opened; the caller installs it on the PMD with {@link SflowTap#setPort}. */
    SflowSampler addPort(String name, int dpPortIndex, long[] baseline) {
        SflowSampler sampler = new SflowSampler(config.samplingRate(), ThreadLocalRandom.current().nextLong());
        samplerOfDp.put(dpPortIndex, sampler);
        portsByDp.put(dpPortIndex, new PortView(name, dpPortIndex, baseline));
        refresh();
        return sampler;
    }

    void removePort(int dpPortIndex) {
        samplerOfDp.remove(dpPortIndex);
        portsByDp.remove(dpPortIndex);
        refresh();
    }

    static int ifIndexOf(String name) {
        try {
            return Links.exists(name) ? Links.ifindex(name) : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private void refresh() {
        Map<Integer, PortView> byIfIndex = new LinkedHashMap<>();
        for (PortView p : portsByDp.values()) {
            int ifIndex = ifIndexOf(p.name());
            if (ifIndex > 0) {
                byIfIndex.put(ifIndex, p);
            }
        }
        portsByIfIndex = Map.copyOf(byIfIndex);
    }

    /** Stops the agent thread (joins it) and closes its sockets. */
    void close() {
        agent.close();
    }

    @Override
    public int portIfIndexes(int[] into) {
        Map<Integer, PortView> ports = portsByIfIndex;
        int n = 0;
        for (int ifIndex : ports.keySet()) {
            if (n < into.length) {
                into[n] = ifIndex;
            }
            n++;
        }
        return n;
    }

    @Override
    public boolean readCounters(int ifIndex, PortCounters into) {
        PortView p = portsByIfIndex.get(ifIndex);
        if (p == null) {
            return false;
        }
        into.ifIndex = ifIndex;
        into.name = p.name();
        into.speed = PortCounters.DEFAULT_SPEED;
        into.direction = PortCounters.DIRECTION_FULL_DUPLEX;
        into.adminUp = Links.exists(p.name()) && Links.isAdminUp(p.name());
        into.operUp = Links.exists(p.name()) && Links.isUp(p.name());
        into.rxOctets = counter(p, PortCounter.RX_BYTES);
        into.rxPackets = counter(p, PortCounter.RX_PACKETS);
        into.rxDiscards = counter(p, PortCounter.RX_DROPPED);
        into.rxErrors = counter(p, PortCounter.RX_ERRORS);
        into.txOctets = counter(p, PortCounter.TX_BYTES);
        into.txPackets = counter(p, PortCounter.TX_PACKETS);
        into.txDiscards = counter(p, PortCounter.TX_DROPPED);
        into.txErrors = counter(p, PortCounter.TX_ERRORS);
        return true;
    }

    private long counter(PortView p, PortCounter c) {
        return stats.getPort(p.dpPortIndex(), c) - p.baseline()[c.ordinal()];
    }
}

package io.jvswitch.datapath.pmd;

import java.util.Arrays;
import java.util.function.Consumer;

import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.port.PortIo;
import io.jvswitch.datapath.stats.DatapathCounter;
import io.jvswitch.datapath.stats.PmdStats;
import io.jvswitch.datapath.stats.PortCounter;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;

/**
 * A poll-mode driver: owns a set of ports and moves their frames through a
 * {@link BatchProcessor} to per-port transmit batches, one fixed duty cycle per
 * {@link #doWork()}.
 *
 * <h2>What</h2>
 * Each duty cycle: read the clock once; run at most {@link #COMMAND_DRAIN_LIMIT} control commands;
 * poll every rx port once (a port whose poll is a system call and that was empty at most every
 * {@link #SLOW_PORT_IDLE_POLL_NS}), starting from a rotating index so no port is always first; for each
 * non-empty receive batch (up to {@link PacketBatch#MAX_BURST} frames) stamp the input port, count
 * it, hand it to the processor, and flush the transmit batches it filled; return the number of
 * frames and commands handled (0 lets the idle strategy back off).
 *
 * <h2>Threading</h2>
 * Everything here runs on the PMD thread (the runner calling {@code doWork()}, or the test). The
 * control plane changes ports, processor and anything else only through {@link PmdProxy}, which
 * posts commands to {@link #commandQueue()} (many producers, this one consumer); the command
 * methods named {@code on*} are called only by those commands. Counters are in {@link #stats()},
 * readable from any thread.
 *
 * <h2>Invariants</h2>
 * The receive batch, transmit batches, counters and poll list are created when a port is added,
 * never per frame or per cycle: a cycle allocates nothing. A port is in the poll list iff its
 * transmit batcher is registered; after {@link #onRemovePort} returns, the PMD never touches the
 * port's {@link PortIo} again, so the control plane may close it.
 */
public final class PmdAgent implements Agent {
    /** Most control commands run per duty cycle. */
    public static final int COMMAND_DRAIN_LIMIT = 10;
    /** Capacity of the command queue. */
    public static final int COMMAND_QUEUE_CAPACITY = 1024;
    /**
     * Shortest time between two polls of an empty port whose poll is a system call (a TAP's readv,
     * ~1 us): while the PMD spins waiting for frames it would otherwise spend most of each cycle
     * there and notice a frame in a mapped ring that much later; a frame on such a port waits at
     * most this long more.
     */
    public static final long SLOW_PORT_IDLE_POLL_NS = 20_000;

    private final int pmdId;
    private final String roleName;
    private final NanoClock clock;
    private final PmdStats stats;
    private final TxBatchers txBatchers;
    private final PacketBatch rxBatch;
    private final int txFrameCapacity;
    private final ManyToOneConcurrentArrayQueue<Runnable> commandQueue =
        new ManyToOneConcurrentArrayQueue<>(COMMAND_QUEUE_CAPACITY);
    private final Consumer<Runnable> runCommand = Runnable::run;
    private final PortWaiter waiter;
    private BatchProcessor processor;
    private PortIo[] rxPorts = new PortIo[0];
    private int[] rxPortIndices = new int[0];
    private boolean[] rxPortCheap = new boolean[0];
    private long[] rxPortNextPollNs = new long[0];
    private int roundRobinIndex;
    private long nowNs;
    private long lastCycleStartNs;
    private boolean lastCycleBusy;

    /**
     * A PMD numbered {@code pmdId} for datapath port indices {@code 0 .. portCapacity-1}.
     *
     * @param clock read once per duty cycle
     * @param processor what to do with each receive batch
     * @param frameCapacity largest frame a receive or transmit slot holds
     * @param waiter where idle waits happen (its fds are kept in step with the ports), or null
     */
    public PmdAgent(int pmdId, int portCapacity, NanoClock clock, BatchProcessor processor, int frameCapacity,
        PortWaiter waiter) {
        this.pmdId = pmdId;
        this.roleName = "pmd-" + pmdId;
        this.clock = clock;
        this.processor = processor;
        this.stats = new PmdStats(pmdId, portCapacity);
        this.txBatchers = new TxBatchers(stats);
        this.rxBatch = new PacketBatch(frameCapacity);
        this.txFrameCapacity = frameCapacity;
        this.waiter = waiter;
    }

    /** PMD number. */
    public int pmdId() {
        return pmdId;
    }

    /** This PMD's counters (readable from any thread). */
    public PmdStats stats() {
        return stats;
    }

    /** The queue {@link PmdProxy} posts commands to. */
    ManyToOneConcurrentArrayQueue<Runnable> commandQueue() {
        return commandQueue;
    }

    /** The waiter given at construction, or null. */
    PortWaiter waiter() {
        return waiter;
    }

    /** The time read at the start of the current (or last) duty cycle. PMD thread only. */
    public long nowNs() {
        return nowNs;
    }

    /** Number of ports polled. PMD thread only. */
    public int portCount() {
        return rxPorts.length;
    }

    @Override
    public String roleName() {
        return roleName;
    }

    @Override
    public int doWork() {
        nowNs = clock.nanoTime();
        accountLastCycle();
        int work = commandQueue.drain(runCommand, COMMAND_DRAIN_LIMIT);
        if (work > 0) {
            stats.add(DatapathCounter.COMMANDS, work);
        }
        PortIo[] ports = rxPorts;
        int n = ports.length;
        if (n > 0) {
            int start = roundRobinIndex;
            roundRobinIndex = start + 1 < n ? start + 1 : 0;
            long now = nowNs;
            for (int k = 0; k < n; k++) {
                int at = start + k < n ? start + k : start + k - n;
                if (rxPortCheap[at]) {
                    work += pollPort(ports[at], rxPortIndices[at]);
                } else if (now - rxPortNextPollNs[at] >= 0) {
                    int got = pollPort(ports[at], rxPortIndices[at]);
                    rxPortNextPollNs[at] = got > 0 ? now : now + SLOW_PORT_IDLE_POLL_NS;
                    work += got;
                }
            }
        }
        lastCycleBusy = work > 0;
        stats.increment(lastCycleBusy ? DatapathCounter.BUSY_CYCLES : DatapathCounter.IDLE_CYCLES);
        return work;
    }

    /**
     * Charges the time since the previous cycle started to busy or idle, by what that cycle did:
     * the clock stays read once per cycle, and idle time includes the idle strategy's waits.
     */
    private void accountLastCycle() {
        if (lastCycleStartNs != 0) {
            long elapsed = nowNs - lastCycleStartNs;
            if (elapsed > 0) {
                stats.add(lastCycleBusy ? DatapathCounter.BUSY_NS : DatapathCounter.IDLE_NS, elapsed);
            }
        }
        lastCycleStartNs = nowNs;
    }

    private int pollPort(PortIo port, int dpPortIndex) {
        PacketBatch batch = rxBatch;
        batch.clear();
        int received = port.receive(batch);
        if (received <= 0) {
            return 0;
        }
        int count = batch.count();
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            batch.setInPort(i, dpPortIndex);
            bytes += batch.frameLength(i);
        }
        stats.add(DatapathCounter.RX, count);
        stats.increment(DatapathCounter.RX_BATCHES);
        stats.addPort(dpPortIndex, PortCounter.RX_PACKETS, count);
        stats.addPort(dpPortIndex, PortCounter.RX_BYTES, bytes);
        processor.process(batch, nowNs, txBatchers);
        txBatchers.flush();
        return count;
    }

    /** Command: starts polling {@code port} as datapath port {@code dpPortIndex} and lets frames be sent to it. */
    void onAddPort(int dpPortIndex, PortIo port) {
        if (dpPortIndex < 0 || dpPortIndex >= stats.portCapacity()) {
            throw new IllegalArgumentException("port index out of range: " + dpPortIndex);
        }
        onRemovePort(dpPortIndex);
        txBatchers.add(new TxBatcher(dpPortIndex, port, stats, txFrameCapacity));
        rxPorts = Arrays.copyOf(rxPorts, rxPorts.length + 1);
        rxPortIndices = Arrays.copyOf(rxPortIndices, rxPortIndices.length + 1);
        rxPortCheap = Arrays.copyOf(rxPortCheap, rxPortCheap.length + 1);
        rxPortNextPollNs = Arrays.copyOf(rxPortNextPollNs, rxPortNextPollNs.length + 1);
        rxPorts[rxPorts.length - 1] = port;
        rxPortIndices[rxPortIndices.length - 1] = dpPortIndex;
        rxPortCheap[rxPortCheap.length - 1] = port.pollIsCheap();
        rxPortNextPollNs[rxPortNextPollNs.length - 1] = nowNs;
        if (waiter != null && port.pollFd() >= 0) {
            waiter.addFd(port.pollFd());
        }
    }

    /** Command: lets frames be sent to {@code dpPortIndex} through {@code sender}, which this PMD does not poll. */
    void onAddTxPort(int dpPortIndex, PortIo sender) {
        if (dpPortIndex < 0 || dpPortIndex >= stats.portCapacity()) {
            throw new IllegalArgumentException("port index out of range: " + dpPortIndex);
        }
        onRemovePort(dpPortIndex);
        txBatchers.add(new TxBatcher(dpPortIndex, sender, stats, txFrameCapacity));
    }

    /** Command: stops polling and sending to {@code dpPortIndex}; frames waiting for it are discarded. */
    void onRemovePort(int dpPortIndex) {
        TxBatcher removed = txBatchers.remove(dpPortIndex);
        if (removed == null) {
            return;
        }
        int at = -1;
        for (int k = 0; k < rxPortIndices.length; k++) {
            if (rxPortIndices[k] == dpPortIndex) {
                at = k;
            }
        }
        if (at >= 0) {
            PortIo[] ports = new PortIo[rxPorts.length - 1];
            int[] indices = new int[ports.length];
            boolean[] cheap = new boolean[ports.length];
            long[] nextPoll = new long[ports.length];
            for (int k = 0, j = 0; k < rxPorts.length; k++) {
                if (k != at) {
                    ports[j] = rxPorts[k];
                    cheap[j] = rxPortCheap[k];
                    nextPoll[j] = rxPortNextPollNs[k];
                    indices[j++] = rxPortIndices[k];
                }
            }
            rxPorts = ports;
            rxPortIndices = indices;
            rxPortCheap = cheap;
            rxPortNextPollNs = nextPoll;
            roundRobinIndex = 0;
        }
        if (at >= 0 && waiter != null && removed.port().pollFd() >= 0) {
            waiter.removeFd(removed.port().pollFd());
        }
    }

    /** Command: replaces the batch processor (e.g. a new pipeline). */
    void onSetProcessor(BatchProcessor newProcessor) {
        processor = newProcessor;
    }

    @Override
    public void onClose() {
        for (int k = 0; k < rxPortIndices.length; k++) {
            TxBatcher b = txBatchers.get(rxPortIndices[k]);
            if (b != null) {
                b.flush();
            }
        }
    }
}

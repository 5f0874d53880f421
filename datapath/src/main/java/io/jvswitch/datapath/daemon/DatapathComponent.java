package io.jvswitch.datapath.daemon;

import io.jvswitch.datapath.Datapath;
import io.jvswitch.datapath.EpollPortWaiter;
import io.jvswitch.datapath.bridge.BridgeReconciler;
import io.jvswitch.datapath.linux.LinkEvent;
import io.jvswitch.datapath.linux.LinkMonitor;
import io.jvswitch.datapath.linux.Links;
import io.jvswitch.datapath.linux.NativeAvailability;
import io.jvswitch.datapath.ofproto.FlowStore;
import io.jvswitch.datapath.ofproto.OfprotoCommands;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.pmd.PortWaiter;
import io.jvswitch.datapath.pmd.PortWaitingIdleStrategy;
import io.jvswitch.datapath.port.PortIo;
import io.jvswitch.datapath.port.system.AfPacketPortIo;
import io.jvswitch.datapath.port.tap.TapPortIo;
import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Row;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forwarding part of the daemon: a {@link Datapath} on real devices, driven by a {@link BridgeReconciler}
 * from the config store, with a link monitor thread re-opening ports whose devices come back, the ofctl
 * handler and the datapath's appctl commands. Starts after {@link ConfigStoreComponent}.
 *
 * <p>Tuning from {@code Open_vSwitch other_config}, read at start: {@code pmd-idle} ({@code adaptive}, the
 * default, or {@code spin}), {@code pmd-spin-window-ms} (adaptive PMDs poll on this long after their last
 * frame before they may sleep; default 20, 0 to 10000), {@code pmd-idle-when-contended} ({@code true}, the
 * default: an adaptive PMD whose thread keeps being preempted, because the VMs or containers it serves
 * want its core, skips the spin window and sleeps after a few empty polls until it has gone 100 ms without
 * that; {@code false}: always spin through the window, as on a dedicated core) and {@code pmd-threads}
 * (default one per CPU, at most 4): ports are spread over the PMDs (each polled by one, every PMD sending
 * to all of them), so the kernel work of sending into each port's peer lands on different cores.
 */
public final class DatapathComponent implements DaemonComponent {
    private static final Logger LOG = LoggerFactory.getLogger(DatapathComponent.class);
    private static final int LINK_POLL_MS = 200;
    /** Longest {@code pmd-spin-window-ms}. */
    static final int MAX_SPIN_WINDOW_MS = 10_000;
    /** Most PMD threads {@code pmd-threads} may ask for. */
    static final int MAX_PMD_THREADS = 64;
    /** Longest a jvs-vsctl invocation waits for the datapath to apply its change. */
    private static final long APPLY_WAIT_MS = 5_000;

    private final ConfigStoreComponent store;
    private Datapath datapath;
    private BridgeReconciler reconciler;
    private LinkMonitor linkMonitor;
    private Thread linkThread;
    private volatile boolean running;

    /** A datapath configured from {@code store} (which must start first). */
    public DatapathComponent(ConfigStoreComponent store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "datapath";
    }

    /** The running datapath, or null. */
    public Datapath datapath() {
        return datapath;
    }

    @Override
    public void start(Vswitchd daemon) throws Exception {
        Database db = store.database();
        if (db == null) {
            throw new IllegalStateException("the config store is not open");
        }
        if (!NativeAvailability.isAvailable()) {
            throw new IllegalStateException("native I/O unavailable: " + NativeAvailability.unavailabilityCause());
        }
        Map<String, String> other = otherConfig(db);
        int threads = pmdThreads(other.get("pmd-threads"));
        boolean spin = "spin".equals(other.get("pmd-idle"));
        List<PortWaiter> waiters = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            // A spinning PMD never waits: without an epoll set on its ports the kernel skips an
            // epoll callback (and its lock) for every frame it delivers to them.
            waiters.add(spin ? null : EpollPortWaiter.open());
        }
        datapath = Datapath.system(DatapathComponent::openDevice, waiters, PacketBatch.DEFAULT_FRAME_CAPACITY);
        int spinWindowMs = spinWindowMs(other.get("pmd-spin-window-ms"));
        boolean idleWhenContended = idleWhenContended(other.get("pmd-idle-when-contended"));
        LOG.info("{} PMD thread(s), idle {}", threads, spin ? "spin" : "adaptive, spin window " + spinWindowMs
            + " ms" + (idleWhenContended ? ", sleeping early on a shared core" : ""));
        datapath.start(spin, TimeUnit.MILLISECONDS.toNanos(spinWindowMs), idleWhenContended);
        Path dbFile = daemon.locations().databaseFile();
        FlowStore flows = new FlowStore(dbFile.resolveSibling("flows"));
        reconciler = new BridgeReconciler(db, datapath, flows, System::nanoTime);
        startLinkMonitor();
        reconciler.start();
        BridgeReconciler applier = reconciler;
        store.setAppliedWaiter(txn -> applier.awaitApplied(txn, APPLY_WAIT_MS));
        OfprotoCommands.register(daemon, datapath, flows);
    }

    /** The {@code pmd-spin-window-ms} setting: 0 to {@link #MAX_SPIN_WINDOW_MS}; default when unset or bad. */
    static int spinWindowMs(String text) {
        if (text == null) {
            return PortWaitingIdleStrategy.DEFAULT_SPIN_WINDOW_MS;
        }
        try {
            int ms = Integer.parseInt(text.trim());
            if (ms >= 0 && ms <= MAX_SPIN_WINDOW_MS) {
                return ms;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        LOG.warn("pmd-spin-window-ms={} is not 0..{}; using {}", text, MAX_SPIN_WINDOW_MS,
            PortWaitingIdleStrategy.DEFAULT_SPIN_WINDOW_MS);
        return PortWaitingIdleStrategy.DEFAULT_SPIN_WINDOW_MS;
    }

    /** The {@code pmd-idle-when-contended} setting: {@code false} turns it off; true when unset or invalid (logged). */
    static boolean idleWhenContended(String text) {
        if (text == null) {
            return true;
        }
        String value = text.trim();
        if (value.equals("false")) {
            return false;
        }
        if (!value.equals("true")) {
            LOG.warn("pmd-idle-when-contended={} is not true or false; using true", text);
        }
        return true;
    }

    /** PMD threads when {@code pmd-threads} is unset: one per CPU this process may use, at most this many. */
    static final int MAX_DEFAULT_PMD_THREADS = 4;

    /**
     * The default {@code pmd-threads}: one PMD per CPU (as Open vSwitch runs one PMD per core of its
     * cpu mask), at most {@link #MAX_DEFAULT_PMD_THREADS}. Sending into a veth or TAP runs the peer's
     * receive path on the sending core, so ports polled by different PMDs put that work on different
     * cores; PMDs without ports sleep.
     */
    static int defaultPmdThreads() {
        return Math.max(1, Math.min(MAX_DEFAULT_PMD_THREADS, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * The {@code pmd-threads} setting: 1 to {@link #MAX_PMD_THREADS}; {@link #defaultPmdThreads()} when unset
     * or invalid (logged).
     */
    static int pmdThreads(String text) {
        if (text == null) {
            return defaultPmdThreads();
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= MAX_PMD_THREADS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        int fallback = defaultPmdThreads();
        LOG.warn("pmd-threads={} is not 1..{}; using {}", text, MAX_PMD_THREADS, fallback);
        return fallback;
    }

    /** Opens the device of a port by its Interface type (SPEC §2). */
    static PortIo openDevice(String name, String type) throws Exception {
        switch (type == null ? "" : type) {
            case "internal", "tap" -> {
                return TapPortIo.open(name);
            }
            case "", "system" -> {
                if (!Links.exists(name)) {
                    throw new IOException("No such device");
                }
                return AfPacketPortIo.open(name);
            }
            default -> throw new IOException("unsupported interface type " + type);
        }
    }

    private static Map<String, String> otherConfig(Database db) {
        Row ovs = db.snapshot().openVswitchRow();
        return ovs == null ? Map.of() : ovs.getStringMap("other_config");
    }

    private void startLinkMonitor() {
        try {
            linkMonitor = LinkMonitor.open();
        } catch (IOException e) {
            LOG.warn("no link monitor ({}); ports of missing devices are not re-opened", e.getMessage());
            return;
        }
        running = true;
        LinkMonitor.Listener listener = new LinkMonitor.Listener() {
            @Override
            public void onLink(LinkEvent event) {
                if (event.name() != null) {
                    reconciler.onDevice(event.name(), event.kind() != LinkEvent.Kind.VANISHED);
                }
            }

            @Override
            public void onEventsLost() {
                LOG.warn("link notifications lost; a device dump follows");
            }
        };
        linkThread = new Thread(() -> {
            while (running) {
                linkMonitor.awaitAndPoll(LINK_POLL_MS, listener);
            }
        }, "jvs-link-monitor");
        linkThread.setDaemon(true);
        linkThread.start();
    }

    @Override
    public void close() throws Exception {
        store.setAppliedWaiter(null);
        running = false;
        if (linkThread != null) {
            linkThread.join(2 * LINK_POLL_MS + 1000L);
        }
        if (reconciler != null) {
            reconciler.close();
        }
        if (datapath != null) {
            datapath.close();
        }
        if (linkMonitor != null) {
            linkMonitor.close();
        }
    }
}

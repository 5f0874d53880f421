package io.jvswitch.datapath.bridge;

import io.jvswitch.datapath.Datapath;
import io.jvswitch.datapath.ofproto.FlowStore;
import io.jvswitch.flowtable.FlowTables;
import io.jvswitch.flowtable.OfPort;
import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.DatabaseSnapshot;
import io.jvswitch.ovsdb.Subscription;
import io.jvswitch.ovsdb.feed.ChangeSet;
import io.jvswitch.ovsdb.feed.RowChange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the datapath from the configuration store (Open vSwitch's {@code bridge.c} role).
 *
 * <p><b>What.</b> On start and after every committed transaction that touches the configuration, reads the
 * {@link DesiredConfig} and applies only the difference from what it applied last: bridges added and removed
 * (with their flow tables, restored from the {@link FlowStore} or, for a new bridge, the default NORMAL flow),
 * ports added and removed, a port's VLAN configuration changed in place, MAC table limits changed. Ofports
 * are chosen here: {@code ofport_request}, else the ofport written back earlier (stable across restarts),
 * else the lowest free number from 1; the bridge's internal port is LOCAL. Afterwards the Interface rows get
 * their state written back and {@code cur_cfg} follows {@code next_cfg}.
 *
 * <p><b>Threading.</b> Everything runs on one control thread ({@code jvs-reconciler}): the change listener
 * only queues work there (a listener may not transact). Also on that thread: device appearance and
 * disappearance from the link monitor, the periodic statistics write-back and flow expiry.
 */
public final class BridgeReconciler implements AutoCloseable {
    /** How often Interface statistics are written back. */
    public static final long STATISTICS_PERIOD_MS = 5_000;
    /** How often flows are checked for idle and hard timeouts. */
    public static final long EXPIRY_PERIOD_MS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(BridgeReconciler.class);
    /** Interface columns this class writes itself: changes to only these need no reconciliation. */
    private static final Set<String> STATE_COLUMNS = Set.of("ofport", "link_state", "admin_state", "mac_in_use",
            "mtu", "ifindex", "error", "statistics", "link_speed", "duplex", "status", "cur_cfg");

    private final Database db;
    private final Datapath datapath;
    private final FlowStore flowStore;
    private final LongSupplier clock;
    private final InterfaceStateWriter writer;
    private final ScheduledExecutorService control = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jvs-reconciler");
        t.setDaemon(true);
        return t;
    });
    private DesiredConfig applied = new DesiredConfig(Map.of());
    private Subscription subscription;
    /** Number of the last transaction whose configuration the datapath has applied; guarded by itself. */
    private final long[] appliedTxn = {-1};

    /**
     * @param clock the flow tables' clock (the PMD's: {@code System::nanoTime})
     */
    public BridgeReconciler(Database db, Datapath datapath, FlowStore flowStore, LongSupplier clock) {
        this.db = db;
        this.datapath = datapath;
        this.flowStore = flowStore;
        this.clock = clock;
        this.writer = new InterfaceStateWriter(db, datapath);
    }

    /** Applies the current configuration (waiting for it) and follows the change feed from then on. */
    public void start() throws Exception {
        subscription = db.subscribe(this::onChange);
        DatabaseSnapshot initial = subscription.initial();
        control.submit(() -> reconcile(initial)).get();
        control.scheduleWithFixedDelay(this::writeStatistics, STATISTICS_PERIOD_MS, STATISTICS_PERIOD_MS,
                TimeUnit.MILLISECONDS);
        control.scheduleWithFixedDelay(this::expireFlows, EXPIRY_PERIOD_MS, EXPIRY_PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** The control thread, for work that must be serialized with reconciliation (device events). */
    public ExecutorService controlThread() {
        return control;
    }

    /** Re-opens or closes the ports of device {@code name} (from the link monitor); any thread. */
    public void onDevice(String name, boolean present) {
        control.execute(() -> {
            datapath.retryDevice(name, present);
            // Also for a device that only changed (up/down): its link_state follows.
            writer.write(applied, false);
        });
    }

    /**
     * Waits until the configuration of transaction {@code txnId} (or a later one) has been applied, at most
     * {@code timeoutMs}: what lets {@code jvs-vsctl add-port} return only once the port exists, as ovs-vsctl
     * waits for ovs-vswitchd. Returns whether it was applied in time.
     */
    public boolean awaitApplied(long txnId, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (appliedTxn) {
            while (appliedTxn[0] < txnId) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                appliedTxn.wait(left);
            }
            return true;
        }
    }

    private void markApplied(long txnId) {
        synchronized (appliedTxn) {
            if (txnId > appliedTxn[0]) {
                appliedTxn[0] = txnId;
                appliedTxn.notifyAll();
            }
        }
    }

    private void onChange(ChangeSet changes) {
        if (onlyStateColumns(changes)) {
            // Queued behind any pending reconciliation, so waiters are released in commit order.
            control.execute(() -> markApplied(changes.txnId()));
            return;
        }
        DatabaseSnapshot after = changes.after();
        control.execute(() -> reconcile(after));
    }

    private static boolean onlyStateColumns(ChangeSet changes) {
        for (String table : changes.tables()) {
            for (RowChange change : changes.changes(table)) {
                if (!change.isModify()) {
                    return false;
                }
                boolean stateTable = table.equals("Interface") || table.equals("Open_vSwitch");
                for (var column : change.changedColumns()) {
                    if (!stateTable || !STATE_COLUMNS.contains(column.name())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Applies {@code snapshot}'s configuration; runs on the control thread. */
    void reconcile(DatabaseSnapshot snapshot) {
        DesiredConfig desired = DesiredConfig.read(snapshot);
        if (desired.bridges().size() > 0 || applied.bridges().size() > 0) {
            try {
                apply(desired);
            } catch (RuntimeException e) {
                LOG.error("reconciling the datapath failed", e);
            }
        }
        applied = desired;
        markApplied(snapshot.txnId());
        writer.write(desired, false);
        writer.acknowledge(snapshot);
    }

    private void apply(DesiredConfig desired) {
        for (String name : applied.bridges().keySet()) {
            if (!desired.bridges().containsKey(name)) {
                datapath.removeBridge(name);
                flowStore.delete(name);
            }
        }
        for (DesiredConfig.BridgeConfig bridge : desired.bridges().values()) {
            DesiredConfig.BridgeConfig before = applied.bridges().get(bridge.name());
            if (before == null) {
                addBridge(bridge.name());
            }
            if (before == null || before.macTableSize() != bridge.macTableSize()
                    || before.macAgingNs() != bridge.macAgingNs()) {
                try {
                    datapath.setMacTableLimits(bridge.name(), bridge.macTableSize(), bridge.macAgingNs());
                } catch (Exception e) {
                    LOG.warn("{}: cannot set MAC table limits: {}", bridge.name(), e.toString());
                }
            }
            applyPorts(bridge, before == null ? Map.of() : before.ports());
            if (before == null || !Objects.equals(before.sflow(), bridge.sflow())) {
                datapath.setSflow(bridge.name(), bridge.sflow());
            }
        }
    }

    private void addBridge(String name) {
        FlowTables tables = flowStore.load(name, clock, 1).orElse(null);
        if (tables == null) {
            tables = FlowTables.newBridge(clock, 1);
            try {
                synchronized (tables) {
                    flowStore.save(name, tables);
                }
            } catch (IOException e) {
                LOG.error("{}: cannot save flows: {}", name, e.toString());
            }
        }
        datapath.addBridge(name, tables);
    }

    private void applyPorts(DesiredConfig.BridgeConfig bridge, Map<String, DesiredConfig.PortConfig> before) {
        Map<String, Datapath.PortInfo> present = new LinkedHashMap<>();
        for (Datapath.PortInfo p : datapath.ports(bridge.name())) {
            present.put(p.name(), p);
        }
        // Removed, or changed in what needs a new device or number: take out first, so numbers are free.
        for (Datapath.PortInfo p : present.values()) {
            DesiredConfig.PortConfig want = bridge.ports().get(p.name());
            DesiredConfig.PortConfig had = before.get(p.name());
            if (want == null || had == null || !Objects.equals(want.type(), had.type())
                    || want.ofportRequest() != had.ofportRequest()) {
                datapath.removePort(bridge.name(), p.name());
            }
        }
        Set<Integer> taken = new HashSet<>();
        for (Datapath.PortInfo p : datapath.ports(bridge.name())) {
            taken.add(p.ofport());
        }
        List<DesiredConfig.PortConfig> toAdd = new ArrayList<>();
        for (DesiredConfig.PortConfig want : bridge.ports().values()) {
            Datapath.PortInfo have = datapath.portInfo(bridge.name(), want.name());
            if (have == null) {
                toAdd.add(want);
            } else if (!have.vlan().equals(want.vlan())) {
                try {
                    datapath.setPortVlan(bridge.name(), want.name(), want.vlan());
                } catch (Exception e) {
                    LOG.warn("{}: cannot change the VLANs of {}: {}", bridge.name(), want.name(), e.toString());
                }
            }
        }
        // Requested numbers first, then remembered ones, then new ones (by name): nobody steals a number.
        toAdd.sort(Comparator.comparingInt(BridgeReconciler::rank).thenComparing(DesiredConfig.PortConfig::name));
        for (DesiredConfig.PortConfig want : toAdd) {
            int ofport = chooseOfport(bridge.name(), want, taken);
            taken.add(ofport);
            try {
                datapath.addPort(bridge.name(), want.name(), typeOf(bridge.name(), want), ofport, want.vlan());
            } catch (IllegalStateException e) {
                LOG.warn("{}: cannot add port {}: {}", bridge.name(), want.name(), e.getMessage());
            }
        }
    }

    private static int rank(DesiredConfig.PortConfig p) {
        return p.ofportRequest() > 0 ? 0 : p.storedOfport() > 0 ? 1 : 2;
    }

    private static String typeOf(String bridge, DesiredConfig.PortConfig port) {
        String type = port.type() == null ? "" : port.type();
        if (type.isEmpty() && port.name().equals(bridge)) {
            return "internal";
        }
        return type;
    }

    static int chooseOfport(String bridge, DesiredConfig.PortConfig port, Set<Integer> taken) {
        if ("internal".equals(typeOf(bridge, port)) && port.name().equals(bridge)) {
            return OfPort.LOCAL;
        }
        if (valid(port.ofportRequest()) && !taken.contains(port.ofportRequest())) {
            return port.ofportRequest();
        }
        if (valid(port.storedOfport()) && !taken.contains(port.storedOfport())) {
            return port.storedOfport();
        }
        int n = 1;
        while (taken.contains(n)) {
            n++;
        }
        return n;
    }

    private static boolean valid(int ofport) {
        return ofport >= 1 && ofport <= OfPort.MAX_PHYSICAL;
    }

    private void writeStatistics() {
        try {
            writer.write(applied, true);
        } catch (RuntimeException e) {
            LOG.warn("statistics write-back failed: {}", e.toString());
        }
    }

    private void expireFlows() {
        for (String bridge : datapath.bridgeNames()) {
            FlowTables tables = datapath.flowTables(bridge);
            if (tables == null) {
                continue;
            }
            synchronized (tables) {
                if (tables.expire().removed().isEmpty()) {
                    continue;
                }
                try {
                    flowStore.save(bridge, tables);
                } catch (IOException e) {
                    LOG.error("{}: cannot save flows after expiry: {}", bridge, e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        control.shutdownNow();
        try {
            control.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

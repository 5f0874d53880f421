package io.jvswitch.ovsdb.jsonrpc;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.DatabaseSnapshot;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Subscription;
import io.jvswitch.ovsdb.Uuid;
import io.jvswitch.ovsdb.feed.ChangeSet;
import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.txn.TxnResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for the datapath's side of the {@code next_cfg}/{@code cur_cfg} handshake (ovsdb-rfc7047.md §5):
 * after every commit, on its own thread, it gives every Interface without an {@code ofport} one (65534, the
 * local port, for a bridge's own interface; else its {@code ofport_request} when free; else the lowest free
 * number on its bridge, by interface name) and sets {@code Open_vSwitch.cur_cfg} to {@code next_cfg}, in one
 * transaction. Stock {@code ovs-vsctl} without {@code --no-wait} (libvirt's mode) waits for exactly that, and
 * reports "Error detected while setting up" for an interface left without an ofport.
 *
 * <p><b>Who runs it.</b> Only a daemon with no datapath plugged in: the datapath, once it applies the
 * configuration itself, must raise {@code cur_cfg} and set {@code ofport}/{@code error} after really applying
 * it, and this class must then not run (see {@code OvsdbServerComponent}). It never lowers anything and writes
 * only when something is missing, so a second acknowledger does no harm beyond racing it.
 *
 * <p><b>Threading.</b> The store forbids transactions on its delivery thread, so {@link #onChange} only flags
 * work for a single worker thread; bursts of commits coalesce into one pass.
 */
public final class CfgFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CfgFollower.class);
    /** OpenFlow's local port, which Open vSwitch gives a bridge's own interface. */
    static final long OFPP_LOCAL = 65534;
    private static final long MAX_OFPORT = 65279;

    private final Database db;
    private final ExecutorService worker;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Subscription subscription;

    private CfgFollower(Database db) {
        this.db = db;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ovsdb-cfg-follower");
            t.setDaemon(true);
            return t;
        });
        this.subscription = db.subscribe(this::onChange);
    }

    /** Starts following {@code db} (and catches up with its current state at once). */
    public static CfgFollower start(Database db) {
        CfgFollower f = new CfgFollower(db);
        f.schedule();
        return f;
    }

    private void onChange(ChangeSet cs) {
        if (cs.tables().contains("Open_vSwitch") || cs.tables().contains("Interface")) {
            schedule();
        }
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    scheduled.set(false);
                    acknowledge();
                });
            } catch (RejectedExecutionException e) {
                scheduled.set(false);
            }
        }
    }

    /** One pass: assigns missing ofports and raises cur_cfg; returns the transaction run, or null if none. */
    TxnResult acknowledge() {
        try {
            List<Json> ops = operations(db.snapshot());
            if (ops.isEmpty()) {
                return null;
            }
            TxnResult r = db.transact(Json.array(ops));
            if (!r.isSuccess()) {
                // A concurrent change raced this pass; its own change notification schedules another.
                LOG.debug("cur_cfg acknowledgement did not commit: {}", r);
            }
            return r;
        } catch (IllegalStateException e) {
            LOG.debug("cur_cfg acknowledgement skipped: {}", e.getMessage());
            return null;
        }
    }

    /** The operations that bring {@code snap} to "applied": ofports for new interfaces, cur_cfg = next_cfg. */
    static List<Json> operations(DatabaseSnapshot snap) {
        List<Json> ops = new ArrayList<>();
        if (snap.table("Bridge") != null && snap.table("Interface") != null) {
            for (Row bridge : snap.table("Bridge").rows()) {
                assignOfports(snap, bridge, ops);
            }
        }
        Row ovs = snap.openVswitchRow();
        if (ovs != null) {
            Long next = ovs.getLong("next_cfg");
            Long cur = ovs.getLong("cur_cfg");
            if (next != null && !next.equals(cur)) {
                ops.add(update("Open_vSwitch", ovs.uuid(), Json.object().put("cur_cfg", next).build()));
            }
        }
        return ops;
    }

    private static void assignOfports(DatabaseSnapshot snap, Row bridge, List<Json> ops) {
        List<Row> ifaces = new ArrayList<>();
        for (Uuid p : bridge.getUuids("ports")) {
            Row port = snap.row("Port", p);
            if (port != null) {
                for (Uuid i : port.getUuids("interfaces")) {
                    Row iface = snap.row("Interface", i);
                    if (iface != null) {
                        ifaces.add(iface);
                    }
                }
            }
        }
        Set<Long> used = new HashSet<>();
        List<Row> missing = new ArrayList<>();
        for (Row iface : ifaces) {
            List<Long> ofport = iface.getLongs("ofport");
            if (ofport.isEmpty()) {
                missing.add(iface);
            } else {
                used.add(ofport.get(0));
            }
        }
        // By name, so that the numbers do not depend on uuid order.
        missing.sort(Comparator.comparing(r -> r.getString("name")));
        Map<Uuid, Long> chosen = new HashMap<>();
        for (Row iface : missing) {
            if (iface.getString("name").equals(bridge.getString("name"))) {
                chosen.put(iface.uuid(), OFPP_LOCAL);
                used.add(OFPP_LOCAL);
            }
        }
        for (Row iface : missing) {
            List<Long> request = iface.getLongs("ofport_request");
            if (!chosen.containsKey(iface.uuid()) && !request.isEmpty() && request.get(0) >= 1
                    && request.get(0) <= MAX_OFPORT && used.add(request.get(0))) {
                chosen.put(iface.uuid(), request.get(0));
            }
        }
        long next = 1;
        for (Row iface : missing) {
            if (!chosen.containsKey(iface.uuid())) {
                while (used.contains(next)) {
                    next++;
                }
                used.add(next);
                chosen.put(iface.uuid(), next);
            }
            ops.add(update("Interface", iface.uuid(), Json.object().put("ofport", chosen.get(iface.uuid())).build()));
        }
    }

    private static Json update(String table, Uuid row, Json values) {
        return Json.object().put("op", "update").put("table", table)
                .put("where", Json.array(Json.array(Json.of("_uuid"), Json.of("=="),
                        Json.array(Json.of("uuid"), Json.of(row.toString())))))
                .put("row", values).build();
    }

    /** Stops following. */
    @Override
    public void close() {
        subscription.close();
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.jvswitch.datapath.daemon;

import io.jvswitch.datapath.server.CommandResult;
import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.ctl.VsctlEngine;
import io.jvswitch.ovsdb.ctl.VsctlResult;
import io.jvswitch.ovsdb.server.ConfigServiceAdapter;
import io.jvswitch.ovsdb.txn.TxnBuilder;
import io.jvswitch.ovsdb.txn.TxnResult;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration store of the daemon: opens {@code conf.db}, serves the {@code Config} gRPC service
 * and runs {@code jvs-vsctl} invocations (program "vsctl", one transaction per invocation).
 *
 * <p>At start it writes {@code Open_vSwitch.ovs_version} and removes the ports marked
 * {@code other_config:transient=true} (libvirt's VM ports, whose VMs are gone after a reboot), as Open
 * vSwitch's start-up script does (SPEC §2).
 */
public final class ConfigStoreComponent implements DaemonComponent {
    /** Longest an invocation waits for the datapath to acknowledge its change ({@code cur_cfg}). */
    static final long RELOAD_WAIT_MS = TimeUnit.SECONDS.toMillis(5);

    private static final Logger LOG = LoggerFactory.getLogger(ConfigStoreComponent.class);

    private final Path databaseFile;
    private volatile Database database;
    private volatile AppliedWaiter appliedWaiter;

    /** Waits until the datapath has applied a committed transaction (see {@link #setAppliedWaiter}). */
    @FunctionalInterface
    public interface AppliedWaiter {
        /** Returns once transaction {@code txnId} is applied, or after the waiter's own time limit. */
        void awaitApplied(long txnId) throws InterruptedException;
    }

    /** A store kept in {@code databaseFile} (created when missing). */
    public ConfigStoreComponent(Path databaseFile) {
        this.databaseFile = databaseFile;
    }

    @Override
    public String name() {
        return "config store";
    }

    /** The open database; null before {@link #start} and after {@link #close}. */
    public Database database() {
        return database;
    }

    /**
     * Makes each {@code jvs-vsctl} invocation that changed the store return only once the datapath has
     * applied the change (as ovs-vsctl waits for ovs-vswitchd), so that a following {@code jvs-ofctl} sees
     * new ports. Null turns the wait off.
     */
    public void setAppliedWaiter(AppliedWaiter waiter) {
        this.appliedWaiter = waiter;
    }

    @Override
    public void start(Vswitchd daemon) throws Exception {
        Database db = Database.open(databaseFile, Schema.vswitch());
        if (db.journalDamage() != null) {
            LOG.warn("{}: {}", databaseFile, db.journalDamage());
        }
        database = db;
        writeVersion(db);
        removeTransientPorts(db);
        daemon.setDbSchemaVersion(db.schema().version());
        daemon.addService(new ConfigServiceAdapter(db));
        // Like ovs-vsctl without --no-wait: each change bumps next_cfg and waits for the datapath's cur_cfg,
        // then reports interfaces it could not set up.
        VsctlEngine engine = new VsctlEngine(db, Clock.systemUTC(), RELOAD_WAIT_MS);
        daemon.commands().register("vsctl", ctx -> {
            long before = db.snapshot().txnId();
            VsctlResult r = engine.runUntilDone(ctx.args(), ctx.invokedAs());
            long after = db.snapshot().txnId();
            AppliedWaiter waiter = appliedWaiter;
            if (r.exitCode() == 0 && after != before && waiter != null) {
                waiter.awaitApplied(after);
            }
            return new CommandResult(r.stdout(), r.stderr(), r.exitCode());
        });
    }

    private static void writeVersion(Database db) {
        Row ovs = db.snapshot().openVswitchRow();
        if (ovs == null || DaemonVersion.VERSION.equals(ovs.getString("ovs_version"))) {
            return;
        }
        TxnResult r = db.newTransaction()
                .update("Open_vSwitch", List.of(TxnBuilder.whereUuid(ovs.uuid())),
                        Map.of("ovs_version", DaemonVersion.VERSION))
                .commit();
        if (!r.isSuccess()) {
            LOG.warn("cannot write ovs_version: {}", r);
        }
    }

    /** Deletes every Port with {@code other_config:transient=true}, through the vsctl engine's del-port. */
    static int removeTransientPorts(Database db) {
        List<String> args = new ArrayList<>();
        for (Row port : db.snapshot().table("Port").rows()) {
            if ("true".equals(port.getStringMap("other_config").get("transient"))) {
                if (!args.isEmpty()) {
                    args.add("--");
                }
                args.add("--if-exists");
                args.add("del-port");
                args.add(port.getString("name"));
            }
        }
        if (args.isEmpty()) {
            return 0;
        }
        VsctlResult r = new VsctlEngine(db).run(args, "jvs-vswitchd");
        if (r.exitCode() != 0) {
            LOG.warn("removing transient ports failed: {}", r.stderr().strip());
            return 0;
        }
        LOG.info("removed transient ports: {}", String.join(" ", args));
        return (args.size() + 1) / 4;
    }

    @Override
    public void close() throws Exception {
        Database db = database;
        database = null;
        if (db != null) {
            db.close();
        }
    }
}

package io.jvswitch.ovsdb.ctl;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.OvsdbException;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Subscription;
import io.jvswitch.ovsdb.txn.TxnResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * jvswitch's ovs-vsctl: runs one ovs-vsctl command line against the store as ONE atomic transaction and
 * answers with Open vSwitch's outputs, error texts and exit statuses.
 *
 * <p><b>What.</b> {@link #run} parses the arguments ({@link VsctlParser}), runs every command on a working copy
 * of the latest snapshot ({@link CtlTxn}), then commits the difference in one store transaction. On any error
 * nothing is committed and stderr is {@code <invokedAs>: <message>} with exit status 1 ({@code br-exists} on a
 * missing bridge: status 2, no message). {@code --dry-run} runs and prints but commits nothing.
 *
 * <p><b>Threading.</b> Thread-safe: every call works on its own snapshot and working copy. Concurrent writers
 * are detected at commit (the working copy's {@code wait} operations fail) and the commands are simply run
 * again on a fresh snapshot, as ovs-vsctl retries on "try again".
 *
 * <p><b>Invariants.</b> The engine never talks to the datapath; the datapath reacts to committed changes
 * through the store's change feed. Printed uuids of created rows are the uuids committed.
 */
public final class VsctlEngine {
    /** The version {@code --version} reports. */
    public static final String VERSION = "0.1.0";
    private static final int MAX_ATTEMPTS = 100;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Database db;
    private final Clock clock;
    private final long reloadWaitMs;
    private final Map<String, CommandSpec> commands;

    /** An engine on {@code db}. */
    public VsctlEngine(Database db) {
        this(db, Clock.systemUTC());
    }

    /** An engine on {@code db} that stamps warnings with {@code clock}. */
    public VsctlEngine(Database db, Clock clock) {
        this(db, clock, 0);
    }

    /**
     * An engine that, like ovs-vsctl without {@code --no-wait}, increments {@code Open_vSwitch.next_cfg} with
     * every change and then waits (at most {@code reloadWaitMs}, and at most the invocation's {@code --timeout})
     * until the datapath acknowledges it in {@code cur_cfg}; it then reports interfaces the invocation created
     * that the datapath could not set up ({@code Interface.error}), exit status still 0 as in OVS 3.1. Use it only
     * when a datapath acknowledges configurations; {@code reloadWaitMs} 0 turns all of this off.
     */
    public VsctlEngine(Database db, Clock clock, long reloadWaitMs) {
        this.db = db;
        this.clock = clock;
        this.reloadWaitMs = reloadWaitMs;
        Map<String, CommandSpec> table = new LinkedHashMap<>();
        BridgeCommands.register(table);
        DbCommands.register(table);
        DbCommands.add(table, "show", 0, 0, DbCommands.opts(), ShowCommand::run);
        this.commands = Collections.unmodifiableMap(table);
    }

    /** The names of all commands. */
    public List<String> commandNames() {
        return new ArrayList<>(commands.keySet());
    }

    /**
     * Runs one invocation.
     *
     * @param args the arguments after the program name, exactly as typed
     * @param invokedAs the program name for messages ({@code jvs-vsctl} or {@code ovs-vsctl})
     */
    public VsctlResult run(List<String> args, String invokedAs) {
        Invocation inv;
        try {
            inv = new VsctlParser(commands, invokedAs).parse(args);
        } catch (CtlException e) {
            return VsctlResult.error(invokedAs + ": " + e.getMessage() + "\n", 1);
        }
        if (inv.helpText() != null) {
            return VsctlResult.ok(inv.helpText(), "");
        }
        return execute(inv, invokedAs);
    }

    /**
     * Runs one invocation as {@link #runUntilDone(List, String, long)} does, waiting at most the invocation's own
     * {@code --timeout} (none = until interrupted). This is what the daemon's {@code Control.Run} should call.
     */
    public VsctlResult runUntilDone(List<String> args, String invokedAs) throws InterruptedException {
        long timeoutMs = 0;
        try {
            timeoutMs = new VsctlParser(commands, invokedAs).parse(args).timeoutSeconds() * 1000L;
        } catch (CtlException e) {
            return run(args, invokedAs);
        }
        return runUntilDone(args, invokedAs, timeoutMs);
    }

    /**
     * Runs one invocation, re-running it after each committed change while a {@code wait-until} does not hold,
     * for at most {@code timeoutMs} (0 = forever); on expiry answers like an ovs-vsctl killed by its alarm.
     */
    public VsctlResult runUntilDone(List<String> args, String invokedAs, long timeoutMs) throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        Condition changed = lock.newCondition();
        long[] seen = {0};
        long deadline = timeoutMs > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs) : Long.MAX_VALUE;
        Subscription sub = db.subscribe(cs -> {
            lock.lock();
            try {
                seen[0]++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        });
        try {
            while (true) {
                long before;
                lock.lock();
                try {
                    before = seen[0];
                } finally {
                    lock.unlock();
                }
                VsctlResult r = run(args, invokedAs);
                if (!r.waiting()) {
                    return r;
                }
                lock.lock();
                try {
                    while (seen[0] == before) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            return VsctlResult.error(stamp(1) + "|fatal_signal|WARN|terminating with signal 14"
                                    + " (Alarm clock)\n", VsctlResult.TIMED_OUT);
                        }
                        changed.awaitNanos(left);
                    }
                } finally {
                    lock.unlock();
                }
            }
        } finally {
            sub.close();
        }
    }

    private VsctlResult execute(Invocation inv, String invokedAs) {
        try {
            return attempt(inv, invokedAs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return VsctlResult.error(invokedAs + ": interrupted\n", 1);
        }
    }

    private VsctlResult attempt(Invocation inv, String invokedAs) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            List<String> warnings = new ArrayList<>();
            Attempt a = new Attempt(inv, warnings);
            try {
                a.runCommands();
                if (a.tryAgain) {
                    return VsctlResult.waitingFor(stderr(warnings));
                }
                long nextCfg = -1;
                if (!inv.dryRun() && a.txn.isChanged()) {
                    if (reloadWaitMs > 0 && !inv.noWait()) {
                        nextCfg = a.txn.bumpNextCfg();
                    }
                    TxnResult result = db.transact(a.txn.operations());
                    if (!result.isSuccess()) {
                        OvsdbException err = result.error();
                        if (OvsdbException.TIMED_OUT.equals(err.error()) && attempt < MAX_ATTEMPTS) {
                            continue;
                        }
                        // ovs-vsctl's IDL logs the server's error before ovs-vsctl itself reports it.
                        warnings.add("ovsdb_idl|WARN|transaction error: " + CommandContext.errorText(err));
                        throw new CtlException("transaction error: " + CommandContext.errorText(err));
                    }
                }
                String reloadErrors = nextCfg < 0 ? "" : awaitReload(inv, nextCfg, a.txn.insertedInterfaces(),
                        invokedAs);
                return VsctlResult.ok(a.output(), stderr(warnings) + reloadErrors);
            } catch (CtlException e) {
                return VsctlResult.error(stderr(warnings) + invokedAs + ": " + e.getMessage() + "\n", 1);
            } catch (CtlExit e) {
                return VsctlResult.error(stderr(warnings), e.status());
            } catch (OvsdbException | IllegalStateException e) {
                // The store refused (closed, journal broken, ...): report it like any failed transaction.
                return VsctlResult.error(stderr(warnings) + invokedAs + ": transaction error: " + e.getMessage()
                        + "\n", 1);
            }
        }
    }

    /**
     * Waits until the datapath has applied configuration {@code nextCfg}, then reports the new interfaces it
     * could not set up, in ovs-vsctl's words. Gives up silently when the wait runs out.
     */
    private String awaitReload(Invocation inv, long nextCfg, List<Row> newIfaces, String invokedAs)
            throws InterruptedException {
        long waitMs = reloadWaitMs;
        if (inv.timeoutSeconds() > 0) {
            waitMs = Math.min(waitMs, inv.timeoutSeconds() * 1000L);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        ReentrantLock lock = new ReentrantLock();
        Condition changed = lock.newCondition();
        Subscription sub = db.subscribe(cs -> {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        });
        try {
            lock.lock();
            try {
                while (curCfg() < nextCfg) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return "";
                    }
                    changed.awaitNanos(left);
                }
            } finally {
                lock.unlock();
            }
        } finally {
            sub.close();
        }
        StringBuilder sb = new StringBuilder();
        for (Row created : newIfaces) {
            Row now = db.snapshot().table("Interface").row(created.uuid());
            if (now == null) {
                continue;
            }
            String name = now.getString("name");
            String error = now.getString("error");
            Long ofport = now.getLong("ofport");
            if (error != null && !error.isEmpty()) {
                sb.append(invokedAs).append(": Error detected while setting up '").append(name).append("': ")
                        .append(error).append(".  See ovs-vswitchd log for details.\n");
            } else if (ofport != null && ofport == -1) {
                sb.append(invokedAs).append(": Error detected while setting up '").append(name)
                        .append("'.  See ovs-vswitchd log for details.\n");
            }
        }
        return sb.toString();
    }

    private long curCfg() {
        Row ovs = db.snapshot().openVswitchRow();
        Long cur = ovs == null ? null : ovs.getLong("cur_cfg");
        return cur == null ? Long.MIN_VALUE : cur;
    }

    private String stderr(List<String> warnings) {
        StringBuilder sb = new StringBuilder();
        // OVS numbers every log message; its first one (connecting to the database) is INFO and not shown on
        // the console, so the first warning a user sees is number 2.
        int seq = 2;
        for (String w : warnings) {
            sb.append(stamp(seq++)).append('|').append(w).append('\n');
        }
        return sb.toString();
    }

    private String stamp(int seq) {
        return STAMP.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS)) + String.format("|%05d", seq);
    }

    /** One run of the commands on a fresh snapshot. */
    private final class Attempt {
        final Invocation inv;
        final List<String> warnings;
        final CtlTxn txn = new CtlTxn(db.snapshot());
        final CtlSymbols symbols = new CtlSymbols();
        final List<CommandContext> done = new ArrayList<>();
        boolean tryAgain;

        Attempt(Invocation inv, List<String> warnings) {
            this.inv = inv;
            this.warnings = warnings;
        }

        void runCommands() {
            for (ParsedCommand cmd : inv.commands()) {
                if (cmd.spec().pre() != null) {
                    cmd.spec().pre().run(new CommandContext(cmd, txn, symbols, inv.style(), warnings));
                }
            }
            for (ParsedCommand cmd : inv.commands()) {
                CommandContext ctx = new CommandContext(cmd, txn, symbols, inv.style(), warnings);
                cmd.spec().handler().run(ctx);
                done.add(ctx);
                if (ctx.isTryAgain()) {
                    tryAgain = true;
                    return;
                }
            }
            for (CtlSymbols.Symbol s : symbols.all()) {
                if (!s.created) {
                    throw new CtlException("row id \"" + s.name + "\" is referenced but never created (e.g. with "
                            + "\"-- --id=" + s.name + " create ...\")");
                }
                if (!s.strongRef) {
                    warnings.add("vsctl|WARN|row id \"" + s.name + "\" was created but "
                            + (s.weakRef ? "only a weak reference" : "no reference") + " to it was inserted, so it"
                            + " will not actually appear in the database");
                }
            }
        }

        String output() {
            StringBuilder sb = new StringBuilder();
            int tables = 0;
            for (CommandContext ctx : done) {
                if (ctx.table() != null) {
                    // OVS separates the list/table/csv tables of one invocation (even empty ones) by a blank line.
                    TableStyle.Format f = inv.style().format;
                    boolean separated = f == TableStyle.Format.LIST || f == TableStyle.Format.TABLE
                            || f == TableStyle.Format.CSV;
                    if (tables++ > 0 && separated) {
                        sb.append('\n');
                    }
                    sb.append(ctx.table());
                    continue;
                }
                if (!inv.oneline()) {
                    sb.append(ctx.out);
                    continue;
                }
                String text = ctx.out.toString();
                if (text.endsWith("\n")) {
                    text = text.substring(0, text.length() - 1);
                }
                sb.append(text.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
            }
            return sb.toString();
        }
    }
}

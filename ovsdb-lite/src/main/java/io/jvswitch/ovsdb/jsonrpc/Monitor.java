package io.jvswitch.ovsdb.jsonrpc;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.DatabaseSnapshot;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Subscription;
import io.jvswitch.ovsdb.Uuid;
import io.jvswitch.ovsdb.feed.ChangeListener;
import io.jvswitch.ovsdb.feed.ChangeSet;
import io.jvswitch.ovsdb.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One monitor of one session: subscribes to the store's change feed and turns each committed transaction into
 * an {@code update}, {@code update2} or {@code update3} notification for its peer.
 *
 * <p><b>Threading.</b> {@link #onChange} runs on whichever thread committed (the store's delivery rule), so it
 * only encodes and hands the message to the session's outbox, which never blocks. The initial reply and the
 * first notifications race: a commit may land between subscribing and sending the reply. Until
 * {@link #replied} is set, changes are therefore parked in {@code early} under the monitor's lock and sent right
 * after the reply, so the peer sees the reply first and every later change exactly once.
 */
final class Monitor implements ChangeListener, AutoCloseable {
    /** ovsdb-server's last-txn-id when it keeps no history (standalone): the zero uuid. */
    static final String ZERO_UUID = Uuid.of(0, 0).toString();

    private final Version version;
    private Json id;
    private Map<String, TableMonitor> spec;
    /** The state as of the last change set this monitor processed: what its peer's copy reflects. */
    private DatabaseSnapshot last;
    private final Consumer<JsonRpcMessage> outbox;
    private final List<ChangeSet> early = new ArrayList<>();
    private Subscription subscription;
    private boolean replied;
    private boolean closed;

    /** The three monitor flavours. */
    enum Version {
        /** {@code monitor}: v1 {@code update} notifications. */
        V1("update"),
        /** {@code monitor_cond}: v2 {@code update2} notifications. */
        V2("update2"),
        /** {@code monitor_cond_since}: v2 diffs in {@code update3} notifications with a last-txn-id. */
        V3("update3");

        private final String method;

        Version(String method) {
            this.method = method;
        }
    }

    Monitor(Json id, Version version, Map<String, TableMonitor> spec, Consumer<JsonRpcMessage> outbox) {
        this.id = id;
        this.version = version;
        this.spec = spec;
        this.outbox = outbox;
    }

    /**
     * Subscribes to {@code db} and sends the reply to request {@code requestId} (the initial rows), then any
     * change that committed meanwhile.
     */
    void start(Database db, Json requestId) {
        Subscription s = db.subscribe(this);
        synchronized (this) {
            subscription = s;
            last = s.initial();
            Json initial = UpdateEncoder.initial(s.initial(), spec, version != Version.V1);
            Json result = version == Version.V3 ? Json.array(Json.FALSE, Json.of(ZERO_UUID), initial) : initial;
            outbox.accept(JsonRpcMessage.reply(requestId, result));
            replied = true;
            for (ChangeSet cs : early) {
                send(cs);
            }
            early.clear();
        }
    }

    @Override
    public synchronized void onChange(ChangeSet changes) {
        if (closed) {
            return;
        }
        if (!replied) {
            early.add(changes);
            return;
        }
        send(changes);
    }

    private void send(ChangeSet cs) {
        last = cs.after();
        Json updates = UpdateEncoder.changes(cs, spec, version != Version.V1);
        if (UpdateEncoder.isEmpty(updates)) {
            return;
        }
        Json.Arr params = version == Version.V3 ? Json.array(id, Json.of(ZERO_UUID), updates)
                : Json.array(id, updates);
        outbox.accept(JsonRpcMessage.notification(version.method, params));
    }

    /** The monitor's flavour. */
    Version version() {
        return version;
    }

    /** The tables monitored, by name. */
    synchronized Map<String, TableMonitor> spec() {
        return spec;
    }

    /**
     * {@code monitor_cond_change}: switches to {@code newSpec} and {@code newId}, sends the rows that enter the
     * condition as inserts and those that leave it as deletes (judged on the state the peer's copy reflects),
     * then the reply — all under the monitor's lock, so no change notification can slip between them. A v1
     * monitor has no conditions: like ovsdb-server, it just gets the reply.
     */
    synchronized void changeCondition(Json newId, Map<String, TableMonitor> newSpec, Json requestId) {
        if (version == Version.V1) {
            outbox.accept(JsonRpcMessage.reply(requestId, Json.emptyObject()));
            return;
        }
        Json.ObjBuilder out = Json.object();
        for (TableMonitor now : newSpec.values()) {
            TableMonitor before = spec.get(now.table().name());
            Json.ObjBuilder rows = Json.object();
            for (Row r : last.table(now.table().name()).rows()) {
                boolean was = before.matches(r);
                boolean is = now.matches(r);
                if (!was && is) {
                    rows.put(r.uuid().toString(), Json.object().put("insert", UpdateEncoder.nonDefault(r,
                            now.columns())).build());
                } else if (was && !is) {
                    rows.put(r.uuid().toString(), Json.object().put("delete", Json.NULL).build());
                }
            }
            if (!rows.isEmpty()) {
                out.put(now.table().name(), rows.build());
            }
        }
        id = newId;
        spec = newSpec;
        Json updates = out.build();
        if (!UpdateEncoder.isEmpty(updates)) {
            Json.Arr params = version == Version.V3 ? Json.array(id, Json.of(ZERO_UUID), updates)
                    : Json.array(id, updates);
            outbox.accept(JsonRpcMessage.notification(version.method, params));
        }
        outbox.accept(JsonRpcMessage.reply(requestId, Json.emptyObject()));
    }

    /** Stops the notifications (idempotent). */
    @Override
    public void close() {
        Subscription s;
        synchronized (this) {
            closed = true;
            s = subscription;
            early.clear();
        }
        if (s != null) {
            s.close();
        }
    }
}

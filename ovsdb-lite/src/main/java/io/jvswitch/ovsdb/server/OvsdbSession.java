package io.jvswitch.ovsdb.server;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.OvsdbException;
import io.jvswitch.ovsdb.Subscription;
import io.jvswitch.ovsdb.TableSchema;
import io.jvswitch.ovsdb.feed.ChangeSet;
import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.txn.TxnResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RFC 7047 (OVSDB management protocol) client session over a {@link Database}, independent of the transport:
 * feed it each JSON-RPC message the client sent ({@link #handle}); it answers and notifies through the
 * {@code sender} given at construction.
 *
 * <p><b>What.</b> Methods: {@code transact}, {@code monitor} (with {@code update} notifications, v1 shapes),
 * {@code monitor_cancel}, {@code get_schema}, {@code list_dbs}, {@code echo}, {@code set_db_change_aware}.
 * Everything else — notably {@code get_schema("_Server")}, {@code monitor_cond} and {@code monitor_cond_since} —
 * gets an error reply, which makes ovs-vsctl and libvirt fall back to plain {@code monitor} (see
 * ovsdb-rfc7047.md §2.1). Replies use only the members {@code id}, {@code result}, {@code error}; a success
 * never carries a null result.
 *
 * <p><b>Threading.</b> {@code handle} is called by the connection's reader thread; notifications are sent from
 * whichever thread commits a transaction, so {@code sender} must be thread-safe and keep each message whole. A
 * transaction's own notifications are sent before its reply (ovsdb-server's order), because the store delivers
 * changes before {@code transact} returns. A monitor's notifications are held back until its reply is sent.
 */
public final class OvsdbSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OvsdbSession.class);
    private static final Set<String> MEMBERS = Set.of("id", "method", "params", "result", "error");

    private final Database db;
    private final Consumer<Json> sender;
    private final Map<Json, Monitor> monitors = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A session answering through {@code sender} (thread-safe, one whole message per call). */
    public OvsdbSession(Database db, Consumer<Json> sender) {
        this.db = db;
        this.sender = sender;
    }

    /** Handles one message from the client. Replies from the client (to our echo) and notifications are ignored. */
    public void handle(Json message) {
        if (!(message instanceof Json.Obj m) || !MEMBERS.containsAll(m.members().keySet())) {
            LOG.debug("ignoring malformed JSON-RPC message {}", message);
            return;
        }
        Json id = m.get("id") == null ? Json.NULL : m.get("id");
        if (!(m.get("method") instanceof Json.Str method)) {
            return;
        }
        if (!(m.get("params") instanceof Json.Arr params)) {
            replyError(id, Json.of("params must be an array"));
            return;
        }
        try {
            dispatch(id, method.value(), params);
        } catch (OvsdbException e) {
            replyError(id, e.toJson());
        }
    }

    private void dispatch(Json id, String method, Json.Arr params) {
        switch (method) {
            case "echo":
                reply(id, params);
                break;
            case "list_dbs":
                reply(id, Json.array(Json.of(db.schema().name())));
                break;
            case "get_schema":
                checkDb(params, "get_schema");
                reply(id, db.schema().toJson());
                break;
            case "transact":
                transact(id, params);
                break;
            case "monitor":
                monitor(id, params);
                break;
            case "monitor_cancel":
                Monitor gone = params.size() == 1 ? monitors.remove(params.get(0)) : null;
                if (gone == null) {
                    replyError(id, Json.of("unknown monitor"));
                } else {
                    gone.subscription.close();
                    reply(id, Json.emptyObject());
                }
                break;
            case "set_db_change_aware":
                reply(id, Json.emptyObject());
                break;
            default:
                replyError(id, Json.of("unknown method"));
                break;
        }
    }

    private void checkDb(Json.Arr params, String what) {
        if (params.size() < 1 || !(params.get(0) instanceof Json.Str name) || !name.value().equals(db.schema()
                .name())) {
            String n = params.size() > 0 && params.get(0) instanceof Json.Str s ? s.value() : String.valueOf(
                    params.size() > 0 ? params.get(0) : "");
            throw new OvsdbException("unknown database", what + " request specifies unknown database " + n,
                    params.size() > 0 ? Json.array(params.get(0)) : params);
        }
    }

    private void transact(Json id, Json.Arr params) {
        checkDb(params, "transact");
        TxnResult r = db.transact(Json.array(params.items().subList(1, params.size())));
        reply(id, r.toJson());
    }

    private void monitor(Json id, Json.Arr params) {
        checkDb(params, "monitor");
        if (params.size() != 3 || !(params.get(2) instanceof Json.Obj requests)) {
            throw OvsdbException.syntax(params, "monitor requires [db, monitor-id, monitor-requests]");
        }
        Json monitorId = params.get(1);
        Map<String, MonitorRequest> spec = new LinkedHashMap<>();
        for (Map.Entry<String, Json> e : requests.members().entrySet()) {
            TableSchema t = db.schema().table(e.getKey());
            if (t == null) {
                throw OvsdbException.syntax(requests, "no table named " + e.getKey());
            }
            spec.put(t.name(), MonitorRequest.fromJson(t, e.getValue()));
        }
        Monitor mon = new Monitor(monitorId, spec);
        if (monitors.putIfAbsent(monitorId, mon) != null) {
            throw OvsdbException.syntax(monitorId, "duplicate monitor ID");
        }
        mon.subscription = db.subscribe(mon::onChange);
        Map<String, List<String>> initialSpec = new LinkedHashMap<>();
        spec.forEach((t, r) -> {
            if (r.initial) {
                initialSpec.put(t, r.columns);
            }
        });
        synchronized (mon) {
            reply(id, ChangeSet.initialMonitorUpdates(mon.subscription.initial(), initialSpec));
            mon.ready = true;
            for (Json n : mon.held) {
                sender.accept(n);
            }
            mon.held.clear();
        }
        if (closed) {
            close();
        }
    }

    private void reply(Json id, Json result) {
        if (id == Json.NULL) {
            return; // a notification (JSON-RPC request without id) gets no answer
        }
        sender.accept(Json.object().put("id", id).put("result", result).put("error", Json.NULL).build());
    }

    private void replyError(Json id, Json error) {
        if (id == Json.NULL) {
            return;
        }
        sender.accept(Json.object().put("id", id).put("result", Json.NULL).put("error", error).build());
    }

    /** Ends the session (the client closed the connection): drops every monitor. */
    @Override
    public void close() {
        closed = true;
        for (Monitor m : monitors.values()) {
            if (m.subscription != null) {
                m.subscription.close();
            }
        }
        monitors.clear();
    }

    /** What one table's monitor request asks for (RFC 7047 §4.1.5 {@code <monitor-request>}). */
    private record MonitorRequest(List<String> columns, boolean initial, boolean insert, boolean delete,
            boolean modify) {

        static MonitorRequest fromJson(TableSchema t, Json json) {
            List<Json> reqs = json instanceof Json.Arr a ? a.items() : List.of(json);
            List<String> cols = null;
            boolean initial = false;
            boolean insert = false;
            boolean delete = false;
            boolean modify = false;
            for (Json r : reqs) {
                if (!(r instanceof Json.Obj o)) {
                    throw OvsdbException.syntax(json, "monitor request must be an object");
                }
                if (o.get("columns") instanceof Json.Arr ca) {
                    cols = cols == null ? new ArrayList<>() : cols;
                    for (Json c : ca.items()) {
                        if (!(c instanceof Json.Str s) || t.columnOrMeta(s.value()) == null) {
                            throw OvsdbException.syntax(ca, c + " is not a valid column name");
                        }
                        if (!cols.contains(s.value())) {
                            cols.add(s.value());
                        }
                    }
                } else if (o.get("columns") == null) {
                    cols = new ArrayList<>();
                    for (var c : t.columns()) {
                        cols.add(c.name());
                    }
                }
                Json.Obj select = o.get("select") instanceof Json.Obj s ? s : Json.emptyObject();
                initial |= flag(select, "initial");
                insert |= flag(select, "insert");
                delete |= flag(select, "delete");
                modify |= flag(select, "modify");
            }
            return new MonitorRequest(cols == null ? List.of() : cols, initial, insert, delete, modify);
        }

        private static boolean flag(Json.Obj select, String name) {
            return !(select.get(name) instanceof Json.Bool b) || b.value();
        }
    }

    /** One active monitor: its id exactly as the client sent it, and what it watches. */
    private final class Monitor {
        private final Json id;
        private final Map<String, MonitorRequest> spec;
        private final List<Json> held = new ArrayList<>();
        private volatile Subscription subscription;
        private boolean ready;

        Monitor(Json id, Map<String, MonitorRequest> spec) {
            this.id = id;
            this.spec = spec;
        }

        void onChange(ChangeSet cs) {
            Map<String, List<String>> cols = new LinkedHashMap<>();
            spec.forEach((t, r) -> cols.put(t, r.columns));
            Json updates = filter(cs.toMonitorUpdates(cols));
            if (updates instanceof Json.Obj o && o.members().isEmpty()) {
                return;
            }
            Json n = Json.object().put("id", Json.NULL).put("method", "update")
                    .put("params", Json.array(id, updates)).build();
            synchronized (this) {
                if (!ready) {
                    held.add(n);
                    return;
                }
                sender.accept(n);
            }
        }

        /** Drops the kinds of change (insert/delete/modify) a table's request did not select. */
        private Json filter(Json updates) {
            Json.ObjBuilder out = Json.object();
            for (Map.Entry<String, Json> t : ((Json.Obj) updates).members().entrySet()) {
                MonitorRequest r = spec.get(t.getKey());
                Json.ObjBuilder rows = Json.object();
                for (Map.Entry<String, Json> row : ((Json.Obj) t.getValue()).members().entrySet()) {
                    Json.Obj u = (Json.Obj) row.getValue();
                    boolean keep = u.has("old") && u.has("new") ? r.modify : u.has("new") ? r.insert : r.delete;
                    if (keep) {
                        rows.put(row.getKey(), u);
                    }
                }
                if (!rows.isEmpty()) {
                    out.put(t.getKey(), rows.build());
                }
            }
            return out.build();
        }
    }
}

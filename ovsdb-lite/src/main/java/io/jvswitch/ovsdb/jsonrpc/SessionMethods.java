package io.jvswitch.ovsdb.jsonrpc;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.OvsdbException;
import io.jvswitch.ovsdb.TableSchema;
import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.txn.TxnResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OVSDB methods of one session (RFC 7047 §4.1 and ovsdb-server.7's extensions): {@code list_dbs},
 * {@code get_schema}, {@code transact}, {@code monitor}, {@code monitor_cond}, {@code monitor_cond_since},
 * {@code monitor_cancel}, {@code echo}, {@code set_db_change_aware}, {@code get_server_id}, {@code lock},
 * {@code steal}, {@code unlock}. Anything else gets {@code "unknown method"}, as from ovsdb-server. Holds the
 * session's monitors and locks. Called on the session's reader thread only, one request at a time.
 */
final class SessionMethods {
    private static final Logger LOG = LoggerFactory.getLogger(SessionMethods.class);
    private static final Set<String> READ_ONLY_OPS = Set.of("select", "wait", "comment", "commit", "abort",
            "assert");

    private final OvsdbJsonRpcServer server;
    private final OvsdbSession session;
    private final Map<Json, Monitor> monitors = new HashMap<>();
    private final Set<String> locks = new HashSet<>();

    SessionMethods(OvsdbJsonRpcServer server, OvsdbSession session) {
        this.server = server;
        this.session = session;
    }

    /** Handles one request; the reply (and any notification it causes first) goes to the session's outbox. */
    void handle(JsonRpcMessage request) {
        Json id = request.id();
        Json.Arr params = request.params();
        try {
            switch (request.method()) {
                case "list_dbs" -> reply(id, Json.array(server.databaseNames().stream().map(Json::of).toList()));
                case "get_schema" -> reply(id, database(params, "get_schema").schema().toJson());
                case "transact" -> transact(id, params);
                case "monitor" -> monitor(id, params, Monitor.Version.V1);
                case "monitor_cond" -> monitor(id, params, Monitor.Version.V2);
                case "monitor_cond_since" -> monitor(id, params, Monitor.Version.V3);
                case "monitor_cond_change" -> monitorCondChange(id, params);
                case "monitor_cancel" -> monitorCancel(id, params);
                case "echo" -> reply(id, params);
                case "set_db_change_aware" -> reply(id, Json.emptyObject());
                case "get_server_id" -> reply(id, Json.of(server.serverId().toString()));
                case "lock" -> reply(id, Json.object().put("locked", Json.of(lock(params, false))).build());
                case "steal" -> reply(id, Json.object().put("locked", Json.of(lock(params, true))).build());
                case "unlock" -> {
                    String name = lockName(params, "unlock");
                    locks.remove(name);
                    server.locks().unlock(name, session);
                    reply(id, Json.emptyObject());
                }
                default -> session.send(JsonRpcMessage.error(id, Json.of("unknown method")));
            }
        } catch (OvsdbException e) {
            session.send(JsonRpcMessage.error(id, e.toJson()));
        }
    }

    private void reply(Json id, Json result) {
        session.send(JsonRpcMessage.reply(id, result));
    }

    private Database database(Json.Arr params, String method) {
        if (params.size() < 1 || !(params.get(0) instanceof Json.Str name)) {
            throw OvsdbException.syntax(params, method + " request params must begin with <db-name>");
        }
        Database db = server.database(name.value());
        if (db == null) {
            throw new OvsdbException("unknown database", method + " request specifies unknown database "
                    + name.value(), params);
        }
        return db;
    }

    private void transact(Json id, Json.Arr params) {
        Database db = database(params, "transact");
        List<Json> ops = new ArrayList<>(params.items().subList(1, params.size()));
        for (int i = 0; i < ops.size(); i++) {
            // The store knows no sessions: an "assert" of a lock this session owns becomes a no-op here (its
            // result, {}, is the same); any other "assert" reaches the store, which answers "not owner".
            if (ops.get(i) instanceof Json.Obj o && Json.of("assert").equals(o.get("op"))
                    && o.get("lock") instanceof Json.Str lock && server.locks().owns(lock.value(), session)) {
                ops.set(i, Json.object().put("op", "comment").put("comment", "assert " + lock.value()).build());
            }
        }
        if (db.schema().name().equals(ServerDatabase.NAME)) {
            for (Json op : ops) {
                if (op instanceof Json.Obj o && o.get("op") instanceof Json.Str s
                        && !READ_ONLY_OPS.contains(s.value())) {
                    throw new OvsdbException("not allowed", "_Server database is read-only", op);
                }
            }
        }
        TxnResult result;
        try {
            result = db.transact(Json.array(ops));
        } catch (IllegalStateException e) {
            // The store is closing: the client may retry against the next daemon.
            session.send(JsonRpcMessage.error(id, Json.of("canceled")));
            return;
        }
        if (!result.isSuccess() && LOG.isDebugEnabled()) {
            LOG.debug("{}: transaction failed: {}", session.name(), result.error().getMessage());
        }
        reply(id, result.toJson());
    }

    private void monitor(Json id, Json.Arr params, Monitor.Version version) {
        Database db = database(params, switch (version) {
            case V1 -> "monitor";
            case V2 -> "monitor_cond";
            default -> "monitor_cond_since";
        });
        int expected = version == Monitor.Version.V3 ? 4 : 3;
        if (params.size() != expected && !(version == Monitor.Version.V3 && params.size() == 3)) {
            throw OvsdbException.syntax(params, "monitor request needs " + expected + " parameters");
        }
        Json monitorId = params.get(1);
        if (!(params.get(2) instanceof Json.Obj requests)) {
            throw OvsdbException.syntax(params.get(2), "monitor requests must be an object");
        }
        if (monitors.containsKey(monitorId)) {
            throw OvsdbException.syntax(monitorId, "duplicate monitor ID");
        }
        Map<String, TableMonitor> spec = new LinkedHashMap<>();
        for (Map.Entry<String, Json> e : requests.members().entrySet()) {
            TableSchema table = db.schema().table(e.getKey());
            if (table == null) {
                throw new OvsdbException(OvsdbException.SYNTAX_ERROR, "no table named " + e.getKey());
            }
            spec.put(table.name(), TableMonitor.parse(table, e.getValue(), version != Monitor.Version.V1));
        }
        Monitor m = new Monitor(monitorId, version, spec, session::send);
        monitors.put(monitorId, m);
        m.start(db, id);
    }

    private void monitorCondChange(Json id, Json.Arr params) {
        if (params.size() != 3 || !(params.get(2) instanceof Json.Obj requests)) {
            throw OvsdbException.syntax(params, "monitor_cond_change request params must be "
                    + "[<monitor-id>, <new-monitor-id>, <monitor-cond-update-requests>]");
        }
        Json oldId = params.get(0);
        Json newId = params.get(1);
        Monitor m = monitors.get(oldId);
        if (m == null) {
            throw OvsdbException.syntax(oldId, "unknown monitor session");
        }
        if (!newId.equals(oldId) && monitors.containsKey(newId)) {
            throw OvsdbException.syntax(newId, "duplicate monitor ID");
        }
        Map<String, TableMonitor> spec = new LinkedHashMap<>(m.spec());
        for (Map.Entry<String, Json> e : requests.members().entrySet()) {
            TableMonitor current = spec.get(e.getKey());
            if (current == null) {
                throw new OvsdbException(OvsdbException.SYNTAX_ERROR, "no table named " + e.getKey());
            }
            List<Json> list = e.getValue() instanceof Json.Arr a ? a.items() : List.of(e.getValue());
            for (Json request : list) {
                current = current.withCondition(request);
            }
            spec.put(e.getKey(), current);
        }
        monitors.remove(oldId);
        monitors.put(newId, m);
        m.changeCondition(newId, spec, id);
    }

    private void monitorCancel(Json id, Json.Arr params) {
        Monitor m = params.size() == 1 ? monitors.remove(params.get(0)) : null;
        if (m == null) {
            session.send(JsonRpcMessage.error(id, Json.of("unknown monitor")));
            return;
        }
        m.close();
        reply(id, Json.emptyObject());
    }

    private boolean lock(Json.Arr params, boolean steal) {
        String name = lockName(params, steal ? "steal" : "lock");
        locks.add(name);
        if (steal) {
            server.locks().steal(name, session);
            return true;
        }
        return server.locks().lock(name, session);
    }

    private static String lockName(Json.Arr params, String method) {
        if (params.size() != 1 || !(params.get(0) instanceof Json.Str s)
                || !s.value().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw OvsdbException.syntax(params, method + " request params must be <id>");
        }
        return s.value();
    }

    /** Cancels every monitor and releases every lock (the session ended). */
    void close() {
        List<Monitor> all = new ArrayList<>(monitors.values());
        monitors.clear();
        all.forEach(Monitor::close);
        for (String name : locks) {
            server.locks().unlock(name, session);
        }
        locks.clear();
    }
}

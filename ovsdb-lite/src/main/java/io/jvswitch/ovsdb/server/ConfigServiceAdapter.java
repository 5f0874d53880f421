package io.jvswitch.ovsdb.server;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.jvswitch.api.ChangeNotice;
import io.jvswitch.api.ConfigGrpc;
import io.jvswitch.api.ListReply;
import io.jvswitch.api.ListRequest;
import io.jvswitch.api.TransactReply;
import io.jvswitch.api.TransactRequest;
import io.jvswitch.api.WatchRequest;
import io.jvswitch.ovsdb.ColumnSchema;
import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.OvsdbException;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Subscription;
import io.jvswitch.ovsdb.TableSchema;
import io.jvswitch.ovsdb.feed.ChangeSet;
import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.txn.TxnResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC {@code Config} service over a {@link Database}: {@code Transact} runs RFC 7047 operations,
 * {@code List} selects a table's rows, {@code Watch} streams the current state and then every committed change.
 *
 * <p>Errors: a request that is not a JSON array of operations, or names an unknown table or column, fails with
 * {@code INVALID_ARGUMENT}; failing operations are not gRPC errors — their RFC 7047 error objects are in the
 * result array. A watcher that cancels (or whose client vanishes) is unsubscribed at once; one that cannot keep
 * up (more than {@link #MAX_PENDING_NOTICES} notices by default, queued while its transport is not ready) is ended with
 * {@code RESOURCE_EXHAUSTED} rather than letting memory grow. Message size limits are the server owner's.
 */
public final class ConfigServiceAdapter extends ConfigGrpc.ConfigImplBase {
    /** Default number of notices queued per watcher before it is cut off. */
    public static final int MAX_PENDING_NOTICES = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(ConfigServiceAdapter.class);

    private final Database db;
    private final int maxPending;

    /** An adapter serving {@code db}. */
    public ConfigServiceAdapter(Database db) {
        this(db, MAX_PENDING_NOTICES);
    }

    /** An adapter serving {@code db} that cuts off a watcher with more than {@code maxPending} queued notices. */
    public ConfigServiceAdapter(Database db, int maxPending) {
        this.db = db;
        this.maxPending = maxPending;
    }

    @Override
    public void transact(TransactRequest request, StreamObserver<TransactReply> reply) {
        TxnResult r;
        try {
            r = db.transact(request.getOperationsJson());
        } catch (OvsdbException e) {
            reply.onError(Status.INVALID_ARGUMENT.withDescription(e.toJson().toString()).asRuntimeException());
            return;
        }
        reply.onNext(TransactReply.newBuilder().setResultsJson(r.toJson().toString()).build());
        reply.onCompleted();
    }

    @Override
    public void list(ListRequest request, StreamObserver<ListReply> reply) {
        TableSchema t = db.schema().table(request.getTable());
        if (t == null) {
            reply.onError(Status.INVALID_ARGUMENT.withDescription("unknown table \"" + request.getTable() + "\"")
                    .asRuntimeException());
            return;
        }
        List<ColumnSchema> cols = new ArrayList<>();
        cols.add(TableSchema.UUID_COLUMN);
        if (request.getColumnsCount() == 0) {
            cols.addAll(t.columns());
        }
        for (String name : request.getColumnsList()) {
            ColumnSchema c = t.columnOrMeta(name);
            if (c == null) {
                reply.onError(Status.INVALID_ARGUMENT.withDescription("table " + t.name() + " has no column \""
                        + name + "\"").asRuntimeException());
                return;
            }
            if (c != TableSchema.UUID_COLUMN) {
                cols.add(c);
            }
        }
        List<Json> rows = new ArrayList<>();
        for (Row r : db.snapshot().table(t.name()).rows()) {
            rows.add(r.toJson(cols));
        }
        reply.onNext(ListReply.newBuilder().setRowsJson(Json.array(rows).toString()).build());
        reply.onCompleted();
    }

    @Override
    public void watch(WatchRequest request, StreamObserver<ChangeNotice> observer) {
        Set<String> tables = new TreeSet<>(request.getTablesList());
        for (String t : tables) {
            if (db.schema().table(t) == null) {
                observer.onError(Status.INVALID_ARGUMENT.withDescription("unknown table \"" + t + "\"")
                        .asRuntimeException());
                return;
            }
        }
        ServerCallStreamObserver<ChangeNotice> call = (ServerCallStreamObserver<ChangeNotice>) observer;
        Watcher w = new Watcher(call, tables, maxPending);
        call.setOnCancelHandler(w::stop);
        call.setOnReadyHandler(w::drain);
        Subscription sub = db.subscribe(w::onChange);
        if (w.attach(sub)) {
            w.start(ChangeSet.initialTableUpdates(sub.initial(), tables));
        }
    }

    /** One Watch stream: a bounded queue between commit threads and the gRPC transport. */
    private static final class Watcher {
        private final ServerCallStreamObserver<ChangeNotice> call;
        private final Set<String> tables;
        private final int maxPending;
        private final Deque<ChangeNotice> queue = new ArrayDeque<>();
        private volatile Subscription subscription;
        private boolean started;
        private boolean stopped;

        Watcher(ServerCallStreamObserver<ChangeNotice> call, Set<String> tables, int maxPending) {
            this.call = call;
            this.tables = tables;
            this.maxPending = maxPending;
        }

        /** Records the subscription; false (and unsubscribed) when the client already cancelled. */
        boolean attach(Subscription s) {
            synchronized (this) {
                subscription = s;
                if (!stopped) {
                    return true;
                }
            }
            s.close();
            return false;
        }

        void onChange(ChangeSet cs) {
            if (!tables.isEmpty() && cs.tables().stream().noneMatch(tables::contains)) {
                return;
            }
            ChangeNotice n = ChangeNotice.newBuilder().setTxnId(cs.txnId())
                    .setUpdatesJson(cs.toTableUpdates(tables).toString()).build();
            boolean overflow;
            synchronized (this) {
                if (stopped) {
                    return;
                }
                queue.addLast(n);
                overflow = queue.size() > maxPending;
            }
            if (overflow) {
                LOG.warn("watch client too slow ({} notices pending); ending its stream", maxPending);
                stop();
                try {
                    call.onError(Status.RESOURCE_EXHAUSTED.withDescription("watch client too slow")
                            .asRuntimeException());
                } catch (RuntimeException ignored) {
                    // The call may have been cancelled concurrently; nothing left to tell.
                }
                return;
            }
            drain();
        }

        void start(Json initialUpdates) {
            synchronized (this) {
                queue.addFirst(ChangeNotice.newBuilder().setTxnId(0).setUpdatesJson(initialUpdates.toString())
                        .build());
                started = true;
            }
            drain();
        }

        synchronized void drain() {
            if (!started || stopped) {
                return;
            }
            try {
                while (!queue.isEmpty() && call.isReady() && !call.isCancelled()) {
                    call.onNext(queue.pollFirst());
                }
            } catch (RuntimeException e) {
                // The client went away between isReady and onNext: stop quietly, it affects nobody else.
                stopLocked();
            }
        }

        void stop() {
            synchronized (this) {
                stopLocked();
            }
        }

        private void stopLocked() {
            stopped = true;
            queue.clear();
            Subscription s = subscription;
            if (s != null) {
                s.close();
            }
        }
    }
}

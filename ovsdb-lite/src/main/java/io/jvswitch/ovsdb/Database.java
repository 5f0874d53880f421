package io.jvswitch.ovsdb;

import io.jvswitch.ovsdb.feed.ChangeListener;
import io.jvswitch.ovsdb.feed.ChangeSet;
import io.jvswitch.ovsdb.feed.RowChange;
import io.jvswitch.ovsdb.journal.Journal;
import io.jvswitch.ovsdb.journal.JournalCodec;
import io.jvswitch.ovsdb.journal.JournalState;
import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.json.JsonException;
import io.jvswitch.ovsdb.json.JsonParser;
import io.jvswitch.ovsdb.txn.TransactionExecutor;
import io.jvswitch.ovsdb.txn.TxnBuilder;
import io.jvswitch.ovsdb.txn.TxnResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration store: one OVSDB-style database with atomic transactions, a write-ahead journal and a
 * change feed.
 *
 * <p><b>What.</b> {@link #transact(Json)} runs an RFC 7047 transaction (the JSON array of operations, without
 * the database name) and answers with RFC 7047 results; {@link #newTransaction()} builds the same from Java
 * values. A transaction either commits completely — durable in the journal (fsync) before {@code transact}
 * returns, visible to readers, announced to listeners — or changes nothing. {@link #snapshot()} gives readers
 * the latest committed state without locking. {@link #subscribe} registers a {@link ChangeListener}.
 *
 * <p><b>Threading.</b> Single writer: transactions are serialized by {@code writeLock} (execute, check, journal,
 * publish). Readers never lock: {@code current} is a volatile reference to an immutable snapshot, replaced once
 * per commit. Listeners run after the write lock is released, on the committing thread, under
 * {@code deliveryLock}, which drains {@code pending} in commit order (see {@link ChangeListener} for the
 * policy). Lock order: {@code writeLock} is never taken while holding {@code deliveryLock}, which is why a
 * listener may not call {@code transact} itself (it would also break commit order); it must hand the work to
 * another thread.
 *
 * <p><b>Invariants.</b> {@code current.txnId()} is the number of the last committed transaction that changed
 * something; change sets are enqueued in that order and each subscriber sees only change sets numbered above
 * its starting snapshot. The journal's content always replays to {@code current} (ephemeral columns aside).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** Default size above which the journal is compacted (also needs 4× the last snapshot). */
    public static final long DEFAULT_COMPACT_BYTES = 8L << 20;

    private final Schema schema;
    private final Journal journal;
    private final long compactBytes;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock deliveryLock = new ReentrantLock();
    private final Queue<ChangeSet> pending = new ConcurrentLinkedQueue<>();
    private final List<Sub> subscribers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Boolean> delivering = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private volatile DatabaseSnapshot current;
    private volatile boolean closed;

    private Database(Schema schema, Journal journal, DatabaseSnapshot initial, long compactBytes) {
        this.schema = schema;
        this.journal = journal;
        this.current = initial;
        this.compactBytes = compactBytes;
    }

    /** An in-memory database (no journal) holding one Open_vSwitch row when the schema has that table. */
    public static Database inMemory(Schema schema) {
        Database db = new Database(schema, null, DatabaseSnapshot.empty(schema), DEFAULT_COMPACT_BYTES);
        db.seed();
        return db;
    }

    /**
     * Opens the database journaled in {@code dbFile}, creating it (with one Open_vSwitch row when the schema has
     * that table) when the file does not exist. A torn or corrupt tail is reported by {@link #journalDamage()}
     * and ignored.
     */
    public static Database open(Path dbFile, Schema schema) throws IOException {
        return open(dbFile, schema, DEFAULT_COMPACT_BYTES);
    }

    /** Like {@link #open(Path, Schema)}, compacting once the journal exceeds {@code compactBytes}. */
    public static Database open(Path dbFile, Schema schema, long compactBytes) throws IOException {
        boolean fresh = !Files.exists(dbFile) || Files.size(dbFile) == 0;
        Journal.Opened opened = Journal.open(dbFile);
        try {
            DatabaseSnapshot initial = JournalCodec.replay(schema, opened.records());
            Database db = new Database(schema, opened.journal(), initial, compactBytes);
            if (fresh || opened.records().isEmpty()) {
                opened.journal().compact(JournalCodec.encodeSnapshot(initial));
                db.seed();
            }
            LOG.info("opened {}: {} record(s), transaction {}", dbFile, opened.records().size(), initial.txnId());
            return db;
        } catch (IOException | RuntimeException e) {
            opened.journal().close();
            throw e;
        }
    }

    private void seed() {
        TableSchema ovs = schema.table("Open_vSwitch");
        if (ovs != null && current.table(ovs.name()).size() == 0) {
            TxnResult r = transact(Json.array(Json.object().put("op", "insert").put("table", ovs.name())
                    .put("row", Json.emptyObject()).build()));
            if (!r.isSuccess()) {
                throw new IllegalStateException("cannot create the Open_vSwitch row: " + r);
            }
        }
    }

    /** The schema. */
    public Schema schema() {
        return schema;
    }

    /** The latest committed state (lock-free, immutable). */
    public DatabaseSnapshot snapshot() {
        return current;
    }

    /** What was wrong with the journal's tail at open, or null (also null for in-memory databases). */
    public String journalDamage() {
        return journal == null ? null : journal.damage();
    }

    /** The journal's state, or null for an in-memory database. */
    public JournalState journalState() {
        return journal == null ? null : journal.state();
    }

    /** Starts a Java-built transaction. */
    public TxnBuilder newTransaction() {
        return new TxnBuilder(this::transact);
    }

    /**
     * Runs an RFC 7047 transaction given as JSON text (an array of operations).
     *
     * @throws OvsdbException "syntax error" when the text is not JSON or not an array
     */
    public TxnResult transact(String operationsJson) {
        Json ops;
        try {
            ops = JsonParser.parse(operationsJson);
        } catch (JsonException e) {
            throw new OvsdbException(OvsdbException.SYNTAX_ERROR, e.getMessage());
        }
        return transact(ops);
    }

    /**
     * Runs an RFC 7047 transaction: {@code operations} is the array of operation objects. Returns after the
     * transaction is durable and every listener has seen it.
     *
     * @throws OvsdbException "syntax error" when {@code operations} is not an array
     */
    public TxnResult transact(Json operations) {
        if (delivering.get()) {
            throw new IllegalStateException("a ChangeListener must not run transactions on the delivery thread");
        }
        TxnResult result;
        writeLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("database is closed");
            }
            result = commitLocked(operations);
        } finally {
            writeLock.unlock();
        }
        deliver();
        return result;
    }

    private TxnResult commitLocked(Json operations) {
        DatabaseSnapshot base = current;
        TransactionExecutor ex = TransactionExecutor.run(base, operations);
        List<Json> results = new ArrayList<>(ex.results());
        Map<String, Uuid> names = ex.symbols().asMap();
        if (ex.error() != null) {
            return new TxnResult(results, ex.error(), null, names);
        }
        Map<String, List<RowChange>> changes = ex.workspace().finish();
        if (changes.isEmpty()) {
            return new TxnResult(results, null, null, names);
        }
        long txnId = base.txnId() + 1;
        if (journal != null) {
            String body = JournalCodec.encodeChanges(txnId, changes);
            if (body != null) {
                try {
                    journal.append(body);
                } catch (IOException e) {
                    OvsdbException io = new OvsdbException(OvsdbException.IO_ERROR, "cannot write the journal: " + e);
                    results.add(io.toJson());
                    return new TxnResult(results, io, null, names);
                }
            }
        }
        DatabaseSnapshot next = ex.workspace().toSnapshot(txnId);
        current = next;
        ChangeSet cs = new ChangeSet(txnId, changes, next);
        pending.add(cs);
        maybeCompact(next);
        return new TxnResult(results, null, cs, names);
    }

    private void maybeCompact(DatabaseSnapshot db) {
        if (journal == null || journal.size() < compactBytes || journal.size() < 4 * journal.snapshotSize()) {
            return;
        }
        try {
            journal.compact(JournalCodec.encodeSnapshot(db));
        } catch (IOException e) {
            // The old journal is still complete and current; compaction will be retried after the next commit.
            LOG.warn("journal compaction failed: {}", e.toString());
        }
    }

    /** Compacts the journal now (no-op for in-memory databases). */
    public void compact() throws IOException {
        writeLock.lock();
        try {
            if (journal != null) {
                journal.compact(JournalCodec.encodeSnapshot(current));
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Journal size in bytes (0 for in-memory databases). */
    public long journalSize() {
        return journal == null ? 0 : journal.size();
    }

    private void deliver() {
        deliveryLock.lock();
        delivering.set(Boolean.TRUE);
        try {
            ChangeSet cs;
            while ((cs = pending.poll()) != null) {
                for (Sub s : subscribers) {
                    if (cs.txnId() <= s.fromTxn || s.closed) {
                        continue;
                    }
                    try {
                        s.listener.onChange(cs);
                    } catch (RuntimeException e) {
                        LOG.warn("change listener {} failed on transaction {}", s.listener, cs.txnId(), e);
                    }
                }
            }
        } finally {
            delivering.set(Boolean.FALSE);
            deliveryLock.unlock();
        }
    }

    /**
     * Registers {@code listener} for every transaction committed after this call; the returned subscription's
     * {@link Subscription#initial()} is the state it starts from.
     */
    public Subscription subscribe(ChangeListener listener) {
        writeLock.lock();
        try {
            Sub s = new Sub(listener, current);
            subscribers.add(s);
            return s;
        } finally {
            writeLock.unlock();
        }
    }

    /** Closes the journal; later transactions fail. */
    @Override
    public void close() throws IOException {
        writeLock.lock();
        try {
            closed = true;
            if (journal != null) {
                journal.close();
            }
        } finally {
            writeLock.unlock();
        }
    }

    private final class Sub implements Subscription {
        private final ChangeListener listener;
        private final DatabaseSnapshot initial;
        private final long fromTxn;
        private volatile boolean closed;

        Sub(ChangeListener listener, DatabaseSnapshot initial) {
            this.listener = listener;
            this.initial = initial;
            this.fromTxn = initial.txnId();
        }

        @Override
        public DatabaseSnapshot initial() {
            return initial;
        }

        @Override
        public void close() {
            closed = true;
            subscribers.remove(this);
        }
    }
}

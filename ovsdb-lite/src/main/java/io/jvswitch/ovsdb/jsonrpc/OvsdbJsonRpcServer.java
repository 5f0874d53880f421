package io.jvswitch.ovsdb.jsonrpc;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Uuid;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OVSDB management protocol (RFC 7047) over Unix domain sockets, in front of one ovsdb-lite
 * {@link Database} — a thin adapter: every transaction, constraint, garbage collection and change notification
 * is the store's, so a change made over gRPC/jvs-vsctl is seen here at once and the other way round. Besides the
 * served database it offers {@code _Server} ({@link ServerDatabase}), as a standalone ovsdb-server does.
 *
 * <p><b>What.</b> {@link #listen} adds a socket path (several may be served); each connection becomes an
 * {@link OvsdbSession}. Stock {@code ovs-vsctl}, {@code ovsdb-client} and libvirt work against it unchanged
 * (see {@code ovsdb-rfc7047.md}).
 *
 * <p><b>Threading.</b> One accept thread per socket; two threads per session (reader, writer), at most
 * {@link ServerLimits#maxSessions()} sessions; more are refused. All public methods are thread-safe.
 *
 * <p><b>Invariants.</b> Sessions never hold the store's locks across I/O: replies and notifications are queued
 * and written by the session's own writer, so a stuck client cannot stall commits.
 */
public final class OvsdbJsonRpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OvsdbJsonRpcServer.class);

    private final Map<String, Database> databases = new LinkedHashMap<>();
    private final Database serverDb;
    private final ServerLimits limits;
    private final Uuid serverId = Uuid.random();
    private final LockTable<OvsdbSession> locks = new LockTable<>(OvsdbSession::send);
    private final List<UnixListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<OvsdbSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong sessionNumbers = new AtomicLong();
    private volatile boolean closed;

    /** A server for {@code database}, with the default limits. */
    public OvsdbJsonRpcServer(Database database) {
        this(database, ServerLimits.DEFAULT);
    }

    /** A server for {@code database}. */
    public OvsdbJsonRpcServer(Database database, ServerLimits limits) {
        this.limits = limits;
        databases.put(database.schema().name(), database);
        this.serverDb = ServerDatabase.describing(List.of(database.schema()));
        databases.put(ServerDatabase.NAME, serverDb);
    }

    /**
     * Serves at {@code socketPath} from now on.
     *
     * @throws IOException when a live server already answers there ({@link #isServing}), or binding fails
     */
    public void listen(Path socketPath) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        UnixListener l = UnixListener.bind(socketPath);
        listeners.add(l);
        Thread t = new Thread(() -> acceptLoop(l), "ovsdb-accept-" + socketPath.getFileName());
        t.setDaemon(true);
        t.start();
        LOG.info("OVSDB protocol listening on punix:{}", socketPath);
    }

    /** Whether some server (this one or another process) accepts connections at {@code socketPath}. */
    public static boolean isServing(Path socketPath) {
        return UnixListener.isServing(socketPath);
    }

    /** The paths served. */
    public List<Path> paths() {
        List<Path> out = new ArrayList<>();
        listeners.forEach(l -> out.add(l.path()));
        return out;
    }

    /** Number of connected sessions. */
    public int sessionCount() {
        return sessions.size();
    }

    private void acceptLoop(UnixListener l) {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = l.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("punix:{}: accept failed, no longer listening: {}", l.path(), e.toString());
                }
                return;
            }
            String name = "unix#" + sessionNumbers.incrementAndGet();
            if (sessions.size() >= limits.maxSessions()) {
                LOG.warn("punix:{}: {} sessions already, refusing {}", l.path(), limits.maxSessions(), name);
                try {
                    ch.close();
                } catch (IOException e) {
                    LOG.debug("close failed: {}", e.toString());
                }
                continue;
            }
            OvsdbSession s = new OvsdbSession(name, ch, this, limits);
            sessions.add(s);
            LOG.debug("{}: connected on {}", name, l.path());
            s.start();
        }
    }

    List<String> databaseNames() {
        return List.copyOf(databases.keySet());
    }

    Database database(String name) {
        return databases.get(name);
    }

    LockTable<OvsdbSession> locks() {
        return locks;
    }

    Uuid serverId() {
        return serverId;
    }

    void sessionEnded(OvsdbSession s) {
        sessions.remove(s);
        locks.releaseAll(s);
        LOG.debug("{}: disconnected", s.name());
    }

    /** Stops listening (removing the socket files it created) and ends every session. */
    @Override
    public void close() {
        closed = true;
        for (UnixListener l : listeners) {
            try {
                l.close();
            } catch (IOException e) {
                LOG.debug("closing {} failed: {}", l.path(), e.toString());
            }
        }
        listeners.clear();
        for (OvsdbSession s : sessions) {
            s.close();
        }
        try {
            serverDb.close();
        } catch (IOException e) {
            LOG.debug("closing _Server failed: {}", e.toString());
        }
    }
}

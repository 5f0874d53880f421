package io.jvswitch.ovsdb.jsonrpc;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Uuid;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ByteChannel;
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
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<Path> paths = new CopyOnWriteArrayList<>();
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
        paths.add(socketPath);
        start(l, "ovsdb-accept-" + socketPath.getFileName());
    }

    /**
     * Serves TLS on TCP ({@code pssl:}) at {@code address} from now on; every client must present a certificate
     * signed by {@code tls}'s CA.
     *
     * @return the port bound (useful when {@code address} asks for port 0)
     * @throws IOException when the key material cannot be read or binding fails
     */
    public int listenTls(InetSocketAddress address, TlsConfig tls) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        TlsListener l = TlsListener.bind(address, tls);
        start(l, "ovsdb-accept-ssl-" + l.port());
        return l.port();
    }

    private void start(Listener l, String threadName) {
        listeners.add(l);
        Thread t = new Thread(() -> acceptLoop(l), threadName);
        t.setDaemon(true);
        t.start();
        LOG.info("OVSDB protocol listening on {}", l.name());
    }

    /** Whether some server (this one or another process) accepts connections at {@code socketPath}. */
    public static boolean isServing(Path socketPath) {
        return UnixListener.isServing(socketPath);
    }

    /** The Unix socket paths served. */
    public List<Path> paths() {
        return new ArrayList<>(paths);
    }

    /** Number of connected sessions. */
    public int sessionCount() {
        return sessions.size();
    }

    private void acceptLoop(Listener l) {
        while (!closed) {
            ByteChannel ch;
            try {
                ch = l.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("{}: accept failed, no longer listening: {}", l.name(), e.toString());
                }
                return;
            }
            String name = (l instanceof TlsListener ? "ssl#" : "unix#") + sessionNumbers.incrementAndGet();
            if (sessions.size() >= limits.maxSessions()) {
                LOG.warn("{}: {} sessions already, refusing {}", l.name(), limits.maxSessions(), name);
                try {
                    ch.close();
                } catch (IOException e) {
                    LOG.debug("close failed: {}", e.toString());
                }
                continue;
            }
            OvsdbSession s = new OvsdbSession(name, ch, this, limits);
            sessions.add(s);
            LOG.debug("{}: connected on {}", name, l.name());
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
        for (Listener l : listeners) {
            try {
                l.close();
            } catch (IOException e) {
                LOG.debug("closing {} failed: {}", l.name(), e.toString());
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

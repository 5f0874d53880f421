package io.jvswitch.ovsdb.server;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.json.JsonException;
import io.jvswitch.ovsdb.json.JsonStreamParser;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal RFC 7047 endpoint on a Unix domain stream socket: one thread per connection reads the undelimited JSON
 * stream ({@link JsonStreamParser}) and hands each message to an {@link OvsdbSession}; messages to the client go
 * through a bounded queue drained by the connection's writer thread, so a client that stops reading never blocks a
 * committing thread — when its queue overflows it is disconnected. A malformed or oversized message closes that
 * connection only; a client that vanishes just ends its session (its monitors are dropped). Socket placement,
 * permissions and the {@code next_cfg}/{@code cur_cfg} handshake are the daemon's business.
 */
public final class OvsdbUnixServer implements AutoCloseable {
    /** Messages queued for one client before it is disconnected as too slow. */
    public static final int MAX_QUEUED_MESSAGES = 10_000;
    /** Default largest accepted message. */
    public static final int DEFAULT_MAX_MESSAGE = 16 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(OvsdbUnixServer.class);

    private final Database db;
    private final Path path;
    private final int maxMessage;
    private final ServerSocketChannel server;
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private OvsdbUnixServer(Database db, Path path, int maxMessage) throws IOException {
        this.db = db;
        this.path = path;
        this.maxMessage = maxMessage;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        this.acceptor = new Thread(this::acceptLoop, "ovsdb-accept " + path.getFileName());
        acceptor.setDaemon(true);
    }

    /** Listens on {@code path} (which must not exist) and starts accepting clients. */
    public static OvsdbUnixServer start(Database db, Path path, int maxMessage) throws IOException {
        OvsdbUnixServer s = new OvsdbUnixServer(db, path, maxMessage);
        s.acceptor.start();
        return s;
    }

    /** The socket path. */
    public Path path() {
        return path;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel ch = server.accept();
                clients.add(ch);
                Thread t = new Thread(() -> serve(ch), "ovsdb-client");
                t.setDaemon(true);
                t.start();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("accept on {} failed: {}", path, e.toString());
                }
                return;
            }
        }
    }

    private void serve(SocketChannel ch) {
        Outbox outbox = new Outbox(ch);
        OvsdbSession session = new OvsdbSession(db, outbox::offer);
        JsonStreamParser parser = new JsonStreamParser(maxMessage);
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        outbox.start();
        try (ch; session) {
            while (ch.read(buf) >= 0) {
                buf.flip();
                for (Json msg : parser.feed(buf)) {
                    session.handle(msg);
                }
                buf.clear();
            }
        } catch (JsonException e) {
            LOG.info("closing OVSDB client on {}: {}", path, e.getMessage());
        } catch (IOException e) {
            LOG.debug("OVSDB client on {} went away: {}", path, e.toString());
        } catch (RuntimeException e) {
            LOG.warn("OVSDB client on {} failed", path, e);
        } finally {
            outbox.stop();
            clients.remove(ch);
        }
    }

    /** The messages waiting for one client, and the thread that writes them in order. */
    private static final class Outbox implements Runnable {
        private static final ByteBuffer STOP = ByteBuffer.allocate(0);
        private final SocketChannel ch;
        private final BlockingQueue<ByteBuffer> queue = new LinkedBlockingQueue<>(MAX_QUEUED_MESSAGES);
        private final Thread writer;

        Outbox(SocketChannel ch) {
            this.ch = ch;
            this.writer = new Thread(this, "ovsdb-client-writer");
            writer.setDaemon(true);
        }

        void start() {
            writer.start();
        }

        void offer(Json msg) {
            if (!queue.offer(ByteBuffer.wrap(msg.toString().getBytes(StandardCharsets.UTF_8)))) {
                LOG.warn("OVSDB client not reading ({} messages queued); disconnecting it", MAX_QUEUED_MESSAGES);
                closeQuietly();
            }
        }

        void stop() {
            queue.clear();
            queue.offer(STOP);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    ByteBuffer b = queue.take();
                    if (b == STOP) {
                        return;
                    }
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                }
            } catch (IOException e) {
                // The client is gone; its reader sees the closed socket and ends the session.
                closeQuietly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void closeQuietly() {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already closing
            }
        }
    }

    /** Stops accepting, disconnects every client and removes the socket file. */
    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (SocketChannel c : clients) {
            c.close();
        }
        Files.deleteIfExists(path);
    }
}

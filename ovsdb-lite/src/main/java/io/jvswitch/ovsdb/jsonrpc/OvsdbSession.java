package io.jvswitch.ovsdb.jsonrpc;

import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.json.JsonException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: a reader thread that splits the byte stream into JSON messages
 * ({@link MessageFramer}: no delimiters, bounded size) and runs each request through {@link SessionMethods},
 * and a writer thread that drains the {@link Outbox}.
 *
 * <p><b>Errors, as ovsdb-server handles them.</b> EOF is a normal end. Malformed JSON, invalid UTF-8, a message
 * over the size limit, or a JSON value that is not a valid JSON-RPC message break the stream: the session logs
 * one line and closes without a reply (the peer's state is unknown). A valid request for an unknown method gets
 * {@code "unknown method"} and the session goes on. A client that disconnects in the middle of a message leaves
 * nothing behind: only complete messages are executed, and each transaction is atomic in the store.
 *
 * <p><b>Threading.</b> {@link #send} may be called from any thread and never blocks. Cleanup (monitors, locks)
 * happens once, on the reader thread, after its loop ends; {@link #close} from elsewhere just closes the channel
 * to end that loop.
 */
final class OvsdbSession {
    private static final Logger LOG = LoggerFactory.getLogger(OvsdbSession.class);

    private final String name;
    private final ByteChannel channel;
    private final OvsdbJsonRpcServer server;
    private final MessageFramer parser;
    private final Outbox outbox;
    private final SessionMethods methods;
    private final Thread reader;
    private final Thread writer;

    OvsdbSession(String name, ByteChannel channel, OvsdbJsonRpcServer server, ServerLimits limits) {
        this.name = name;
        this.channel = channel;
        this.server = server;
        this.parser = new MessageFramer(limits.maxMessageBytes());
        this.outbox = new Outbox(name, channel, limits.maxBacklogBytes(), this::close);
        this.methods = new SessionMethods(server, this);
        this.reader = new Thread(this::readLoop, "ovsdb-" + name);
        this.writer = new Thread(outbox::drain, "ovsdb-" + name + "-out");
        reader.setDaemon(true);
        writer.setDaemon(true);
    }

    /** The name used in logs ("unix#3"). */
    String name() {
        return name;
    }

    void start() {
        writer.start();
        reader.start();
    }

    /** Queues {@code message} for the peer (any thread, never blocks). */
    void send(JsonRpcMessage message) {
        outbox.offer(message);
    }

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        boolean clean = true;
        try {
            while (channel.read(buf) >= 0) {
                buf.flip();
                for (Json json : parser.feed(buf)) {
                    dispatch(JsonRpcMessage.fromJson(json));
                }
                buf.clear();
            }
            if (parser.hasPartialMessage()) {
                LOG.info("{}: connection closed in the middle of a message; it is ignored", name);
            }
        } catch (JsonException | JsonRpcProtocolException e) {
            LOG.warn("{}: {}, closing the session", name, e.getMessage());
            clean = false;
        } catch (SSLException e) {
            LOG.warn("{}: TLS failed: {}, closing the session", name, e.getMessage());
            clean = false;
        } catch (IOException e) {
            LOG.debug("{}: connection ended: {}", name, e.toString());
        } catch (RuntimeException e) {
            LOG.error("{}: internal error, closing the session", name, e);
            clean = false;
        } finally {
            methods.close();
            if (clean) {
                // Let the writer finish replies the client may still read after a half-close.
                outbox.close();
                try {
                    outbox.flush(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            outbox.discard();
            closeChannel();
            server.sessionEnded(this);
        }
    }

    private void dispatch(JsonRpcMessage message) {
        switch (message.kind()) {
            case REQUEST -> methods.handle(message);
            case NOTIFICATION -> LOG.debug("{}: ignoring notification {}", name, message.method());
            default -> LOG.debug("{}: ignoring unexpected reply {}", name, message);
        }
    }

    /** Ends the session from any thread (its reader cleans up). */
    void close() {
        outbox.discard();
        closeChannel();
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("{}: close failed: {}", name, e.toString());
        }
    }
}

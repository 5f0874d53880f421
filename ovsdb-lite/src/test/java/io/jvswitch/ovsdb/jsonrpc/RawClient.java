package io.jvswitch.ovsdb.jsonrpc;
import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.json.JsonException;
import io.jvswitch.ovsdb.json.JsonParser;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A test client speaking raw bytes to the server: sends text, reads whole JSON messages with a timeout. */
final class RawClient implements AutoCloseable {
    private final SocketChannel channel;
    private final LinkedBlockingDeque<Json> received = new LinkedBlockingDeque<>();
    private final CountDownLatch eof = new CountDownLatch(1);
    private final Thread reader;

    RawClient(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        reader = new Thread(this::readLoop, "raw-client");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        MessageFramer parser = new MessageFramer(1 << 26);
        ByteBuffer buf = ByteBuffer.allocate(65536);
        try {
            while (channel.read(buf) >= 0) {
                buf.flip();
                received.addAll(parser.feed(buf));
                buf.clear();
            }
        } catch (IOException | JsonException e) {
            // The connection ended.
        } finally {
            eof.countDown();
        }
    }

    /** Sends {@code text} as it is. */
    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends raw bytes. */
    void send(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** Closes the sending direction only. */
    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /** Sends a request and returns the reply with its id; messages received before it stay queued. */
    Json call(String request) throws Exception {
        Json id = ((Json.Obj) JsonParser.parse(request)).get("id");
        send(request);
        Deque<Json> skipped = new ArrayDeque<>();
        while (true) {
            Json m = next();
            if (m instanceof Json.Obj o && id.equals(o.get("id"))) {
                while (!skipped.isEmpty()) {
                    received.addFirst(skipped.removeLast());
                }
                return m;
            }
            skipped.addLast(m);
        }
    }

    /** The next message, waiting at most 5 seconds. */
    Json next() throws Exception {
        Json m = poll(5000);
        if (m == null) {
            throw new TimeoutException(eof.getCount() == 0 ? "connection closed" : "no message within 5 s");
        }
        return m;
    }

    /** The next message, or null when none arrives within {@code millis}. */
    Json poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Whether the server closed the connection within {@code millis}. */
    boolean closedWithin(long millis) throws InterruptedException {
        return eof.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

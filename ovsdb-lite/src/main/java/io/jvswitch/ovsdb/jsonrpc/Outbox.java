package io.jvswitch.ovsdb.jsonrpc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's outgoing messages: {@link #offer} encodes and queues without ever blocking (it is called on
 * committing threads of other sessions), and one writer thread drains the queue into the socket, compact JSON
 * with no delimiter. The queued bytes are bounded: a peer that stops reading while updates pile up is cut off
 * (the {@code onBroken} callback closes its session) rather than growing the heap without limit.
 */
final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final String name;
    private final WritableByteChannel channel;
    private final long maxBacklogBytes;
    private final Runnable onBroken;
    private final Deque<byte[]> queue = new ArrayDeque<>();
    private long backlog;
    private boolean closed;
    private boolean discarded;

    Outbox(String name, WritableByteChannel channel, long maxBacklogBytes, Runnable onBroken) {
        this.name = name;
        this.channel = channel;
        this.maxBacklogBytes = maxBacklogBytes;
        this.onBroken = onBroken;
    }

    /** Queues {@code message}; dropped when the outbox is closed. */
    void offer(JsonRpcMessage message) {
        byte[] bytes = message.toString().getBytes(StandardCharsets.UTF_8);
        boolean overflow = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (backlog + bytes.length > maxBacklogBytes) {
                overflow = true;
            } else {
                backlog += bytes.length;
                queue.addLast(bytes);
                notifyAll();
            }
        }
        if (overflow) {
            LOG.warn("{}: peer is not reading ({} bytes queued), closing the session", name, backlog);
            onBroken.run();
        }
    }

    /** Writes queued messages until {@link #close}; run on the session's writer thread. */
    void drain() {
        try {
            while (true) {
                byte[] next;
                synchronized (this) {
                    while (queue.isEmpty() && !closed) {
                        wait();
                    }
                    if (queue.isEmpty()) {
                        return;
                    }
                    next = queue.pollFirst();
                }
                ByteBuffer buf = ByteBuffer.wrap(next);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
                synchronized (this) {
                    backlog = Math.max(0, backlog - next.length);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: write failed: {}", name, e.toString());
            onBroken.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until everything queued is written (or the outbox is discarded), at most {@code millis}. */
    synchronized void flush(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (backlog > 0 && !discarded) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }

    /** Stops accepting messages; the writer finishes what is queued and returns. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** Drops whatever is still queued (the peer is gone). */
    synchronized void discard() {
        queue.clear();
        backlog = 0;
        closed = true;
        discarded = true;
        notifyAll();
    }
}

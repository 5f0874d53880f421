package io.jvswitch.datapath.port.memory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.port.PortIo;
import io.jvswitch.datapath.port.PortIoStats;
import io.jvswitch.datapath.port.SendOnlyPort;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * An in-memory port for engine tests: frames injected by the test wait in a fixed ring and are
 * received by the PMD; frames the PMD sends are counted and, when capture is on, recorded.
 * Never a user-visible port type.
 *
 * <p>Injection copies into preallocated direct memory and, with capture off, sending only counts,
 * so a test can push millions of frames through without this class allocating (the engine's
 * allocation test depends on that).
 *
 * <p>Threading: one thread (the test, which also drives the PMD's {@code doWork()}).
 */
public final class MemoryPortIo implements PortIo {
    private final String name;
    private final int maxFrameLength;
    private final UnsafeBuffer ring;
    private final int[] lengths;
    private final int capacity;
    private final PortIoStats stats = new PortIoStats();
    private final List<byte[]> sent = new ArrayList<>();
    private long head;
    private long tail;
    private boolean linkUp = true;
    private boolean capture = true;
    private boolean closed;
    private int txLimitPerSend = Integer.MAX_VALUE;
    private long sentFrames;
    private long sentBytes;

    /** A port holding up to {@code rxCapacity} waiting frames of at most {@code maxFrameLength} bytes. */
    public MemoryPortIo(String name, int rxCapacity, int maxFrameLength) {
        this.name = name;
        this.capacity = rxCapacity;
        this.maxFrameLength = maxFrameLength;
        this.ring = new UnsafeBuffer(ByteBuffer.allocateDirect(rxCapacity * maxFrameLength));
        this.lengths = new int[rxCapacity];
    }

    /** A port with room for 256 waiting frames of up to 9018 bytes. */
    public MemoryPortIo(String name) {
        this(name, 256, 9018);
    }

    /** The name given at construction. */
    public String name() {
        return name;
    }

    /**
     * Queues {@code frame} for the next receive; false (counted as rx dropped) when the ring is full
     * or the frame too long.
     */
    public boolean inject(byte[] frame) {
        if (tail - head == capacity || frame.length > maxFrameLength) {
            stats.rxDropped++;
            return false;
        }
        int slot = (int) (tail % capacity);
        ring.putBytes(slot * maxFrameLength, frame);
        lengths[slot] = frame.length;
        tail++;
        return true;
    }

    /** Number of injected frames not yet received. */
    public int pending() {
        return (int) (tail - head);
    }

    /** Whether sent frames are recorded (default true); when false they are only counted. */
    public void setCapture(boolean enabled) {
        capture = enabled;
    }

    /** Makes each {@link #send} accept at most {@code limit} frames, to simulate a busy device. */
    public void setTxLimitPerSend(int limit) {
        txLimitPerSend = limit;
    }

    /** Sets the link state; a down port receives nothing and accepts nothing. */
    public void setLinkUp(boolean up) {
        linkUp = up;
    }

    /** The recorded sent frames, oldest first, and forgets them. */
    public synchronized List<byte[]> takeSent() {
        List<byte[]> out = new ArrayList<>(sent);
        sent.clear();
        return out;
    }

    /** Frames accepted by {@link #send} so far. */
    public synchronized long sentFrames() {
        return sentFrames;
    }

    /** Bytes accepted by {@link #send} so far. */
    public synchronized long sentBytes() {
        return sentBytes;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public int receive(PacketBatch batch) {
        if (!linkUp || closed) {
            return 0;
        }
        int received = 0;
        while (head < tail && !batch.isFull()) {
            int slot = (int) (head % capacity);
            head++;
            int length = lengths[slot];
            if (length > batch.frameCapacity()) {
                stats.rxDropped++;
                continue;
            }
            int i = batch.claim();
            batch.memory().putBytes(batch.frameOffset(i), ring, slot * maxFrameLength, length);
            batch.setFrameLength(i, length);
            received++;
        }
        return received;
    }

    @Override
    public boolean pollIsCheap() {
        return true;
    }

    /** A sender view for another PMD: sends are serialised on this port (engine tests, not a fast path). */
    @Override
    public PortIo openSender() {
        MemoryPortIo owner = this;
        return new SendOnlyPort(this) {
            @Override
            public int send(PacketBatch batch) {
                return owner.send(batch);
            }
        };
    }

    @Override
    public synchronized int send(PacketBatch batch) {
        if (!linkUp || closed) {
            stats.addTxDropped(batch.count());
            return 0;
        }
        int accepted = Math.min(batch.count(), txLimitPerSend);
        for (int i = 0; i < accepted; i++) {
            int length = batch.frameLength(i);
            sentFrames++;
            sentBytes += length;
            if (capture) {
                byte[] copy = new byte[length];
                batch.frameMemory(i).getBytes(batch.frameMemoryOffset(i), copy);
                sent.add(copy);
            }
        }
        stats.addTxDropped(batch.count() - accepted);
        return accepted;
    }

    @Override
    public int pollFd() {
        return -1;
    }

    @Override
    public boolean isLinkUp() {
        return linkUp && !closed;
    }

    @Override
    public PortIoStats stats() {
        return stats;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "MemoryPortIo[" + name + "]";
    }
}

package io.jvswitch.datapath.linux;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * An array of {@code struct epoll_event} in direct memory, allocated once. On x86-64 the struct is
 * packed: events (u32) at 0, data (u64) at 4, 12 bytes per entry.
 */
public final class EpollEventArray {
    /** sizeof(struct epoll_event) on x86-64 (packed). */
    public static final int SIZE = 12;
    static final int EVENTS_OFFSET = 0;
    static final int DATA_OFFSET = 4;

    private final UnsafeBuffer memory;
    private final int capacity;

    /** {@code capacity} zeroed entries. */
    public EpollEventArray(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
        this.memory = NativeMemory.allocate(capacity * SIZE);
    }

    /** Number of entries. */
    public int capacity() {
        return capacity;
    }

    /** Native address of entry 0. */
    public long address() {
        return memory.addressOffset();
    }

    /** The EPOLL* bits of entry {@code i}. */
    public int events(int i) {
        return memory.getInt(i * SIZE + EVENTS_OFFSET);
    }

    /** The user data of entry {@code i}. */
    public long data(int i) {
        return memory.getLong(i * SIZE + DATA_OFFSET);
    }

    /** Fills entry {@code i} (used for epoll_ctl). */
    public void set(int i, int events, long data) {
        memory.putInt(i * SIZE + EVENTS_OFFSET, events);
        memory.putLong(i * SIZE + DATA_OFFSET, data);
    }
}

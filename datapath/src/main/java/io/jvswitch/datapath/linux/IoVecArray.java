package io.jvswitch.datapath.linux;

import org.agrona.concurrent.UnsafeBuffer;

/** An array of {@code struct iovec} (base pointer, length: 16 bytes each) in direct memory, allocated once. */
public final class IoVecArray {
    /** sizeof(struct iovec) on x86-64. */
    public static final int SIZE = 16;

    private final UnsafeBuffer memory;
    private final int capacity;

    /** An array of {@code capacity} zeroed iovecs. */
    public IoVecArray(int capacity) {
        this.capacity = capacity;
        this.memory = NativeMemory.allocate(capacity * SIZE);
    }

    /** Points iovec {@code i} at {@code length} bytes at native address {@code base}. */
    public void set(int i, long base, long length) {
        memory.putLong(i * SIZE, base);
        memory.putLong(i * SIZE + 8, length);
    }

    /** Native address of iovec {@code i}. */
    public long address(int i) {
        return memory.addressOffset() + (long) i * SIZE;
    }

    /** Number of iovecs. */
    public int capacity() {
        return capacity;
    }
}

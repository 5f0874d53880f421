package io.jvswitch.datapath.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/** Direct memory for struct layouts: allocated once, zeroed, native byte order, 64-byte aligned. */
public final class NativeMemory {
    private NativeMemory() {
    }

    /** A zeroed, aligned direct region of {@code length} bytes wrapped for field access. */
    public static UnsafeBuffer allocate(int length) {
        ByteBuffer buffer = BufferUtil.allocateDirectAligned(align(Math.max(length, 8), 64), 64)
            .order(ByteOrder.nativeOrder());
        UnsafeBuffer wrapped = new UnsafeBuffer(buffer);
        wrapped.setMemory(0, wrapped.capacity(), (byte) 0);
        return wrapped;
    }

    /** Native address of byte 0 of a direct buffer. */
    public static long address(ByteBuffer direct) {
        return BufferUtil.address(direct);
    }

    private static int align(int value, int alignment) {
        return (value + alignment - 1) & -alignment;
    }
}

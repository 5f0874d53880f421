package io.jvswitch.datapath.linux;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * A non-blocking eventfd: the way to wake a PMD sleeping in {@link Epoll#await} when the control
 * plane posts it a command. {@link #signal()} may be called from any thread; {@link #drain()} by
 * the owner after waking.
 */
public final class EventFd implements AutoCloseable {
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;

    private final UnsafeBuffer drainBuffer = NativeMemory.allocate(8);
    private final ThreadLocal<UnsafeBuffer> signalBuffer = ThreadLocal.withInitial(EventFd::one);
    private int fd;

    private EventFd(int fd) {
        this.fd = fd;
    }

    private static UnsafeBuffer one() {
        UnsafeBuffer buffer = NativeMemory.allocate(8);
        buffer.putLong(0, 1L);
        return buffer;
    }

    /** Creates a non-blocking, close-on-exec eventfd. */
    public static EventFd create() throws NativeIoException {
        return new EventFd(Syscalls.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
    }

    /** Makes the fd readable (adds 1 to its counter). */
    public void signal() {
        Syscalls.write(fd, signalBuffer.get().addressOffset(), 8);
    }

    /** Resets the counter; returns whether it had been signalled. */
    public boolean drain() {
        return Syscalls.read(fd, drainBuffer.addressOffset(), 8) == 8;
    }

    /** The fd to register with {@link Epoll}; -1 after close. */
    public int fd() {
        return fd;
    }

    /** Closes the fd. Idempotent. */
    @Override
    public void close() {
        int toClose = fd;
        fd = -1;
        Syscalls.close(toClose);
    }
}

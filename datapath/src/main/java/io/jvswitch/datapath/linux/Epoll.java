package io.jvswitch.datapath.linux;

/**
 * An epoll instance with its ready-event array, for an idle PMD to sleep on its ports' fds (and a
 * wake-up {@link EventFd}) instead of spinning. Each registered fd carries a caller-chosen
 * {@code long} (e.g. a port index) that comes back with its readiness.
 *
 * <p>Threading: one owner thread for {@link #await}; registration changes may come from the same
 * thread (they are system calls on the epoll fd, safe against a concurrent wait by the kernel's
 * rules, but the shared control struct here is not, so keep them on one thread).
 */
public final class Epoll implements AutoCloseable {
    /** Readable. */
    public static final int EPOLLIN = 0x001;
    /** Writable. */
    public static final int EPOLLOUT = 0x004;
    /** Error condition (always reported). */
    public static final int EPOLLERR = 0x008;
    /** Hang-up (always reported). */
    public static final int EPOLLHUP = 0x010;

    static final int EPOLL_CLOEXEC = 0x80000;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLL_CTL_MOD = 3;

    private final EpollEventArray ready;
    private final EpollEventArray control = new EpollEventArray(1);
    private int fd;

    private Epoll(int fd, int maxEvents) {
        this.fd = fd;
        this.ready = new EpollEventArray(maxEvents);
    }

    /** Creates an epoll instance that reports up to {@code maxEvents} ready fds per wait. */
    public static Epoll create(int maxEvents) throws NativeIoException {
        return new Epoll(Syscalls.epollCreate(EPOLL_CLOEXEC), maxEvents);
    }

    /** Watches {@code watched} for {@code events} (level-triggered), tagging readiness with {@code data}. */
    public void add(int watched, int events, long data) throws NativeIoException {
        control.set(0, events, data);
        Syscalls.epollCtl(fd, EPOLL_CTL_ADD, watched, control.address());
    }

    /** Changes what {@code watched} is watched for, or its data. */
    public void modify(int watched, int events, long data) throws NativeIoException {
        control.set(0, events, data);
        Syscalls.epollCtl(fd, EPOLL_CTL_MOD, watched, control.address());
    }

    /** Stops watching {@code watched}. */
    public void remove(int watched) throws NativeIoException {
        Syscalls.epollCtl(fd, EPOLL_CTL_DEL, watched, control.address());
    }

    /**
     * Waits up to {@code timeoutMs} (0: just look, -1: forever) for readiness; returns how many
     * entries of {@link #readyEvents}/{@link #readyData} are filled, 0 on timeout or signal, or
     * -errno. Never allocates.
     */
    public int await(int timeoutMs) {
        return Syscalls.epollWait(fd, ready.address(), ready.capacity(), timeoutMs);
    }

    /** The EPOLL* bits of ready entry {@code i} of the last {@link #await}. */
    public int readyEvents(int i) {
        return ready.events(i);
    }

    /** The data of ready entry {@code i} of the last {@link #await}. */
    public long readyData(int i) {
        return ready.data(i);
    }

    /** The epoll fd; -1 after close. */
    public int fd() {
        return fd;
    }

    /** Closes the epoll fd. Idempotent. */
    @Override
    public void close() {
        int toClose = fd;
        fd = -1;
        Syscalls.close(toClose);
    }
}

package io.jvswitch.datapath.linux;

/** The errno values the datapath reacts to (x86-64 Linux numbers). */
public final class Errno {
    /** Operation not permitted. */
    public static final int EPERM = 1;
    /** No such file or directory. */
    public static final int ENOENT = 2;
    /** Interrupted system call: retried by {@link Syscalls}. */
    public static final int EINTR = 4;
    /** I/O error: a TAP whose interface is down. */
    public static final int EIO = 5;
    /** No such device or address: an AF_PACKET socket whose device is gone. */
    public static final int ENXIO = 6;
    /** Bad file descriptor. */
    public static final int EBADF = 9;
    /** Try again: nothing to read, or no room to write, on a non-blocking fd. */
    public static final int EAGAIN = 11;
    /** Device or resource busy. */
    public static final int EBUSY = 16;
    /** File exists. */
    public static final int EEXIST = 17;
    /** No such device. */
    public static final int ENODEV = 19;
    /** Invalid argument. */
    public static final int EINVAL = 22;
    /** File descriptor in bad state: a TAP fd whose device was deleted. */
    public static final int EBADFD = 77;
    /** Message too long. */
    public static final int EMSGSIZE = 90;
    /** Protocol not available (an unknown socket option on an older kernel). */
    public static final int ENOPROTOOPT = 92;
    /** Network is down: the device of an AF_PACKET socket went down. */
    public static final int ENETDOWN = 100;
    /** No buffer space: a socket queue overflowed (netlink: events were lost). */
    public static final int ENOBUFS = 105;

    private Errno() {
    }

    /**
     * Whether {@code errno} on a receive or send means the device is down or gone, rather than a
     * failure worth counting.
     */
    public static boolean meansLinkDown(int errno) {
        return errno == ENETDOWN || errno == ENXIO || errno == ENODEV || errno == EIO || errno == EBADFD;
    }
}

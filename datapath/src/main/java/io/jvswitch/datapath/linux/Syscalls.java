package io.jvswitch.datapath.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The checked facade over {@code LibC}: Java names, errno read right after the call, and
 * {@code EINTR} retried here and nowhere else.
 *
 * <p>Two families of calls, with two error conventions:
 * <ul>
 *   <li>Control calls (open, ioctl, socket, bind, setsockopt, epoll_ctl, ...) run when ports are
 *       set up or changed and throw {@link NativeIoException} naming the system call.</li>
 *   <li>Data calls (read/write/readv/writev/recv/recvmmsg/sendmmsg/epoll_wait) run per batch on a
 *       PMD thread and never throw or allocate: they return a count (bytes or messages), {@code 0}
 *       when the kernel said {@code EAGAIN}, or {@code -errno} for any other failure.</li>
 * </ul>
 *
 * <p>Memory arguments are native addresses of direct memory the caller owns.
 */
public final class Syscalls {
    private Syscalls() {
    }

    private static final int PROT_READ = 1;
    private static final int PROT_WRITE = 2;
    private static final int MAP_SHARED = 1;
    private static final long MAP_FAILED = -1L;
    /** System call number of mmap: 9 on x86-64, 222 on arm64 (the struct layouts here are x86-64's). */
    private static final long SYS_MMAP = "aarch64".equals(System.getProperty("os.arch")) ? 222 : 9;

    private static LibC.Functions libc() {
        return LibC.FUNCTIONS;
    }

    /** The errno the last native call on this thread left. */
    public static int errno() {
        return LibC.RUNTIME.getLastError();
    }

    /** The C library's text for {@code errno}. */
    public static String strerror(int errno) {
        try {
            return libc().strerror(errno);
        } catch (RuntimeException | LinkageError e) {
            return "errno " + errno;
        }
    }

    private static int interruptedOr(int errno) {
        return errno == Errno.EAGAIN ? 0 : -errno;
    }

    // ---------------------------------------------------------------- control calls

    /** {@code open(2)}; returns the fd. */
    public static int open(String path, int flags) throws NativeIoException {
        while (true) {
            int fd = libc().open(path, flags);
            if (fd >= 0) {
                return fd;
            }
            int errno = errno();
            if (errno != Errno.EINTR) {
                throw new NativeIoException("open", errno, path);
            }
        }
    }

    /**
     * {@code close(2)}, ignoring errors: Linux releases the descriptor even when close reports one,
     * so an EINTR must not be retried (the number may already belong to someone else).
     */
    public static void close(int fd) {
        if (fd >= 0) {
            libc().close(fd);
        }
    }

    /** {@code ioctl(2)} with a pointer argument; throws naming {@code what} (e.g. "TUNSETIFF"). */
    public static void ioctl(int fd, long request, long arg, String what, String subject) throws NativeIoException {
        int errno = ioctlErrno(fd, request, arg);
        if (errno != 0) {
            throw new NativeIoException("ioctl(" + what + ")", errno, subject);
        }
    }

    /** {@code ioctl(2)} for queries where failure is an answer: returns 0 or the errno. */
    public static int ioctlErrno(int fd, long request, long arg) {
        while (true) {
            if (libc().ioctl(fd, request, arg) >= 0) {
                return 0;
            }
            int errno = errno();
            if (errno != Errno.EINTR) {
                return errno;
            }
        }
    }

    /** {@code socket(2)}; returns the fd. */
    public static int socket(int domain, int type, int protocol) throws NativeIoException {
        int fd = libc().socket(domain, type, protocol);
        if (fd < 0) {
            throw new NativeIoException("socket", errno(), domain + "," + type + "," + protocol);
        }
        return fd;
    }

    /** {@code bind(2)} to the sockaddr at {@code addr}. */
    public static void bind(int fd, long addr, int addrLength, String subject) throws NativeIoException {
        if (libc().bind(fd, addr, addrLength) < 0) {
            throw new NativeIoException("bind", errno(), subject);
        }
    }

    /** {@code setsockopt(2)} with the option value at {@code value}. */
    public static void setsockopt(int fd, int level, int option, long value, int valueLength, String what)
        throws NativeIoException {
        if (libc().setsockopt(fd, level, option, value, valueLength) < 0) {
            throw new NativeIoException("setsockopt(" + what + ")", errno());
        }
    }

    /** {@code setsockopt(2)} with an int value; control path only (allocates a scratch int). */
    public static void setsockoptInt(int fd, int level, int option, int value, String what)
        throws NativeIoException {
        ByteBuffer scratch = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        scratch.putInt(0, value);
        setsockopt(fd, level, option, NativeMemory.address(scratch), 4, what);
    }

    /** {@code getsockopt(2)} of an int option; control path only. */
    public static int getsockoptInt(int fd, int level, int option, String what) throws NativeIoException {
        ByteBuffer scratch = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
        scratch.putInt(4, 4);
        long address = NativeMemory.address(scratch);
        if (libc().getsockopt(fd, level, option, address, address + 4) < 0) {
            throw new NativeIoException("getsockopt(" + what + ")", errno());
        }
        return scratch.getInt(0);
    }

    /**
     * {@code getsockopt(2)} into a caller-owned buffer: {@code value} receives the option, the int
     * at {@code valueLength} holds its capacity in and its length out. Returns 0 or the errno.
     */
    public static int getsockopt(int fd, int level, int option, long value, long valueLength) {
        return libc().getsockopt(fd, level, option, value, valueLength) == 0 ? 0 : errno();
    }

    /** {@code epoll_create1(2)}; returns the epoll fd. */
    public static int epollCreate(int flags) throws NativeIoException {
        int fd = libc().epoll_create1(flags);
        if (fd < 0) {
            throw new NativeIoException("epoll_create1", errno());
        }
        return fd;
    }

    /** {@code epoll_ctl(2)} with the event at {@code event} (may be 0 for EPOLL_CTL_DEL). */
    public static void epollCtl(int epfd, int op, int fd, long event) throws NativeIoException {
        if (libc().epoll_ctl(epfd, op, fd, event) < 0) {
            throw new NativeIoException("epoll_ctl", errno(), "op " + op + ", fd " + fd);
        }
    }

    /** {@code eventfd(2)}; returns the fd. */
    public static int eventfd(int initialValue, int flags) throws NativeIoException {
        int fd = libc().eventfd(initialValue, flags);
        if (fd < 0) {
            throw new NativeIoException("eventfd", errno());
        }
        return fd;
    }

    /** {@code if_nametoindex(3)}: the interface index, or 0 when no device has that name. */
    public static int ifNameToIndex(String name) {
        return libc().if_nametoindex(name);
    }

    // ---------------------------------------------------------------- data calls (no throw)

    /** {@code read(2)}: bytes read, 0 on EAGAIN, or -errno. */
    public static long read(int fd, long buffer, long length) {
        while (true) {
            long n = libc().read(fd, buffer, length);
            if (n >= 0) {
                return n;
            }
            int errno = errno();
            if (errno != Errno.EINTR) {
                return interruptedOr(errno);
            }
        }
    }

    /** {@code write(2)}: bytes written, 0 on EAGAIN, or -errno. */
    public static long write(int fd, long buffer, long length) {
        while (true) {
            long n = libc().write(fd, buffer, length);
            if (n >= 0) {
                return n;
            }
            int errno = errno();
            if (errno != Errno.EINTR) {
                return interruptedOr(errno);
            }
        }
    }

    /** {@code readv(2)} into {@code count} iovecs at {@code iov}: bytes, 0 on EAGAIN, or -errno. */
    public static long readv(int fd, long iov, int count) {
        while (true) {
            long n = libc().readv(fd, iov, count);
            if (n >= 0) {
                return n;
            }
            int errno = errno();
            if (errno != Errno.EINTR) {
                return interruptedOr(errno);
            }
        }
    }

    /** {@code writev(2)} from {@code count} iovecs at {@code iov}: bytes, 0 on EAGAIN, or -errno. */
    public static long writev(int fd, long iov, int count) {
        while (true) {
            long n = libc().writev(fd, iov, count);
            if (n >= 0) {
                return n;
            }
            int errno = errno();
            if (errno != Errno.EINTR) {
                return interruptedOr(errno);
            }
        }
    }

    /** {@code recv(2)}: bytes, 0 on EAGAIN, or -errno. */
    public static long recv(int fd, long buffer, long length, int flags) {
        while (true) {
            long n = libc().recv(fd, buffer, length, flags);
            if (n >= 0) {
                return n;
            }
            int errno = errno();
            if (errno != Errno.EINTR) {
                return interruptedOr(errno);
            }
        }
    }

    /**
     * {@code mmap(2)} of {@code length} bytes of {@code fd} (offset 0), shared, read and write: the
     * way a packet socket's rings are mapped. Returns the address.
     */
    public static long mmapShared(int fd, long length, String subject) throws NativeIoException {
        long address = libc().syscall(SYS_MMAP, 0L, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0L);
        if (address == MAP_FAILED) {
            throw new NativeIoException("mmap", errno(), subject);
        }
        return address;
    }

    /** {@code munmap(2)}; a failure (only on a bad address) is ignored. */
    public static void munmap(long address, long length) {
        libc().munmap(address, length);
    }

    /** {@code recvmmsg(2)} without timeout: messages received, 0 on EAGAIN, or -errno. */
    public static int recvmmsg(int fd, long msgvec, int count, int flags) {
        while (true) {
            int n = libc().recvmmsg(fd, msgvec, count, flags, 0L);
            if (n >= 0) {
                return n;
            }
            int errno = errno();
            if (errno != Errno.EINTR) {
                return interruptedOr(errno);
            }
        }
    }

    /**
     * {@code sendmmsg(2)}: messages sent, 0 on EAGAIN, or -errno. As the kernel does, an error
     * after some messages went out shows only as a short count; the next call reports it.
     */
    public static int sendmmsg(int fd, long msgvec, int count, int flags) {
        while (true) {
            int n = libc().sendmmsg(fd, msgvec, count, flags);
            if (n >= 0) {
                return n;
            }
            int errno = errno();
            if (errno != Errno.EINTR) {
                return interruptedOr(errno);
            }
        }
    }

    /**
     * {@code epoll_wait(2)}: ready events, 0 on timeout or when interrupted (the caller's loop
     * comes back anyway), or -errno.
     */
    public static int epollWait(int epfd, long events, int maxEvents, int timeoutMs) {
        int n = libc().epoll_wait(epfd, events, maxEvents, timeoutMs);
        if (n >= 0) {
            return n;
        }
        int errno = errno();
        return errno == Errno.EINTR ? 0 : -errno;
    }

    /**
     * {@code getrusage(2)} into the {@code struct rusage} at {@code usage}: 0, or -errno (EINVAL for
     * an unknown {@code who}, EFAULT for a bad address). A data call: never throws or allocates.
     */
    public static int getrusage(int who, long usage) {
        return libc().getrusage(who, usage) == 0 ? 0 : -errno();
    }

    /** {@code getpid(2)}: used by {@link NativeAvailability} to prove the binding works. */
    static int getpid() {
        return libc().getpid();
    }
}

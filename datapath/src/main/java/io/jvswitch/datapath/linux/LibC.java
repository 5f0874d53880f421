package io.jvswitch.datapath.linux;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * Raw libc functions, with their C names and C argument order. Pointers to memory we own (batch
 * slots, struct buffers) cross as plain {@code long} addresses so no Java object is created per
 * call; on x86-64 a pointer and a 64-bit integer travel in the same register.
 *
 * <p>Nothing outside {@link Syscalls} and {@link NativeAvailability} calls this interface: errno
 * handling and EINTR retry live in the facade.
 *
 * <p>The functions sit in a nested interface because jnr-ffi generates the implementation in its
 * own class loader, which may only implement an interface the JVM sees as public; the enclosing
 * class being package-private keeps it out of reach of other packages all the same. This class is
 * also the load-once holder: libc is bound when the class initializes, on first use.
 */
final class LibC {
    /** The bound libc functions. */
    static final Functions FUNCTIONS = LibraryLoader.create(Functions.class).failImmediately().load("c");
    /** The jnr runtime of {@link #FUNCTIONS}, which keeps each thread's saved errno. */
    static final jnr.ffi.Runtime RUNTIME = jnr.ffi.Runtime.getRuntime(FUNCTIONS);

    private LibC() {
    }

    /** The C functions, C names verbatim. */
    public interface Functions {
        int open(CharSequence path, int flags);

        int close(int fd);

        @ssize_t
        long read(int fd, long buf, @size_t long count);

        @ssize_t
        long write(int fd, long buf, @size_t long count);

        @ssize_t
        long readv(int fd, long iov, int iovcnt);

        @ssize_t
        long writev(int fd, long iov, int iovcnt);

        int ioctl(int fd, long request, long arg);

        int socket(int domain, int type, int protocol);

        int bind(int fd, long addr, int addrlen);

        int setsockopt(int fd, int level, int optname, long optval, int optlen);

        int getsockopt(int fd, int level, int optname, long optval, long optlen);

        int recvmmsg(int fd, long msgvec, int vlen, int flags, long timeout);

        int sendmmsg(int fd, long msgvec, int vlen, int flags);

        @ssize_t
        long recv(int fd, long buf, @size_t long len, int flags);

        int epoll_create1(int flags);

        int epoll_ctl(int epfd, int op, int fd, long event);

        int epoll_wait(int epfd, long events, int maxevents, int timeout);

        int eventfd(int initval, int flags);

        /**
         * The raw system call. Used for mmap: jnr-ffi's generated six-argument call handed glibc's
         * {@code mmap} a garbage offset (EINVAL before any system call was made), while this
         * seven-argument form goes through its general path and arrives intact.
         */
        long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

        int munmap(long addr, @size_t long length);

        int if_nametoindex(CharSequence name);

        int getpid();

        int getrusage(int who, long usage);

        @IgnoreError
        String strerror(int errnum);

    }
}

package io.jvswitch.datapath.linux;

import java.io.IOException;

/** A control-path system call failed; the message names the call and the errno. */
public final class NativeIoException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String syscall;
    private final int errno;

    /** Creates the exception for {@code syscall} failing with {@code errno}. */
    public NativeIoException(String syscall, int errno) {
        this(syscall, errno, null);
    }

    /** Creates the exception for {@code syscall} failing with {@code errno} on {@code subject}. */
    public NativeIoException(String syscall, int errno, String subject) {
        super(syscall + (subject == null ? "" : "(" + subject + ")") + " failed: "
            + Syscalls.strerror(errno) + " (errno " + errno + ")");
        this.syscall = syscall;
        this.errno = errno;
    }

    /** The name of the system call that failed, e.g. {@code "ioctl(TUNSETIFF)"}. */
    public String syscall() {
        return syscall;
    }

    /** The errno the call left. */
    public int errno() {
        return errno;
    }
}

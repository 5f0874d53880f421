package io.jvswitch.datapath.pmd;

/**
 * Lets an idle PMD sleep until one of its ports has input: implemented over {@code epoll} by the
 * native layer. The PMD registers each polled port's {@code pollFd()} here.
 *
 * <p>Threading: {@link #addFd}, {@link #removeFd} and {@link #waitForInput} are called by the PMD
 * thread only; {@link #wakeup()} by any thread (the control plane after posting a command).
 */
public interface PortWaiter extends AutoCloseable {
    /** Starts watching {@code fd} for readability. */
    void addFd(int fd);

    /** Stops watching {@code fd}. */
    void removeFd(int fd);

    /**
     * Blocks until a watched fd is readable, {@link #wakeup()} is called, or {@code timeoutMs}
     * passes; returns the number of ready fds (0 on timeout or wakeup). Never throws for EINTR.
     */
    int waitForInput(int timeoutMs);

    /** Makes the current or next {@link #waitForInput} return at once. Any thread. */
    void wakeup();

    /** Releases the waiter's resources. */
    @Override
    void close();
}

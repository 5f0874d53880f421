package io.jvswitch.datapath;

import io.jvswitch.datapath.linux.Epoll;
import io.jvswitch.datapath.linux.EventFd;
import io.jvswitch.datapath.linux.NativeIoException;
import io.jvswitch.datapath.pmd.PortWaiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PortWaiter} over {@code epoll}: an idle PMD sleeps in {@code epoll_wait} on its ports' fds and an
 * eventfd that {@link #wakeup()} signals, so a command posted by the control plane is picked up at once.
 *
 * <p>Threading: as {@link PortWaiter} says; {@link #wakeup()} from any thread.
 */
public final class EpollPortWaiter implements PortWaiter {
    private static final Logger LOG = LoggerFactory.getLogger(EpollPortWaiter.class);
    private static final int MAX_EVENTS = 64;

    private final Epoll epoll;
    private final EventFd wake;

    private EpollPortWaiter(Epoll epoll, EventFd wake) {
        this.epoll = epoll;
        this.wake = wake;
    }

    /** Creates the epoll instance and its wake-up eventfd. */
    public static EpollPortWaiter open() throws NativeIoException {
        Epoll epoll = Epoll.create(MAX_EVENTS);
        try {
            EventFd wake = EventFd.create();
            epoll.add(wake.fd(), Epoll.EPOLLIN, -1);
            return new EpollPortWaiter(epoll, wake);
        } catch (NativeIoException | RuntimeException e) {
            epoll.close();
            throw e;
        }
    }

    @Override
    public void addFd(int fd) {
        try {
            epoll.add(fd, Epoll.EPOLLIN, fd);
        } catch (NativeIoException e) {
            LOG.warn("cannot watch fd {}: {}", fd, e.getMessage());
        }
    }

    @Override
    public void removeFd(int fd) {
        try {
            epoll.remove(fd);
        } catch (NativeIoException e) {
            LOG.debug("cannot unwatch fd {}: {}", fd, e.getMessage());
        }
    }

    @Override
    public int waitForInput(int timeoutMs) {
        int n = epoll.await(timeoutMs);
        int ready = 0;
        for (int i = 0; i < n; i++) {
            if (epoll.readyData(i) == -1) {
                wake.drain();
            } else {
                ready++;
            }
        }
        return ready;
    }

    @Override
    public void wakeup() {
        wake.signal();
    }

    @Override
    public void close() {
        wake.close();
        epoll.close();
    }
}

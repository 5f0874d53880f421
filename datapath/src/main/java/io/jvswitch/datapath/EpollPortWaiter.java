package io.jvswitch.datapath;

import java.util.Arrays;

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
 * <p>The ports' fds are in the epoll set only while the PMD sleeps: each wait adds them and takes them out
 * again (two system calls per port per sleep, and a PMD only sleeps after it has found nothing for a
 * while). A socket with an epoll entry makes the kernel take its wait-queue lock and run epoll's callback
 * for every frame it delivers, on the delivering core: with the entries there all the time that cost the
 * traffic generator's core about a fifth of its 64-byte rate in the benchmark. Adding an fd that already
 * has input makes the wait return at once, so nothing that arrives in between is missed.
 *
 * <p>Threading: as {@link PortWaiter} says ({@link #addFd}, {@link #removeFd} and {@link #waitForInput} on
 * the PMD thread); {@link #wakeup()} from any thread.
 */
public final class EpollPortWaiter implements PortWaiter {
    private static final Logger LOG = LoggerFactory.getLogger(EpollPortWaiter.class);
    private static final int MAX_EVENTS = 64;

    private final Epoll epoll;
    private final EventFd wake;
    private int[] fds = new int[0];

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
        for (int known : fds) {
            if (known == fd) {
                return;
            }
        }
        fds = Arrays.copyOf(fds, fds.length + 1);
        fds[fds.length - 1] = fd;
    }

    @Override
    public void removeFd(int fd) {
        int[] kept = new int[fds.length];
        int n = 0;
        for (int known : fds) {
            if (known != fd) {
                kept[n++] = known;
            }
        }
        fds = Arrays.copyOf(kept, n);
    }

    @Override
    public int waitForInput(int timeoutMs) {
        int[] watched = fds;
        for (int fd : watched) {
            try {
                epoll.add(fd, Epoll.EPOLLIN, fd);
            } catch (NativeIoException e) {
                LOG.debug("cannot watch fd {}: {}", fd, e.getMessage());
            }
        }
        int n = epoll.await(timeoutMs);
        int ready = 0;
        for (int i = 0; i < n; i++) {
            if (epoll.readyData(i) == -1) {
                wake.drain();
            } else {
                ready++;
            }
        }
        for (int fd : watched) {
            try {
                epoll.remove(fd);
            } catch (NativeIoException e) {
                LOG.debug("cannot unwatch fd {}: {}", fd, e.getMessage());
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

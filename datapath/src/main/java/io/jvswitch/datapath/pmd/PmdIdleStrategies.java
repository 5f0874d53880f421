package io.jvswitch.datapath.pmd;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/** Idle strategies a PMD runner can be given. */
public final class PmdIdleStrategies {
    private PmdIdleStrategies() {
    }

    /**
     * The default: spin, yield, then wait on the ports' fds through {@code waiter}; without a
     * waiter (no native epoll, or only in-memory ports) spin, yield, then park with backoff up to 1 ms.
     */
    public static IdleStrategy adaptive(PortWaiter waiter) {
        return adaptive(waiter, TimeUnit.MILLISECONDS.toNanos(PortWaitingIdleStrategy.DEFAULT_SPIN_WINDOW_MS));
    }

    /**
     * The default with its spin window set: after the last frame the PMD polls on for
     * {@code spinWindowNs} before it may sleep ({@link PortWaitingIdleStrategy}); 0 sleeps as
     * soon as the short spin-and-yield phase ends.
     */
    public static IdleStrategy adaptive(PortWaiter waiter, long spinWindowNs) {
        if (waiter != null) {
            return new PortWaitingIdleStrategy(waiter, spinWindowNs);
        }
        return new BackoffIdleStrategy(PortWaitingIdleStrategy.DEFAULT_MAX_SPINS,
            PortWaitingIdleStrategy.DEFAULT_MAX_YIELDS, TimeUnit.MICROSECONDS.toNanos(1),
            TimeUnit.MILLISECONDS.toNanos(1));
    }

    /** Pure spinning: lowest latency, one full core per PMD even when idle. */
    public static IdleStrategy spin() {
        return new BusySpinIdleStrategy();
    }
}

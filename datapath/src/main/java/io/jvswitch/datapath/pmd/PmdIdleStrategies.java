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
        if (waiter != null) {
            return new PortWaitingIdleStrategy(waiter);
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

package io.jvswitch.datapath.pmd;

import java.util.concurrent.TimeUnit;

import io.jvswitch.datapath.linux.NativeAvailability;
import io.jvswitch.datapath.linux.ThreadPreemptions;
import io.jvswitch.datapath.stats.PmdStats;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemNanoClock;

/** Idle strategies a PMD runner can be given. */
public final class PmdIdleStrategies {
    private PmdIdleStrategies() {
    }

    /**
     * The default: spin, yield, then wait on the ports' fds through {@code waiter}, sleeping early
     * while the core is shared with other busy threads; without a waiter (no native epoll, or only
     * in-memory ports) spin, yield, then park with backoff up to 1 ms.
     */
    public static IdleStrategy adaptive(PortWaiter waiter) {
        return adaptive(waiter, TimeUnit.MILLISECONDS.toNanos(PortWaitingIdleStrategy.DEFAULT_SPIN_WINDOW_MS));
    }

    /**
     * The default with its spin window set: after the last frame the PMD polls on for
     * {@code spinWindowNs} before it may sleep ({@link PortWaitingIdleStrategy}); 0 sleeps as
     * soon as the short spin-and-yield phase ends. Sleeps early while the core is shared.
     */
    public static IdleStrategy adaptive(PortWaiter waiter, long spinWindowNs) {
        return adaptive(waiter, spinWindowNs, true);
    }

    /**
     * The default with its spin window set and, if {@code idleWhenContended}, shared-core mode:
     * while the PMD's thread keeps being preempted (its core is shared with other busy threads)
     * an empty cycle ignores the spin window and sleeps after a few spins. Shared-core mode needs
     * the native preemption count; where that is unavailable the strategy is blind to contention.
     */
    public static IdleStrategy adaptive(PortWaiter waiter, long spinWindowNs, boolean idleWhenContended) {
        return adaptive(waiter, spinWindowNs, idleWhenContended, null);
    }

    /**
     * As {@link #adaptive(PortWaiter, long, boolean)}, counting shared-core entries and sleeps in
     * the PMD's {@code stats} (null: not counted).
     */
    public static IdleStrategy adaptive(PortWaiter waiter, long spinWindowNs, boolean idleWhenContended,
        PmdStats stats) {
        if (waiter != null) {
            CoreContentionDetector contention = idleWhenContended && NativeAvailability.isAvailable()
                ? new CoreContentionDetector(new ThreadPreemptions()::involuntarySwitches)
                : null;
            return new PortWaitingIdleStrategy(waiter, PortWaitingIdleStrategy.DEFAULT_MAX_SPINS,
                PortWaitingIdleStrategy.DEFAULT_MAX_YIELDS, PortWaitingIdleStrategy.DEFAULT_WAIT_TIMEOUT_MS,
                spinWindowNs, SystemNanoClock.INSTANCE, contention, PortWaitingIdleStrategy.DEFAULT_SHARED_MAX_SPINS,
                stats);
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

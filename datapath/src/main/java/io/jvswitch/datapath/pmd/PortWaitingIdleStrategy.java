package io.jvswitch.datapath.pmd;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import org.agrona.concurrent.IdleStrategy;

/**
 * The PMD's default (adaptive) idle strategy: while there is traffic it never idles; when a
 * cycle finds nothing it spins a little, then yields a little, then sleeps in
 * {@link PortWaiter#waitForInput} on the ports' fds, so an idle switch costs ~0 CPU and wakes as
 * soon as a frame arrives (or a command's {@link PortWaiter#wakeup()}, or the timeout, which
 * bounds how late ports without an fd are polled).
 *
 * <p>After a cycle that moved frames it first keeps polling for a spin window (default
 * {@value #DEFAULT_SPIN_WINDOW_MS} ms) before it may sleep: a frame that arrives while the PMD
 * sleeps waits for the scheduler to wake it (tens of microseconds on a virtual machine, much more
 * on a busy one), which doubled a ping's round trip. Traffic that keeps coming more often than the
 * window therefore costs a core, as a spinning PMD does; a switch with no traffic still sleeps.
 *
 * <p>Threading: used by the PMD's runner thread only.
 */
public final class PortWaitingIdleStrategy implements IdleStrategy {
    /** Default empty cycles spent spinning before yielding. */
    public static final int DEFAULT_MAX_SPINS = 1_000;
    /** Default empty cycles spent yielding before waiting on the fds. */
    public static final int DEFAULT_MAX_YIELDS = 100;
    /** Default longest wait in the fds, in milliseconds. */
    public static final int DEFAULT_WAIT_TIMEOUT_MS = 10;
    /** Default time a PMD keeps polling after its last frame, in milliseconds. */
    public static final int DEFAULT_SPIN_WINDOW_MS = 20;

    private final PortWaiter waiter;
    private final int maxSpins;
    private final int maxYields;
    private final int waitTimeoutMs;
    private final long spinWindowNs;
    private final NanoClock clock;
    private int spins;
    private int yields;
    private boolean sawWork;
    private long idleSinceNs;

    /** An adaptive strategy over {@code waiter} with the default thresholds and spin window. */
    public PortWaitingIdleStrategy(PortWaiter waiter) {
        this(waiter, TimeUnit.MILLISECONDS.toNanos(DEFAULT_SPIN_WINDOW_MS));
    }

    /** An adaptive strategy over {@code waiter} with the default thresholds and the given spin window. */
    public PortWaitingIdleStrategy(PortWaiter waiter, long spinWindowNs) {
        this(waiter, DEFAULT_MAX_SPINS, DEFAULT_MAX_YIELDS, DEFAULT_WAIT_TIMEOUT_MS, spinWindowNs,
            SystemNanoClock.INSTANCE);
    }

    /** An adaptive strategy over {@code waiter} with the given thresholds and no spin window. */
    public PortWaitingIdleStrategy(PortWaiter waiter, int maxSpins, int maxYields, int waitTimeoutMs) {
        this(waiter, maxSpins, maxYields, waitTimeoutMs, 0, SystemNanoClock.INSTANCE);
    }

    /**
     * An adaptive strategy over {@code waiter}: after work, polls for {@code spinWindowNs} by
     * {@code clock}; then {@code maxSpins} spins, {@code maxYields} yields, and waits of at most
     * {@code waitTimeoutMs}.
     */
    public PortWaitingIdleStrategy(PortWaiter waiter, int maxSpins, int maxYields, int waitTimeoutMs,
        long spinWindowNs, NanoClock clock) {
        this.waiter = waiter;
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.waitTimeoutMs = waitTimeoutMs;
        this.spinWindowNs = spinWindowNs;
        this.clock = clock;
    }

    @Override
    public void idle(int workCount) {
        if (workCount > 0) {
            reset();
            sawWork = spinWindowNs > 0;
            idleSinceNs = 0;
        } else {
            idle();
        }
    }

    @Override
    public void idle() {
        if (sawWork) {
            long now = clock.nanoTime();
            if (idleSinceNs == 0) {
                idleSinceNs = now;
            }
            if (now - idleSinceNs < spinWindowNs) {
                Thread.onSpinWait();
                return;
            }
            sawWork = false;
        }
        if (spins < maxSpins) {
            spins++;
            Thread.onSpinWait();
        } else if (yields < maxYields) {
            yields++;
            Thread.yield();
        } else {
            waiter.waitForInput(waitTimeoutMs);
        }
    }

    @Override
    public void reset() {
        spins = 0;
        yields = 0;
    }

    @Override
    public String alias() {
        return "port-waiting";
    }
}

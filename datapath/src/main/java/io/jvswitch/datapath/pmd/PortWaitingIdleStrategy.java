package io.jvswitch.datapath.pmd;

import org.agrona.concurrent.IdleStrategy;

/**
 * The PMD's default (adaptive) idle strategy: while there is traffic it never idles; when a
 * cycle finds nothing it spins a little, then yields a little, then sleeps in
 * {@link PortWaiter#waitForInput} on the ports' fds, so an idle switch costs ~0 CPU and wakes as
 * soon as a frame arrives (or a command's {@link PortWaiter#wakeup()}, or the timeout, which
 * bounds how late ports without an fd are polled).
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

    private final PortWaiter waiter;
    private final int maxSpins;
    private final int maxYields;
    private final int waitTimeoutMs;
    private int spins;
    private int yields;

    /** An adaptive strategy over {@code waiter} with the default thresholds. */
    public PortWaitingIdleStrategy(PortWaiter waiter) {
        this(waiter, DEFAULT_MAX_SPINS, DEFAULT_MAX_YIELDS, DEFAULT_WAIT_TIMEOUT_MS);
    }

    /** An adaptive strategy over {@code waiter} with the given thresholds. */
    public PortWaitingIdleStrategy(PortWaiter waiter, int maxSpins, int maxYields, int waitTimeoutMs) {
        this.waiter = waiter;
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.waitTimeoutMs = waitTimeoutMs;
    }

    @Override
    public void idle(int workCount) {
        if (workCount > 0) {
            reset();
        } else {
            idle();
        }
    }

    @Override
    public void idle() {
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

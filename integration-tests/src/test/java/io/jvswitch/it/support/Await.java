package io.jvswitch.it.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes: bounded waiting, no fixed sleeps. */
public final class Await {

    private static final long POLL_MS = 50;

    private Await() {
    }

    /**
     * Waits until {@code condition} holds.
     *
     * @param what describes the condition (and the state seen) for the failure message
     * @throws AssertionError if it does not hold within {@code timeout}
     */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout + ": " + what.get());
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what.get(), e);
            }
        }
    }

    /** Whether {@code condition} holds within {@code timeout}. */
    public static boolean holdsWithin(Duration timeout, BooleanSupplier condition) {
        try {
            until(timeout, condition, () -> "");
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }
}

package io.jvswitch.datapath.pmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.jvswitch.datapath.linux.NativeAvailability;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class PmdIdleStrategiesTest {
    @Test
    void shouldWatchForASharedCoreByDefaultWhenNativeCallsWork() {
        IdleStrategy idle = PmdIdleStrategies.adaptive(new PortWaitingIdleStrategyTest.CountingWaiter());
        assertThat(idle).isInstanceOf(PortWaitingIdleStrategy.class);
        assertThat(((PortWaitingIdleStrategy) idle).watchesContention()).isEqualTo(NativeAvailability.isAvailable());
    }

    @Test
    void shouldNotWatchForASharedCoreWhenTurnedOff() {
        IdleStrategy idle = PmdIdleStrategies.adaptive(new PortWaitingIdleStrategyTest.CountingWaiter(), 0, false);
        assertThat(((PortWaitingIdleStrategy) idle).watchesContention()).isFalse();
    }

    @Test
    void shouldParkWithBackoffWithoutAWaiter() {
        assertThat(PmdIdleStrategies.adaptive(null, 0, true)).isInstanceOf(BackoffIdleStrategy.class);
    }

    /**
     * The default strategy on a real thread, with the native preemption count, while more
     * often-waking busy threads than CPUs run: within 300 ms it must find its core shared. (The
     * opposite, that it stays out of shared-core mode on an idle host, cannot be asserted on a host
     * other jobs share.)
     */
    @Test
    @Tag("system")
    void shouldEnterSharedCoreModeWhenMoreBusyThreadsThanCpusRun() throws Exception {
        assumeTrue(NativeAvailability.isAvailable());
        PortWaitingIdleStrategy idle = (PortWaitingIdleStrategy) PmdIdleStrategies.adaptive(
            new PortWaitingIdleStrategyTest.CountingWaiter(), TimeUnit.MILLISECONDS.toNanos(20), true);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        List<Thread> hogs = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors() + 1; i++) {
            Thread hog = new Thread(() -> {
                // Busy 200 us, asleep 50 us: a neighbour that keeps waking, as a traffic peer does.
                while (System.nanoTime() - until < 0) {
                    long busyUntil = System.nanoTime() + 200_000;
                    while (System.nanoTime() - busyUntil < 0) {
                        Thread.onSpinWait();
                    }
                    LockSupport.parkNanos(50_000);
                }
            }, "neighbour-" + i);
            hog.setDaemon(true);
            hog.start();
            hogs.add(hog);
        }
        long[] entries = {0};
        Thread pmd = new Thread(() -> {
            int cycle = 0;
            while (System.nanoTime() - until < 0) {
                idle.idle(cycle++ % 100 == 0 ? 1 : 0);
            }
            entries[0] = idle.sharedCoreEntries();
        }, "pmd-under-test");
        pmd.start();
        pmd.join(10_000);
        for (Thread hog : hogs) {
            hog.join(10_000);
        }
        assertThat(pmd.isAlive()).isFalse();
        assertThat(entries[0]).as("shared-core entries").isPositive();
    }
}

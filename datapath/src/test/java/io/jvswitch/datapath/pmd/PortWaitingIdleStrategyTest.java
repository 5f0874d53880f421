package io.jvswitch.datapath.pmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import io.jvswitch.datapath.stats.DatapathCounter;
import io.jvswitch.datapath.stats.PmdStats;
import org.junit.jupiter.api.Test;

class PortWaitingIdleStrategyTest {
    private static final long MS = 1_000_000L;
    /** Counts waits instead of blocking. */
    static final class CountingWaiter implements PortWaiter {
        int waits;
        int wakeups;
        int lastTimeoutMs;

        @Override
        public void addFd(int fd) {
        }

        @Override
        public void removeFd(int fd) {
        }

        @Override
        public int waitForInput(int timeoutMs) {
            waits++;
            lastTimeoutMs = timeoutMs;
            return 0;
        }

        @Override
        public void wakeup() {
            wakeups++;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void shouldWaitOnPortsOnlyAfterSpinningAndYielding() {
        CountingWaiter waiter = new CountingWaiter();
        PortWaitingIdleStrategy idle = new PortWaitingIdleStrategy(waiter, 3, 2, 7);
        for (int k = 0; k < 5; k++) {
            idle.idle(0);
        }
        assertThat(waiter.waits).isZero();
        idle.idle(0);
        idle.idle(0);
        assertThat(waiter.waits).isEqualTo(2);
        assertThat(waiter.lastTimeoutMs).isEqualTo(7);
    }

    @Test
    void shouldStartOverWhenWorkDone() {
        CountingWaiter waiter = new CountingWaiter();
        PortWaitingIdleStrategy idle = new PortWaitingIdleStrategy(waiter, 1, 0, 1);
        idle.idle(0);
        idle.idle(0);
        assertThat(waiter.waits).isEqualTo(1);
        idle.idle(5);
        idle.idle(0);
        assertThat(waiter.waits).isEqualTo(1);
    }

    @Test
    void shouldKeepPollingForTheSpinWindowAfterWorkBeforeWaiting() {
        CountingWaiter waiter = new CountingWaiter();
        long[] now = {1_000};
        PortWaitingIdleStrategy idle = new PortWaitingIdleStrategy(waiter, 1, 0, 5, 500, () -> now[0]);
        idle.idle(3);
        for (int k = 0; k < 100; k++) {
            idle.idle(0);
            now[0] += 4;
        }
        assertThat(waiter.waits).as("400 ns into a 500 ns window").isZero();
        now[0] += 200;
        idle.idle(0);
        idle.idle(0);
        assertThat(waiter.waits).as("window over: one spin, then a wait").isEqualTo(1);
        idle.idle(0);
        assertThat(waiter.waits).as("no new window without work").isEqualTo(2);
    }

    @Test
    void shouldNeverOpenASpinWindowWithoutWork() {
        CountingWaiter waiter = new CountingWaiter();
        PortWaitingIdleStrategy idle = new PortWaitingIdleStrategy(waiter, 0, 0, 5, 1_000_000_000L, () -> 0L);
        idle.idle(0);
        idle.idle(0);
        assertThat(waiter.waits).isEqualTo(2);
    }

    /** A strategy with a 20 ms spin window, 1000 spins, 100 yields, 4 shared-mode spins, and the default detector. */
    private static final class Contended {
        final CountingWaiter waiter = new CountingWaiter();
        final CoreContentionDetectorTest.FakePreemptions source = new CoreContentionDetectorTest.FakePreemptions();
        final long[] now = {1_000};
        final PmdStats stats = new PmdStats(0, 1);
        final PortWaitingIdleStrategy idle = new PortWaitingIdleStrategy(waiter, 1_000, 100, 5, 20 * MS,
            () -> now[0], new CoreContentionDetector(source), 4, stats);

        /** Enough preemptions at once for contention by the default rule. */
        void preemptedAtOnce() {
            source.count += CoreContentionDetector.DEFAULT_PREEMPTIONS;
        }
    }

    @Test
    void shouldSpinThroughTheWindowWhenTheCoreIsNotShared() {
        Contended c = new Contended();
        c.idle.idle(1);
        for (int k = 0; k < 19_000; k++) {
            c.idle.idle(0);
            c.now[0] += 1_000;
        }
        assertThat(c.waiter.waits).as("19 ms into a 20 ms window").isZero();
        assertThat(c.idle.isSharedCore()).isFalse();
        c.now[0] += 2 * MS;
        for (int k = 0; k < 1_100; k++) {
            c.idle.idle(0);
        }
        assertThat(c.waiter.waits).as("window, spins and yields over").isZero();
        c.idle.idle(0);
        assertThat(c.waiter.waits).isEqualTo(1);
        assertThat(c.source.reads).as("one sample per ms of clock").isBetween(20, 23);
    }

    @Test
    void shouldWaitAfterAFewSpinsWhenTheCoreIsShared() {
        Contended c = new Contended();
        c.idle.idle(1);
        c.preemptedAtOnce();
        c.now[0] += MS;
        c.idle.idle(1);
        for (int k = 0; k < 4; k++) {
            c.idle.idle(0);
        }
        assertThat(c.waiter.waits).as("four spins, inside the spin window").isZero();
        c.idle.idle(0);
        c.idle.idle(0);
        assertThat(c.waiter.waits).isEqualTo(2);
        assertThat(c.waiter.lastTimeoutMs).isEqualTo(5);
        assertThat(c.idle.isSharedCore()).isTrue();
        assertThat(c.idle.sharedCoreEntries()).isEqualTo(1);
        assertThat(c.idle.waits()).isEqualTo(2);
        assertThat(c.stats.get(DatapathCounter.SHARED_CORE_ENTRIES)).isEqualTo(1);
        assertThat(c.stats.get(DatapathCounter.IDLE_WAITS)).isEqualTo(2);
    }

    @Test
    void shouldNoticeContentionDuringEmptyCyclesAndStopSpinning() {
        Contended c = new Contended();
        c.idle.idle(1);
        c.idle.idle(0);
        c.preemptedAtOnce();
        c.now[0] += MS;
        for (int k = 0; k < 4; k++) {
            c.idle.idle(0);
        }
        assertThat(c.waiter.waits).as("the window ends; four spins").isZero();
        c.idle.idle(0);
        assertThat(c.waiter.waits).isEqualTo(1);
        assertThat(c.idle.isSharedCore()).isTrue();
    }

    @Test
    void shouldSpinThroughTheWindowAgainAfterTheHoldWithoutPreemptions() {
        Contended c = new Contended();
        c.idle.idle(1);
        c.preemptedAtOnce();
        c.now[0] += MS;
        c.idle.idle(0);
        assertThat(c.idle.isSharedCore()).isTrue();
        c.now[0] += (CoreContentionDetector.DEFAULT_HOLD_MS + 1) * MS;
        c.idle.idle(1);
        assertThat(c.idle.isSharedCore()).isFalse();
        int waitsBefore = c.waiter.waits;
        for (int k = 0; k < 10_000; k++) {
            c.idle.idle(0);
            c.now[0] += 1_000;
        }
        assertThat(c.waiter.waits).as("10 ms into the window").isEqualTo(waitsBefore);
    }

    @Test
    void shouldBehaveAsBeforeWhenContentionIsIgnored() {
        CountingWaiter waiter = new CountingWaiter();
        long[] now = {1_000};
        int[] clockReads = {0};
        PortWaitingIdleStrategy idle = new PortWaitingIdleStrategy(waiter, 3, 2, 7, 0, () -> {
            clockReads[0]++;
            return now[0];
        }, null, 4, null);
        idle.idle(1);
        for (int k = 0; k < 5; k++) {
            idle.idle(0);
        }
        assertThat(waiter.waits).isZero();
        idle.idle(0);
        assertThat(waiter.waits).isEqualTo(1);
        assertThat(clockReads[0]).as("no window, no detector: no clock").isZero();
        assertThat(idle.isSharedCore()).isFalse();
        assertThat(idle.sharedCoreEntries()).isZero();
    }

    @Test
    void shouldNotAllocateWhenIdling() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        Contended c = new Contended();
        run(c, 200_000);
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        run(c, 1_000_000);
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertThat(c.idle.sharedCoreEntries()).as("both modes exercised").isGreaterThan(1);
        assertThat(allocated).as("bytes over a million idle calls").isLessThan(1_024);
    }

    /** Idle calls with a clock moving 10 us a call, work every 7th call, contention on and off. */
    private static void run(Contended c, int calls) {
        for (int k = 0; k < calls; k++) {
            c.now[0] += 10_000;
            if (k % 50_000 < CoreContentionDetector.DEFAULT_PREEMPTIONS) {
                c.source.count++;
            }
            c.idle.idle(k % 7 == 0 ? 1 : 0);
        }
    }
}

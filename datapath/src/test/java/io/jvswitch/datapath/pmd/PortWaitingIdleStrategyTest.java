package io.jvswitch.datapath.pmd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortWaitingIdleStrategyTest {
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
}

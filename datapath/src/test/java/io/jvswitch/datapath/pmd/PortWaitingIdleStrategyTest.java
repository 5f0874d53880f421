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
}

package io.jvswitch.datapath.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EpollTest {

    @BeforeEach
    void requireNative() {
        assumeTrue(NativeAvailability.isAvailable());
    }

    @Test
    void shouldTimeOutWithNoEventsWhenNothingIsReady() throws Exception {
        try (Epoll epoll = Epoll.create(4); EventFd wakeup = EventFd.create()) {
            epoll.add(wakeup.fd(), Epoll.EPOLLIN, 7);
            long start = System.nanoTime();
            assertThat(epoll.await(20)).isZero();
            assertThat(System.nanoTime() - start).isGreaterThan(15_000_000L);
        }
    }

    @Test
    void shouldReportTheFdsDataWhenItBecomesReadable() throws Exception {
        try (Epoll epoll = Epoll.create(4); EventFd first = EventFd.create(); EventFd second = EventFd.create()) {
            epoll.add(first.fd(), Epoll.EPOLLIN, 1);
            epoll.add(second.fd(), Epoll.EPOLLIN, 0x1_0000_0002L);
            second.signal();
            assertThat(epoll.await(1000)).isEqualTo(1);
            assertThat(epoll.readyData(0)).isEqualTo(0x1_0000_0002L);
            assertThat(epoll.readyEvents(0) & Epoll.EPOLLIN).isNotZero();

            assertThat(second.drain()).isTrue();
            assertThat(second.drain()).isFalse();
            assertThat(epoll.await(0)).isZero();
        }
    }

    @Test
    void shouldWakeASleepingWaiterWhenAnotherThreadSignals() throws Exception {
        try (Epoll epoll = Epoll.create(4); EventFd wakeup = EventFd.create()) {
            epoll.add(wakeup.fd(), Epoll.EPOLLIN, 42);
            Thread signaller = new Thread(() -> {
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                wakeup.signal();
            });
            signaller.start();
            assertThat(epoll.await(5000)).isEqualTo(1);
            assertThat(epoll.readyData(0)).isEqualTo(42);
            signaller.join();
        }
    }

    @Test
    void shouldStopReportingAnFdWhenRemoved() throws Exception {
        try (Epoll epoll = Epoll.create(4); EventFd wakeup = EventFd.create()) {
            epoll.add(wakeup.fd(), Epoll.EPOLLIN, 1);
            epoll.modify(wakeup.fd(), Epoll.EPOLLIN, 2);
            wakeup.signal();
            assertThat(epoll.await(100)).isEqualTo(1);
            assertThat(epoll.readyData(0)).isEqualTo(2);
            epoll.remove(wakeup.fd());
            assertThat(epoll.await(0)).isZero();
        }
    }
}

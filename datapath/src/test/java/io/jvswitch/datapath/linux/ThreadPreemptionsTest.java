package io.jvswitch.datapath.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ThreadPreemptionsTest {
    @BeforeEach
    void requireNative() {
        assumeTrue(NativeAvailability.isAvailable());
    }

    @Test
    void shouldCountTheCallingThreadsVoluntarySwitchesWhenItSleeps() throws Exception {
        ThreadPreemptions preemptions = new ThreadPreemptions();
        long before = preemptions.voluntarySwitches();
        for (int k = 0; k < 5; k++) {
            Thread.sleep(2);
        }
        assertThat(before).isNotNegative();
        assertThat(preemptions.voluntarySwitches() - before).isGreaterThanOrEqualTo(5);
        assertThat(preemptions.involuntarySwitches()).isNotNegative();
    }

    @Test
    void shouldNotAllocateWhenRead() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        ThreadPreemptions preemptions = new ThreadPreemptions();
        long sum = read(preemptions, 20_000);
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        sum += read(preemptions, 100_000);
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertThat(sum).isNotNegative();
        assertThat(allocated).as("bytes over 100000 reads").isLessThan(1_024);
    }

    private static long read(ThreadPreemptions preemptions, int times) {
        long sum = 0;
        for (int k = 0; k < times; k++) {
            sum += preemptions.involuntarySwitches();
        }
        return sum;
    }

    /**
     * More busy threads than CPUs for 300 ms: the scheduler must take the CPU from some of them
     * while they are still runnable, and each counts only its own preemptions.
     */
    @Test
    @Tag("system")
    void shouldCountPreemptionsWhenMoreThreadsThanCpusSpin() throws Exception {
        int count = Runtime.getRuntime().availableProcessors() + 2;
        AtomicLongArray rises = new AtomicLongArray(count);
        CountDownLatch done = new CountDownLatch(count);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        for (int i = 0; i < count; i++) {
            int slot = i;
            Thread spinner = new Thread(() -> {
                try {
                    ThreadPreemptions mine = new ThreadPreemptions();
                    long start = mine.involuntarySwitches();
                    while (System.nanoTime() - until < 0) {
                        Thread.onSpinWait();
                    }
                    rises.set(slot, mine.involuntarySwitches() - start);
                } finally {
                    done.countDown();
                }
            }, "preempted-" + i);
            spinner.setDaemon(true);
            spinner.start();
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        long most = 0;
        for (int i = 0; i < count; i++) {
            most = Math.max(most, rises.get(i));
        }
        assertThat(most).as("largest rise among %d spinning threads: %s", count, rises).isPositive();
    }
}

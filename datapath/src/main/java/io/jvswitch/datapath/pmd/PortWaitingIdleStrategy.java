package io.jvswitch.datapath.pmd;

import java.util.concurrent.TimeUnit;

import io.jvswitch.datapath.stats.DatapathCounter;
import io.jvswitch.datapath.stats.PmdStats;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

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
 * <p>Shared-core mode. Spinning is right only when nobody else wants the core. On a small host
 * where the VMs or containers the switch serves run on the same cores, every spin between two
 * frames is CPU taken from the threads that produce and consume those frames: measured on a
 * 2-vCPU host, TCP through a two-thread forwarder made 4.3 to 4.8 Gbit/s with the threads spinning
 * between polls and 10.8 to 13.2 Gbit/s with them sleeping in epoll as soon as a poll came back
 * empty. So, given a {@link CoreContentionDetector}, the strategy watches how often its thread is
 * preempted (sampled at most once a millisecond of clock time, on busy and empty cycles alike);
 * while the detector calls the core shared, the spin window is ignored and an empty cycle spins at
 * most {@value #DEFAULT_SHARED_MAX_SPINS} times (no yields) and then waits on the fds. Those few
 * spins catch a frame that follows the last within a few microseconds, about what a sleep and a
 * wake-up cost anyway (epoll registration, {@code epoll_wait}, two context switches), so they
 * cost at most about what they can save; the forwarder above still made 10.5 Gbit/s with 2000
 * spins before each sleep, so a few dozen are far from the spinning case. Without contention the
 * behaviour is the one described above, unchanged.
 *
 * <p>The trade, measured with {@code bench/compare.sh} (jvswitch path, one PMD, offloads off and
 * on, a host shared with other jobs): with shared-core mode {@code ping -f} made 120k to 158k
 * round trips a second against 73k to 136k without, and TCP was the same or better (medians 5.5
 * against 4.0 Gbit/s for one stream, offloads off); but a slow {@code ping -i 0.01} on a loaded
 * host paid the scheduler's wake-up delay, tens to hundreds of microseconds against 10 to 40
 * spinning. A host whose PMD cores are dedicated should turn it off (the daemon's
 * {@code other_config:pmd-idle-when-contended=false}). Entries and sleeps are counted in the
 * PMD's stats ({@link DatapathCounter#SHARED_CORE_ENTRIES}, {@link DatapathCounter#IDLE_WAITS}).
 *
 * <p>Threading: used by the PMD's runner thread only (the detector samples that thread's count).
 *
 * <p>Invariants: no allocation per call; at most one clock read per call when a detector is set
 * (only in the spin window otherwise); a system call for the preemption count at most once a
 * millisecond.
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
    /** Default empty cycles spent spinning before waiting on the fds in shared-core mode. */
    public static final int DEFAULT_SHARED_MAX_SPINS = 16;

    private final PortWaiter waiter;
    private final int maxSpins;
    private final int maxYields;
    private final int waitTimeoutMs;
    private final long spinWindowNs;
    private final NanoClock clock;
    private final CoreContentionDetector contention;
    private final int sharedMaxSpins;
    private final PmdStats stats;
    private int spins;
    private int yields;
    private boolean sawWork;
    private long idleSinceNs;
    private long waits;
    private boolean sharedCore;

    /** An adaptive strategy over {@code waiter} with the default thresholds and spin window, blind to contention. */
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
     * {@code waitTimeoutMs}. Blind to contention.
     */
    public PortWaitingIdleStrategy(PortWaiter waiter, int maxSpins, int maxYields, int waitTimeoutMs,
        long spinWindowNs, NanoClock clock) {
        this(waiter, maxSpins, maxYields, waitTimeoutMs, spinWindowNs, clock, null, 0, null);
    }

    /**
     * As {@link #PortWaitingIdleStrategy(PortWaiter, int, int, int, long, NanoClock)}, and while
     * {@code contention} (null: never) calls the core shared, an empty cycle skips the spin window
     * and waits after {@code sharedMaxSpins} spins. Entries into shared-core mode and waits are
     * counted in {@code stats} ({@link DatapathCounter#SHARED_CORE_ENTRIES},
     * {@link DatapathCounter#IDLE_WAITS}) unless it is null; it must be the PMD's own.
     */
    public PortWaitingIdleStrategy(PortWaiter waiter, int maxSpins, int maxYields, int waitTimeoutMs,
        long spinWindowNs, NanoClock clock, CoreContentionDetector contention, int sharedMaxSpins, PmdStats stats) {
        this.waiter = waiter;
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.waitTimeoutMs = waitTimeoutMs;
        this.spinWindowNs = spinWindowNs;
        this.clock = clock;
        this.contention = contention;
        this.sharedMaxSpins = sharedMaxSpins;
        this.stats = stats;
    }

    @Override
    public void idle(int workCount) {
        if (workCount > 0) {
            reset();
            sawWork = spinWindowNs > 0;
            idleSinceNs = 0;
            if (contention != null) {
                // Preemptions while busy count too: a PMD that is preempted while it forwards will
                // be preempted while it spins.
                checkSharedCore(clock.nanoTime());
            }
        } else {
            idle();
        }
    }

    @Override
    public void idle() {
        long now = contention != null || sawWork ? clock.nanoTime() : 0L;
        if (contention != null && checkSharedCore(now)) {
            idleShared();
            return;
        }
        if (sawWork) {
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
            waitForInput();
        }
    }

    /** An empty cycle on a shared core: the window is over, a few spins, then sleep. */
    private void idleShared() {
        sawWork = false;
        if (spins < sharedMaxSpins) {
            spins++;
            Thread.onSpinWait();
        } else {
            waitForInput();
        }
    }

    private boolean checkSharedCore(long now) {
        boolean shared = contention.isShared(now);
        if (shared && !sharedCore && stats != null) {
            stats.increment(DatapathCounter.SHARED_CORE_ENTRIES);
        }
        sharedCore = shared;
        return shared;
    }

    private void waitForInput() {
        waits++;
        if (stats != null) {
            stats.increment(DatapathCounter.IDLE_WAITS);
        }
        waiter.waitForInput(waitTimeoutMs);
    }

    @Override
    public void reset() {
        spins = 0;
        yields = 0;
    }

    /** Whether this strategy watches for a shared core at all (it has a detector). */
    public boolean watchesContention() {
        return contention != null;
    }

    /** Whether the last call found the core shared (always false without a detector). PMD thread. */
    public boolean isSharedCore() {
        return sharedCore;
    }

    /** Times the core went from unshared to shared (0 without a detector). PMD thread. */
    public long sharedCoreEntries() {
        return contention == null ? 0 : contention.sharedEntries();
    }

    /** Times this strategy slept in {@link PortWaiter#waitForInput}. PMD thread. */
    public long waits() {
        return waits;
    }

    @Override
    public String alias() {
        return "port-waiting";
    }
}

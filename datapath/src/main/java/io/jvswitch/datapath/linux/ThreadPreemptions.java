package io.jvswitch.datapath.linux;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * How often the calling thread has been preempted: its count of involuntary context switches
 * ({@code ru_nivcsw} of {@code getrusage(RUSAGE_THREAD)}), which the kernel bumps each time it takes
 * the CPU from a thread that was still runnable because another thread wanted that CPU. A thread
 * that keeps spinning on a core nobody else wants sees this count stay flat (bar an occasional
 * kernel worker); one that shares its core sees it climb by tens to hundreds a second.
 *
 * <p>Threading: the count read is always that of the thread calling {@link #involuntarySwitches()}
 * (Linux has no way to ask for another thread's), and the instance owns one {@code struct rusage}
 * in direct memory that each call overwrites, so give each reading thread its own instance. It may
 * be created on any thread.
 *
 * <p>No allocation per call: one system call into the preallocated struct.
 */
public final class ThreadPreemptions {
    /** {@code RUSAGE_THREAD}: the calling thread only (Linux 2.6.26+). */
    static final int RUSAGE_THREAD = 1;
    /** {@code sizeof(struct rusage)} on x86-64: two timevals, then fourteen longs. */
    static final int SIZEOF_RUSAGE = 144;
    /** Offset of {@code ru_nvcsw}: voluntary context switches (the thread blocked or yielded). */
    static final int RU_NVCSW = 128;
    /** Offset of {@code ru_nivcsw}: involuntary context switches (the thread was preempted). */
    static final int RU_NIVCSW = 136;

    private final UnsafeBuffer rusage = NativeMemory.allocate(SIZEOF_RUSAGE);
    private final long address = rusage.addressOffset();

    /** A reader with its own {@code struct rusage}; fails on first use when native calls are unavailable. */
    public ThreadPreemptions() {
    }

    /** The calling thread's involuntary context switches so far, or -1 if the kernel refused to say. */
    public long involuntarySwitches() {
        return Syscalls.getrusage(RUSAGE_THREAD, address) == 0 ? rusage.getLong(RU_NIVCSW) : -1L;
    }

    /** The calling thread's voluntary context switches so far (blocks and yields), or -1 if refused. */
    public long voluntarySwitches() {
        return Syscalls.getrusage(RUSAGE_THREAD, address) == 0 ? rusage.getLong(RU_NVCSW) : -1L;
    }
}

package io.jvswitch.datapath.pmd;

/** How PMD agents are run, and so how commands reach them. */
public enum ThreadingMode {
    /**
     * No PMD threads: the caller drives {@code doWork()} itself (tests, embedding), and commands run
     * inline on the calling thread, which must be the one calling {@code doWork()}.
     */
    INVOKER,
    /** Each PMD agent runs on its own thread; commands go through the PMD's command queue. */
    DEDICATED
}

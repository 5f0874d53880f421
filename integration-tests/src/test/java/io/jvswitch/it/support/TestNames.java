package io.jvswitch.it.support;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Unique names for the devices and namespaces tests create: {@code jv<pid36>-<kind><n36>}
 * (at most 15 characters, the kernel's limit for a device name). The creating JVM's pid is part of
 * the name, so a sweep removes only what a dead test run left behind, never what a test running
 * in parallel (another worktree, another build) is using.
 */
public final class TestNames {

    /** Every name starts with this. */
    public static final String PREFIX = "jv";

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String PID = Long.toString(ProcessHandle.current().pid(), 36);

    private TestNames() {
    }

    /** A fresh name; {@code kind} is one letter saying what it names ('v' veth, 't' tap, 'n' netns). */
    public static String next(char kind) {
        return PREFIX + PID + "-" + kind + Integer.toString(COUNTER.getAndIncrement() % (36 * 36 * 36), 36);
    }

    /** The pid of the JVM that created {@code name}, if it is one of ours. */
    static Optional<Long> creatorPid(String name) {
        int dash = name.indexOf('-');
        if (!name.startsWith(PREFIX) || dash <= PREFIX.length()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(name.substring(PREFIX.length(), dash), 36));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code name} is ours and its creator is gone. */
    static boolean isStale(String name) {
        return creatorPid(name).map(pid -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)).orElse(false);
    }
}

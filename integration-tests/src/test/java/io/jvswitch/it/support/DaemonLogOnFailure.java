package io.jvswitch.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the console output and log of every daemon a failed test started (running or already
 * closed) on stderr, so that a red build shows what the daemon saw. Use with
 * {@code @ExtendWith(DaemonLogOnFailure.class)} on an IT class; {@link DaemonProcess} reports to it.
 */
public final class DaemonLogOnFailure implements BeforeEachCallback, TestWatcher {

    /**
     * Per test thread: the daemons started by the current test, and those still running from a
     * {@code @BeforeAll}. A closed one answers with what it said at close.
     */
    private static final Map<Thread, List<DaemonProcess>> DAEMONS = new ConcurrentHashMap<>();

    /** Called by {@link DaemonProcess} when it starts. */
    static void register(DaemonProcess daemon) {
        DAEMONS.computeIfAbsent(Thread.currentThread(), t -> new ArrayList<>()).add(daemon);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // Daemons closed by earlier tests are not this test's business; class-wide ones still run.
        List<DaemonProcess> daemons = DAEMONS.get(Thread.currentThread());
        if (daemons != null) {
            daemons.removeIf(DaemonProcess::isClosed);
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        List<DaemonProcess> daemons = DAEMONS.getOrDefault(Thread.currentThread(), List.of());
        StringBuilder out = new StringBuilder();
        for (DaemonProcess daemon : daemons) {
            out.append("=== jvs-vswitchd of failed test ").append(context.getDisplayName()).append('\n')
                    .append(daemon.lastWords());
        }
        System.err.print(out);
    }
}

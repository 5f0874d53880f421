package io.jvswitch.datapath.stats;

import java.util.List;
import java.util.Locale;

/**
 * The text of {@code jvs-appctl dpif-netdev/pmd-rxq-show} in Open vSwitch 3.1's layout: a header naming the usage
 * window, then per PMD its core, {@code isolated : false} and one line per receive queue it polls.
 *
 * <p>Every port has one receive queue (queue-id 0), always enabled. The PMD measures its busy time as a whole, not
 * per port (attributing it would take a clock read per port per duty cycle), so the per-queue {@code pmd usage}
 * and the {@code overhead} line print {@code NOT AVAIL}, as Open vSwitch does when it has no measurement yet.
 */
public final class PmdRxqFormatter {
    /** Longest usage window, and the default, in seconds (Open vSwitch: 12 intervals of 5 s). */
    public static final int MAX_SECONDS = 60;
    /** Granularity of the usage window, in seconds. */
    public static final int INTERVAL_SECONDS = 5;
    private static final String NOT_AVAILABLE = "NOT AVAIL";

    private PmdRxqFormatter() {
    }

    /**
     * The usage window reported for a requested {@code -secs} value: {@link #MAX_SECONDS} when absent (null),
     * unparsable, zero or too large; otherwise rounded up to a multiple of {@link #INTERVAL_SECONDS}.
     */
    public static int windowSeconds(String requested) {
        int secs;
        try {
            secs = requested == null ? 0 : Integer.parseInt(requested);
        } catch (NumberFormatException e) {
            secs = 0;
        }
        if (secs <= 0 || secs > MAX_SECONDS) {
            return MAX_SECONDS;
        }
        return (secs + INTERVAL_SECONDS - 1) / INTERVAL_SECONDS * INTERVAL_SECONDS;
    }

    /** Appends the header printed once before the first PMD. */
    public static void appendHeader(StringBuilder sb, int windowSeconds) {
        sb.append("Displaying last ").append(windowSeconds).append(" seconds pmd usage %\n");
    }

    /** Appends one PMD's block: {@code portNames} are the ports it polls, in the order to print (by name). */
    public static void appendPmd(StringBuilder sb, int coreId, List<String> portNames) {
        sb.append(PmdStatsFormatter.header(coreId)).append("  isolated : false\n");
        for (String name : portNames) {
            sb.append(String.format(Locale.ROOT, "  port: %-16s  queue-id: %2d (enabled)   pmd usage: %s", name, 0,
                    NOT_AVAILABLE)).append('\n');
        }
        if (!portNames.isEmpty()) {
            sb.append("  overhead: ").append(NOT_AVAILABLE).append('\n');
        }
    }
}

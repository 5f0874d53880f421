package io.jvswitch.ovsdb.ctl;

/**
 * What one ovs-vsctl invocation produced: the text for stdout and stderr, and the exit status.
 *
 * <p>{@code waiting} is true when a {@code wait-until} condition did not hold yet: nothing was committed or
 * printed, and the caller should run the same invocation again after the next committed change (until the
 * client's {@code --timeout}); see {@link VsctlEngine#runUntilDone}.
 *
 * @param stdout standard output text
 * @param stderr standard error text (warnings, then {@code <program>: <message>} on failure)
 * @param exitCode 0 success, 1 error, 2 {@code br-exists} on a missing bridge, 142 timed out waiting
 * @param waiting whether the invocation must be re-run after the next change
 */
public record VsctlResult(String stdout, String stderr, int exitCode, boolean waiting) {
    /** Exit status of a process killed by SIGALRM, which is how ovs-vsctl ends when --timeout expires. */
    public static final int TIMED_OUT = 142;

    static VsctlResult ok(String stdout, String stderr) {
        return new VsctlResult(stdout, stderr, 0, false);
    }

    static VsctlResult error(String stderr, int exitCode) {
        return new VsctlResult("", stderr, exitCode, false);
    }

    static VsctlResult waitingFor(String stderr) {
        return new VsctlResult("", stderr, 0, true);
    }
}

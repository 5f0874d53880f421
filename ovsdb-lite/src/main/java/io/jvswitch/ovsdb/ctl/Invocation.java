package io.jvswitch.ovsdb.ctl;

import java.util.List;

/**
 * A parsed command line: the global options and the commands, which run as one transaction.
 *
 * @param commands the commands in order
 * @param style how list/find print rows
 * @param oneline whether each command's output is folded onto one line
 * @param dryRun whether to run the commands without committing
 * @param timeoutSeconds {@code --timeout} (0 = none); enforced by the caller
 * @param noWait whether {@code --no-wait} was given (accepted; nothing waits for a reconfiguration here)
 * @param helpText non-null when {@code --help}, {@code --version} or similar asked for text instead of commands
 */
record Invocation(List<ParsedCommand> commands, TableStyle style, boolean oneline, boolean dryRun,
        int timeoutSeconds, boolean noWait, String helpText) {
}

package io.jvswitch.datapath.server;

/**
 * What a control program prints and its exit status, as the client will reproduce them.
 *
 * @param stdout   text for the client's standard output
 * @param stderr   text for the client's standard error
 * @param exitCode the client's exit status
 */
public record CommandResult(String stdout, String stderr, int exitCode) {

    /** Exit status of a failed command, as Open vSwitch's {@code ctl_fatal} uses. */
    public static final int EXIT_FAILURE = 1;

    /** Normalizes null texts to empty ones. */
    public CommandResult {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    /** A success that prints {@code stdout}. */
    public static CommandResult ok(String stdout) {
        return new CommandResult(stdout, "", 0);
    }

    /** A failure that prints {@code stderr} and exits with {@code exitCode}. */
    public static CommandResult failure(String stderr, int exitCode) {
        return new CommandResult("", stderr, exitCode);
    }
}

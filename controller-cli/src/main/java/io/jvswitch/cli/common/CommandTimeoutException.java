package io.jvswitch.cli.common;

/** The daemon did not answer within the client's {@code --timeout}. */
public final class CommandTimeoutException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what timed out */
    public CommandTimeoutException(String message) {
        super(message);
    }
}

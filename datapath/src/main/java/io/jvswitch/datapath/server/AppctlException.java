package io.jvswitch.datapath.server;

/** A {@code jvs-appctl} command refused its arguments; the message is what the user sees. */
public final class AppctlException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming what was wrong, without the program prefix */
    public AppctlException(String message) {
        super(message);
    }
}

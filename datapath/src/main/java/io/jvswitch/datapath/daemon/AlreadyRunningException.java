package io.jvswitch.datapath.daemon;

import java.io.IOException;

/** Another daemon holds the run directory; the message says which one and where. */
public final class AlreadyRunningException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message one line for the user */
    public AlreadyRunningException(String message) {
        super(message);
    }
}

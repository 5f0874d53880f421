package io.jvswitch.cli.common;

import java.nio.file.Path;

/** The daemon's socket could not be reached; {@link #reason()} is the system's word for why. */
public final class ConnectionFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path socket;
    private final String reason;

    /**
     * @param socket the socket tried
     * @param reason why it failed, as {@code strerror} says it ("No such file or directory")
     */
    public ConnectionFailedException(Path socket, String reason) {
        super(socket + ": " + reason);
        this.socket = socket;
        this.reason = reason;
    }

    /** The socket tried. */
    public Path socket() {
        return socket;
    }

    /** Why the connection failed ("Connection refused"). */
    public String reason() {
        return reason;
    }
}

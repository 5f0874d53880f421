package io.jvswitch.flowtable;

/** A flow-mod batch was rejected; nothing in it was applied. The message is one line naming the culprit. */
public final class FlowModException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A rejection with a one-line message. */
    public FlowModException(String message) {
        super(message);
    }
}

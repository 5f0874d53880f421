package io.jvswitch.flowtable.text;

/**
 * A flow text that cannot be accepted. The message is one line naming the culprit, in Open vSwitch's words
 * where Open vSwitch has them ({@code unknown keyword foo}), so a CLI prints it after {@code <prog>: }.
 */
public final class FlowSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An error with the given one-line message. */
    public FlowSyntaxException(String message) {
        super(message);
    }
}

package io.jvswitch.ovsdb.json;

/** Malformed JSON text; the message names what was wrong and where. */
public final class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a one-line message. */
    public JsonException(String message) {
        super(message);
    }
}

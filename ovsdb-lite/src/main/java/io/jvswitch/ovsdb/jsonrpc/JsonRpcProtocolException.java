package io.jvswitch.ovsdb.jsonrpc;

/** A peer broke JSON-RPC framing or message rules; the session closes, as OVS's does. */
public final class JsonRpcProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A violation described by {@code message}. */
    public JsonRpcProtocolException(String message) {
        super(message);
    }
}

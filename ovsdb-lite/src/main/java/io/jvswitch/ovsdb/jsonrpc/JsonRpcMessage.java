package io.jvswitch.ovsdb.jsonrpc;

import io.jvswitch.ovsdb.json.Json;
import java.util.Set;

/**
 * One JSON-RPC 1.0 message as Open vSwitch writes and accepts it (RFC 7047 §4): a request, a notification,
 * a reply or an error reply. Only the members {@code method}, {@code params}, {@code result}, {@code error} and
 * {@code id} exist; a message with any other member is invalid (OVS's client drops the connection for that, so
 * this server never writes one). A reply never carries {@code "result": null}: the client would take it for a
 * request without a method.
 *
 * @param kind   what the message is
 * @param method the method of a request or notification, else null
 * @param params the params array of a request or notification, else null
 * @param result the result of a reply, else null
 * @param error  the error of an error reply, else null
 * @param id     the id ({@link Json#NULL} for notifications)
 */
public record JsonRpcMessage(Kind kind, String method, Json.Arr params, Json result, Json error, Json id) {

    private static final Set<String> MEMBERS = Set.of("method", "params", "result", "error", "id");

    /** The four message kinds. */
    public enum Kind {
        /** A call expecting a reply. */
        REQUEST,
        /** A call without a reply. */
        NOTIFICATION,
        /** A successful reply. */
        REPLY,
        /** An error reply. */
        ERROR
    }

    /** A request {@code {"id":id,"method":method,"params":params}}. */
    public static JsonRpcMessage request(Json id, String method, Json.Arr params) {
        return new JsonRpcMessage(Kind.REQUEST, method, params, null, null, id);
    }

    /** A notification {@code {"id":null,"method":method,"params":params}}. */
    public static JsonRpcMessage notification(String method, Json.Arr params) {
        return new JsonRpcMessage(Kind.NOTIFICATION, method, params, null, null, Json.NULL);
    }

    /** A reply {@code {"id":id,"result":result,"error":null}}; {@code result} must not be JSON null. */
    public static JsonRpcMessage reply(Json id, Json result) {
        if (result == null || result == Json.NULL) {
            throw new IllegalArgumentException("a reply's result must not be null");
        }
        return new JsonRpcMessage(Kind.REPLY, null, null, result, null, id);
    }

    /** An error reply {@code {"id":id,"error":error}}. */
    public static JsonRpcMessage error(Json id, Json error) {
        return new JsonRpcMessage(Kind.ERROR, null, null, null, error, id);
    }

    /**
     * Classifies a received JSON value the way OVS's {@code jsonrpc_msg_from_json} does: a non-null
     * {@code result} makes a reply, else a non-null {@code error} an error reply, else a non-null {@code id} a
     * request, else a notification.
     *
     * @throws JsonRpcProtocolException when the value is not a valid message (the session must then close)
     */
    public static JsonRpcMessage fromJson(Json json) {
        if (!(json instanceof Json.Obj o)) {
            throw new JsonRpcProtocolException("message is not a JSON object");
        }
        for (String name : o.members().keySet()) {
            if (!MEMBERS.contains(name)) {
                throw new JsonRpcProtocolException("message has unexpected member \"" + name + "\"");
            }
        }
        Json id = nonNull(o.get("id"));
        Json result = nonNull(o.get("result"));
        Json error = nonNull(o.get("error"));
        Json method = nonNull(o.get("method"));
        Json params = nonNull(o.get("params"));
        if (result != null || error != null) {
            if (method != null || params != null) {
                throw new JsonRpcProtocolException("reply must not have \"method\" or \"params\"");
            }
            if (id == null) {
                throw new JsonRpcProtocolException("reply must have an \"id\"");
            }
            return result != null ? new JsonRpcMessage(Kind.REPLY, null, null, result, null, id)
                    : new JsonRpcMessage(Kind.ERROR, null, null, null, error, id);
        }
        if (!(method instanceof Json.Str m)) {
            throw new JsonRpcProtocolException("request must have a string \"method\"");
        }
        if (!(params instanceof Json.Arr p)) {
            throw new JsonRpcProtocolException("\"params\" must be an array");
        }
        return id != null ? new JsonRpcMessage(Kind.REQUEST, m.value(), p, null, null, id)
                : new JsonRpcMessage(Kind.NOTIFICATION, m.value(), p, null, null, Json.NULL);
    }

    private static Json nonNull(Json j) {
        return j == null || j == Json.NULL ? null : j;
    }

    /** The message as OVS writes it (members in ovsdb-server's order). */
    public Json toJson() {
        Json.ObjBuilder b = Json.object().put("id", id == null ? Json.NULL : id);
        switch (kind) {
            case REQUEST, NOTIFICATION -> b.put("method", method).put("params", params);
            case REPLY -> b.put("result", result).put("error", Json.NULL);
            case ERROR -> b.put("error", error);
            default -> throw new IllegalStateException(kind.toString());
        }
        return b.build();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}

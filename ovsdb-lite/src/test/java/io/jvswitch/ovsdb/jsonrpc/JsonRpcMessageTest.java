package io.jvswitch.ovsdb.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.json.JsonParser;
import org.junit.jupiter.api.Test;

class JsonRpcMessageTest {

    private static JsonRpcMessage msg(String text) {
        return JsonRpcMessage.fromJson(JsonParser.parse(text));
    }

    @Test
    void shouldClassifyMessagesWhenParsedAsOvsDoes() {
        assertThat(msg("{\"method\":\"echo\",\"params\":[],\"id\":1}").kind()).isEqualTo(JsonRpcMessage.Kind.REQUEST);
        assertThat(msg("{\"method\":\"update\",\"params\":[],\"id\":null}").kind())
                .isEqualTo(JsonRpcMessage.Kind.NOTIFICATION);
        assertThat(msg("{\"method\":\"update\",\"params\":[]}").kind()).isEqualTo(JsonRpcMessage.Kind.NOTIFICATION);
        assertThat(msg("{\"result\":{},\"error\":null,\"id\":1}").kind()).isEqualTo(JsonRpcMessage.Kind.REPLY);
        assertThat(msg("{\"result\":null,\"error\":\"x\",\"id\":1}").kind()).isEqualTo(JsonRpcMessage.Kind.ERROR);
    }

    @Test
    void shouldRejectMessageWhenMemberIsUnexpectedOrShapeWrong() {
        assertThatThrownBy(() -> msg("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[],\"id\":1}"))
                .isInstanceOf(JsonRpcProtocolException.class).hasMessageContaining("unexpected member \"jsonrpc\"");
        assertThatThrownBy(() -> msg("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> msg("{\"method\":\"echo\",\"params\":{},\"id\":1}"))
                .hasMessageContaining("must be an array");
        assertThatThrownBy(() -> msg("{\"params\":[],\"id\":1}")).hasMessageContaining("string \"method\"");
        assertThatThrownBy(() -> msg("{\"result\":1}")).hasMessageContaining("must have an \"id\"");
    }

    @Test
    void shouldWriteOvsdbServerShapesWhenEncoded() {
        assertThat(JsonRpcMessage.reply(Json.of(1), Json.emptyObject()).toString())
                .isEqualTo("{\"id\":1,\"result\":{},\"error\":null}");
        assertThat(JsonRpcMessage.error(Json.of(2), Json.of("unknown method")).toString())
                .isEqualTo("{\"id\":2,\"error\":\"unknown method\"}");
        assertThat(JsonRpcMessage.notification("update", Json.array(Json.NULL, Json.emptyObject())).toString())
                .isEqualTo("{\"id\":null,\"method\":\"update\",\"params\":[null,{}]}");
        assertThatThrownBy(() -> JsonRpcMessage.reply(Json.of(1), Json.NULL))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package io.jvswitch.ovsdb.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.json.JsonException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageFramerTest {

    private static List<Json> feed(MessageFramer f, String s) {
        return f.feed(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldSplitConcatenatedValuesWhenFedAtRandomBoundaries() {
        String stream = "{\"a\":\"}]\\\"{\"}[1,[2,{\"b\":[]}]] \n{\"c\":\"é€\"}";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        for (int round = 0; round < 200; round++) {
            MessageFramer f = new MessageFramer(1 << 10);
            List<Json> out = new ArrayList<>();
            int i = 0;
            while (i < bytes.length) {
                int n = 1 + rnd.nextInt(8);
                out.addAll(f.feed(ByteBuffer.wrap(bytes, i, Math.min(n, bytes.length - i))));
                i += n;
            }
            assertThat(out).as("seed " + seed).hasSize(3);
            assertThat(out.get(0).toString()).as("seed " + seed).isEqualTo("{\"a\":\"}]\\\"{\"}");
            assertThat(out.get(2).toString()).as("seed " + seed).isEqualTo("{\"c\":\"é€\"}");
            assertThat(f.hasPartialMessage()).isFalse();
        }
    }

    @Test
    void shouldFailAtOnceWhenBracketsMismatchOrTopLevelIsScalar() {
        assertThatThrownBy(() -> feed(new MessageFramer(100), "{\"a\":[}")).isInstanceOf(JsonException.class)
                .hasMessageContaining("'}' closes '['");
        assertThatThrownBy(() -> feed(new MessageFramer(100), "42")).hasMessageContaining("must start with");
        assertThatThrownBy(() -> feed(new MessageFramer(100), "{\"a\":1,}")).isInstanceOf(JsonException.class);
    }

    @Test
    void shouldRefuseMessageWhenLongerThanLimit() {
        MessageFramer f = new MessageFramer(16);
        assertThat(feed(f, "{\"a\":\"01234567\"}")).hasSize(1);
        assertThatThrownBy(() -> feed(f, "{\"a\":\"012345678\"}")).hasMessageContaining("longer than 16 bytes");
    }

    @Test
    void shouldKeepPartialMessageWhenIncomplete() {
        MessageFramer f = new MessageFramer(100);
        assertThat(feed(f, "{\"a\":")).isEmpty();
        assertThat(f.hasPartialMessage()).isTrue();
        assertThat(feed(f, "1}")).hasSize(1);
    }
}

package io.jvswitch.ovsdb.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonStreamParserTest {
    private static final String A = "{\"id\":1,\"method\":\"get_schema\",\"params\":[\"_Server\"]}";
    private static final String B = "{\"id\":2,\"method\":\"transact\",\"params\":[\"Open_vSwitch\","
            + "{\"op\":\"comment\","
            + "\"comment\":\"br\\\"ac}e{ \u00e9\u4e2d\ud83d\ude00\"}]}";
    private static final String C = "[1,[2,{\"x\":\"]\"}]]";

    @Test
    void shouldSplitConcatenatedMessagesWhenBytesArriveInRandomPieces() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        byte[] all = (A + B + "\n " + C + A).getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 200; round++) {
            JsonStreamParser p = new JsonStreamParser(1 << 16);
            List<Json> got = new ArrayList<>();
            int off = 0;
            while (off < all.length) {
                int n = 1 + rnd.nextInt(Math.min(40, all.length - off));
                got.addAll(p.feed(all, off, n));
                off += n;
            }
            assertThat(got).as("seed " + seed).containsExactly(JsonParser.parse(A), JsonParser.parse(B),
                    JsonParser.parse(C), JsonParser.parse(A));
            assertThat(p.hasPartialMessage()).isFalse();
        }
    }

    @Test
    void shouldRefuseOversizedMessagesWhenLimitIsReached() {
        JsonStreamParser p = new JsonStreamParser(32);
        byte[] big = ("{\"x\":\"" + "a".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> p.feed(big, 0, big.length)).hasMessageContaining("longer than 32 bytes");
        assertThatThrownBy(() -> p.feed(new byte[] {'{', '}'}, 0, 2)).hasMessageContaining("out of sync");
    }

    @Test
    void shouldRejectGarbageAndBadUtf8WhenParsing() {
        assertThatThrownBy(() -> new JsonStreamParser(1024).feed("hello".getBytes(StandardCharsets.US_ASCII), 0, 5))
                .isInstanceOf(JsonException.class);
        byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'};
        assertThatThrownBy(() -> new JsonStreamParser(1024).feed(bad, 0, bad.length)).hasMessageContaining("UTF-8");
        byte[] broken = "{\"a\":,}".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new JsonStreamParser(1024).feed(broken, 0, broken.length))
                .isInstanceOf(JsonException.class);
    }
}

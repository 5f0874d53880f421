package io.jvswitch.ovsdb.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonParserTest {

    @Test
    void shouldKeepIntegersAndRealsApartWhenParsingNumbers() {
        assertThat(JsonParser.parse("5")).isEqualTo(Json.of(5L));
        assertThat(JsonParser.parse("-0")).isEqualTo(Json.of(0L));
        assertThat(JsonParser.parse("5.0")).isEqualTo(Json.of(5.0));
        assertThat(JsonParser.parse("1e3")).isEqualTo(Json.of(1000.0));
        assertThat(JsonParser.parse("9223372036854775807")).isEqualTo(Json.of(Long.MAX_VALUE));
        assertThat(JsonParser.parse("9223372036854775808")).isInstanceOf(Json.Real.class);
    }

    @Test
    void shouldRoundTripOvsdbShapesWhenWritingCompactly() {
        String text = "[\"Open_vSwitch\",{\"op\":\"insert\",\"table\":\"Port\",\"row\":{\"name\":\"vnet0\","
                + "\"tag\":10,\"trunks\":[\"set\",[10,20]],\"other_config\":[\"map\",[[\"a\",\"b\\\"c\"]]],"
                + "\"interfaces\":[\"named-uuid\",\"row1\"]},\"uuid-name\":\"p\"},1.5,true,false,null]";
        Json v = JsonParser.parse(text);
        assertThat(v.toString()).isEqualTo(text);
        assertThat(((Json.Obj) ((Json.Arr) v).get(1)).members().keySet()).containsExactly("op", "table", "row",
                "uuid-name");
    }

    @Test
    void shouldDecodeEscapesAndSurrogatePairsWhenParsingStrings() {
        assertThat(JsonParser.parse("\"a\\u0041\\n\\/\\ud83d\\ude00\"")).isEqualTo(Json.of("aA\n/\ud83d\ude00"));
        assertThat(Json.of("\u0001\t\"\\").toString()).isEqualTo("\"\\u0001\\t\\\"\\\\\"");
    }

    @Test
    void shouldRejectMalformedTextWhenStrict() {
        String[] bad = {"", "[1,]", "{\"a\":1,}", "{\"a\":1,\"a\":2}", "01", "1.", "-", "[1 2]", "tru", "\"abc",
            "\"\\x\"", "\"\\ud800\"", "{a:1}", "[1]x", "\"a\nb\"", "nul", "1e", "[", "{\"a\"}"};
        for (String s : bad) {
            assertThatThrownBy(() -> JsonParser.parse(s)).as(s).isInstanceOf(JsonException.class);
        }
    }

    @Test
    void shouldRejectHostileNestingWhenTooDeep() {
        String deep = "[".repeat(JsonParser.MAX_DEPTH + 1) + "]".repeat(JsonParser.MAX_DEPTH + 1);
        assertThatThrownBy(() -> JsonParser.parse(deep)).hasMessageContaining("nesting");
        String ok = "[".repeat(JsonParser.MAX_DEPTH) + "]".repeat(JsonParser.MAX_DEPTH);
        assertThat(JsonParser.parse(ok)).isInstanceOf(Json.Arr.class);
    }

    @Test
    void shouldRoundTripRandomStringsWhenWrittenAndParsed() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(12);
            for (int j = 0; j < n; j++) {
                int cp = rnd.nextInt(4) == 0 ? rnd.nextInt(0x20) : rnd.nextInt(0x10FFFF);
                if (cp >= 0xD800 && cp <= 0xDFFF) {
                    cp = 'x';
                }
                sb.appendCodePoint(cp);
            }
            Json s = Json.of(sb.toString());
            assertThat(JsonParser.parse(s.toString())).as("seed " + seed).isEqualTo(s);
        }
    }

    @Test
    void shouldWriteRealsSoTheyReadBackAsReals() {
        assertThat(Json.of(2.0).toString()).isEqualTo("2.0");
        assertThat(JsonParser.parse(Json.of(0.1).toString())).isEqualTo(Json.of(0.1));
        assertThat(JsonParser.parse(Json.of(1e300).toString())).isEqualTo(Json.of(1e300));
    }
}

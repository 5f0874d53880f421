package io.jvswitch.ovsdb.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jvswitch.ovsdb.AtomicType;
import io.jvswitch.ovsdb.BaseType;
import io.jvswitch.ovsdb.ColumnType;
import io.jvswitch.ovsdb.Datum;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.TableSchema;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueParserTest {
    private final TableSchema port = Schema.vswitch().table("Port");
    private final ColumnType trunks = port.column("trunks").type();
    private final ColumnType tag = port.column("tag").type();
    private final ColumnType ids = port.column("external_ids").type();

    private String roundTrip(String text, ColumnType type) {
        return ValueParser.datum(text, type, new CtlSymbols()).toDisplayString(type);
    }

    @Test
    void shouldParseSetsWithBracketsCommasSpacesAndRanges() {
        assertThat(roundTrip("10,20", trunks)).isEqualTo("[10, 20]");
        assertThat(roundTrip("[20, 10]", trunks)).isEqualTo("[10, 20]");
        assertThat(roundTrip("[1 2]", trunks)).isEqualTo("[1, 2]");
        assertThat(roundTrip("5-7,9", trunks)).isEqualTo("[5, 6, 7, 9]");
        assertThat(roundTrip("[]", trunks)).isEqualTo("[]");
        assertThat(roundTrip("10", tag)).isEqualTo("10");
        assertThat(roundTrip("[]", tag)).isEqualTo("[]");
    }

    @Test
    void shouldParseMapsWithQuotedAndBareStrings() {
        assertThat(roundTrip("{a=b, c=\"d e\"}", ids)).isEqualTo("{a=b, c=\"d e\"}");
        assertThat(roundTrip("a=1", ids)).isEqualTo("{a=\"1\"}");
        assertThat(roundTrip("{}", ids)).isEqualTo("{}");
        assertThat(roundTrip("\"52:54:00:71:b1:b6\"=x", ids)).isEqualTo("{\"52:54:00:71:b1:b6\"=x}");
        BaseType string = BaseType.of(AtomicType.STRING);
        assertThat(ValueParser.atom("\"a\\\"b\"", string, null).asString()).isEqualTo("a\"b");
        assertThat(ValueParser.atom("a b", string, null).asString()).isEqualTo("a b");
    }

    @Test
    void shouldReportOvsTextsWhenValuesAreMalformed() {
        assertThatThrownBy(() -> roundTrip("3,3", trunks)).hasMessage("3,3: set contains duplicate value");
        assertThatThrownBy(() -> roundTrip("7-5", trunks))
                .hasMessage("\"7-5\" is not a valid range. Range end cannot be before start.");
        assertThatThrownBy(() -> roundTrip("x", tag)).hasMessage("\"x\" is not a valid integer or range");
        assertThatThrownBy(() -> roundTrip("[1,,2]", trunks))
                .hasMessage("[1,,2]: unexpected \",\" parsing set of up to 4096 integers");
        assertThatThrownBy(() -> roundTrip("{a}", ids)).hasMessage("a}: syntax error at \"}\" expecting \"=\"");
        assertThatThrownBy(() -> roundTrip("{a=1", ids)).hasMessage("{a=1: missing \"}\" at end of data");
        assertThatThrownBy(() -> roundTrip("[1,2] x", trunks)).hasMessage("[1,2] x: trailing garbage after \"]\"");
        assertThatThrownBy(() -> roundTrip("5000", tag))
                .hasMessage("constraint violation: 5000 is not in the valid range 0 to 4095 (inclusive)");
        assertThatThrownBy(() -> roundTrip("1 2", tag))
                .hasMessage("1 2: 2 value(s) specified but the maximum number is 1");
    }

    @Test
    void shouldPrintWhatItParsesWhenGivenRandomStringMaps() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        String alphabet = "ab_-.:9 \"=,{}[]\\é";
        for (int n = 0; n < 500; n++) {
            StringBuilder k = new StringBuilder("k");
            StringBuilder v = new StringBuilder();
            for (int i = rnd.nextInt(6); i > 0; i--) {
                k.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                v.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            Datum d = Datum.stringMap(Map.of(k.toString(), v.toString()));
            String printed = d.toDisplayString(ids);
            assertThat(ValueParser.datum(printed, ids, null)).as("seed %d: %s", seed, printed).isEqualTo(d);
        }
    }
}

package io.jvswitch.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.json.JsonParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DatumTest {
    private static final ColumnType INT_SET = ColumnType.set(BaseType.of(AtomicType.INTEGER), 0, ColumnType.UNLIMITED);
    private static final ColumnType STR_MAP =
            ColumnType.map(BaseType.of(AtomicType.STRING), BaseType.of(AtomicType.STRING), 0, ColumnType.UNLIMITED);

    @Test
    void shouldFormatAndParseUuidsWhenRoundTripping() {
        Uuid u = Uuid.random();
        assertThat(Uuid.parse(u.toString())).isEqualTo(u);
        assertThat(u.toString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(Uuid.parse("00000000-0000-0000-0000-000000000001")).isEqualTo(Uuid.of(0, 1));
        assertThatThrownBy(() -> Uuid.parse("not-a-uuid")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldOrderUuidsLikeTheirTextWhenSorting() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        List<Uuid> l = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            l.add(Uuid.of(rnd.nextLong(), rnd.nextLong()));
        }
        List<Uuid> byValue = new ArrayList<>(l);
        Collections.sort(byValue);
        List<Uuid> byText = new ArrayList<>(l);
        byText.sort((a, b) -> a.toString().compareTo(b.toString()));
        assertThat(byValue).as("seed " + seed).isEqualTo(byText);
    }

    @Test
    void shouldOrderAtomsAsOvsdbWhenBuildingSets() {
        Datum d = Datum.set(Atom.integer(20), Atom.integer(-3), Atom.integer(10), Atom.integer(20));
        assertThat(d.keys()).containsExactly(Atom.integer(-3), Atom.integer(10), Atom.integer(20));
        Datum s = Datum.set(Atom.string("b"), Atom.string("B"), Atom.string("\u00e9"), Atom.string("a"),
                Atom.string("\ud83d\ude00"), Atom.string("\uffee"));
        assertThat(s.keys()).extracting(Atom::asString)
                .containsExactly("B", "a", "b", "\u00e9", "\uffee", "\ud83d\ude00");
        assertThat(Datum.set(Atom.bool(true), Atom.bool(false)).keys()).containsExactly(Atom.bool(false),
                Atom.bool(true));
    }

    @Test
    void shouldEncodeSetsMapsAndScalarsAsOvsdbServerDoes() {
        assertThat(Datum.scalar(Atom.integer(10)).toJson().toString()).isEqualTo("10");
        assertThat(Datum.emptySet().toJson().toString()).isEqualTo("[\"set\",[]]");
        assertThat(Datum.set(Atom.integer(20), Atom.integer(10)).toJson().toString())
                .isEqualTo("[\"set\",[10,20]]");
        assertThat(Datum.stringMap(Map.of("b", "2", "a", "1")).toJson().toString())
                .isEqualTo("[\"map\",[[\"a\",\"1\"],[\"b\",\"2\"]]]");
        Uuid u = Uuid.parse("698cee1a-0000-4000-8000-000000000001");
        assertThat(Datum.scalar(Atom.uuid(u)).toJson().toString())
                .isEqualTo("[\"uuid\",\"698cee1a-0000-4000-8000-000000000001\"]");
    }

    @Test
    void shouldAcceptBareAtomAndSetFormWhenParsingSetColumns() {
        assertThat(Datum.fromJson(Json.of(5L), INT_SET, null)).isEqualTo(Datum.scalar(Atom.integer(5)));
        assertThat(Datum.fromJson(JsonParser.parse("[\"set\",[3,1]]"), INT_SET, null))
                .isEqualTo(Datum.set(Atom.integer(1), Atom.integer(3)));
        Uuid named = Uuid.random();
        ColumnType refs = ColumnType.set(BaseType.builder(AtomicType.UUID).ref("Port", RefType.STRONG).build(), 0,
                ColumnType.UNLIMITED);
        Datum d = Datum.fromJson(JsonParser.parse("[\"set\",[[\"named-uuid\",\"p1\"]]]"), refs, n -> named);
        assertThat(d.first().asUuid()).isEqualTo(named);
    }

    @Test
    void shouldRejectWrongShapesWhenParsing() {
        assertThatThrownBy(() -> Datum.fromJson(Json.of("x"), INT_SET, null))
                .hasMessageContaining("expected integer");
        assertThatThrownBy(() -> Datum.fromJson(JsonParser.parse("[\"set\",[1,1]]"), INT_SET, null))
                .hasMessageContaining("duplicate");
        assertThatThrownBy(() -> Datum.fromJson(JsonParser.parse("[\"map\",[[\"a\",\"1\"],[\"a\",\"2\"]]]"),
                STR_MAP, null)).hasMessageContaining("duplicate key");
        ColumnType oneOrMore = ColumnType.set(BaseType.of(AtomicType.STRING), 1, ColumnType.UNLIMITED);
        assertThatThrownBy(() -> Datum.fromJson(JsonParser.parse("[\"set\",[]]"), oneOrMore, null))
                .isInstanceOfSatisfying(OvsdbException.class, e -> {
                    assertThat(e.error()).isEqualTo("syntax error");
                    assertThat(e.details()).isEqualTo("set must have 1 to 4294967295 members but 0 are present");
                });
        assertThatThrownBy(() -> Datum.fromJson(JsonParser.parse("[\"named-uuid\",\"x\"]"),
                ColumnType.scalar(BaseType.of(AtomicType.UUID)), null)).hasMessageContaining("named-uuid");
    }

    @Test
    void shouldReportOvsWordingWhenConstraintsFail() {
        TableSchema port = Schema.vswitch().table("Port");
        assertThatThrownBy(() -> Datum.fromJson(Json.of(5000L), port.column("tag").type(), null))
                .isInstanceOfSatisfying(OvsdbException.class, e -> {
                    assertThat(e.error()).isEqualTo("constraint violation");
                    assertThat(e.details()).isEqualTo("5000 is not in the valid range 0 to 4095 (inclusive)");
                });
        assertThatThrownBy(() -> Datum.fromJson(Json.of("bogus"), port.column("vlan_mode").type(), null))
                .hasMessageContaining("bogus is not one of the allowed values "
                        + "([access, dot1q-tunnel, native-tagged, native-untagged, trunk])");
        ColumnType mtu = Schema.vswitch().table("Interface").column("mtu_request").type();
        assertThatThrownBy(() -> Datum.fromJson(Json.of(0L), mtu, null))
                .hasMessageContaining("0 is less than minimum allowed value 1");
    }

    @Test
    void shouldMergeMapsWithoutOverwritingWhenUnioning() {
        Datum m = Datum.stringMap(Map.of("a", "1"));
        assertThat(m.union(Datum.stringMap(Map.of("a", "9", "b", "2"))).toStringMap())
                .containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        Datum two = Datum.stringMap(Map.of("a", "1", "b", "2"));
        assertThat(two.minus(Datum.set(Atom.string("a"))).toStringMap()).containsOnlyKeys("b");
        assertThat(two.minus(Datum.stringMap(Map.of("a", "other"))).toStringMap()).containsOnlyKeys("a", "b");
        assertThat(two.minus(Datum.stringMap(Map.of("a", "1"))).toStringMap()).containsOnlyKeys("b");
    }

    @Test
    void shouldPrintLikeOvsVsctlWhenDisplaying() {
        TableSchema port = Schema.vswitch().table("Port");
        assertThat(Datum.scalar(Atom.integer(10)).toDisplayString(port.column("tag").type())).isEqualTo("10");
        assertThat(Datum.emptySet().toDisplayString(port.column("tag").type())).isEqualTo("[]");
        assertThat(Datum.set(Atom.integer(30), Atom.integer(40)).toDisplayString(port.column("trunks").type()))
                .isEqualTo("[30, 40]");
        assertThat(Datum.stringMap(Map.of("iface-status", "active", "attached-mac", "52:54:00:71:b1:b6"))
                .toDisplayString(port.column("external_ids").type()))
                .isEqualTo("{attached-mac=\"52:54:00:71:b1:b6\", iface-status=active}");
        assertThat(Atom.string("tap1.0").toDisplayString()).isEqualTo("tap1.0");
        assertThat(Atom.string("0000ea7bc7ef1147").toDisplayString()).isEqualTo("\"0000ea7bc7ef1147\"");
        assertThat(Atom.string("true").toDisplayString()).isEqualTo("\"true\"");
        assertThat(Atom.string("").toDisplayString()).isEqualTo("\"\"");
        assertThat(Atom.real(1.5).toDisplayString()).isEqualTo("1.5");
        assertThat(Atom.real(2).toDisplayString()).isEqualTo("2");
    }
}

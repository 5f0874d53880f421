package io.jvswitch.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jvswitch.ovsdb.json.JsonParser;
import org.junit.jupiter.api.Test;

class SchemaTest {

    @Test
    void shouldDescribeOpenVswitchTablesWhenLoadingTheShippedSchema() {
        Schema s = Schema.vswitch();
        assertThat(s.name()).isEqualTo("Open_vSwitch");
        assertThat(s.version()).isEqualTo("8.3.1");
        assertThat(s.tables()).extracting(TableSchema::name).contains("Open_vSwitch", "Bridge", "Port",
                "Interface", "sFlow", "QoS", "Queue", "Mirror", "NetFlow", "Controller", "Manager");
        assertThat(s.isRoot(s.table("Open_vSwitch"))).isTrue();
        assertThat(s.isRoot(s.table("QoS"))).isTrue();
        assertThat(s.isRoot(s.table("Bridge"))).isFalse();
        assertThat(s.table("Open_vSwitch").maxRows()).isEqualTo(1);
        assertThat(s.table("Bridge").indexes()).hasSize(1);
        ColumnSchema name = s.table("Bridge").column("name");
        assertThat(name.isMutable()).isFalse();
        ColumnType ports = s.table("Bridge").column("ports").type();
        assertThat(ports.key().refTable()).isEqualTo("Port");
        assertThat(ports.key().refType()).isEqualTo(RefType.STRONG);
        assertThat(s.table("Mirror").column("select_src_port").type().key().refType()).isEqualTo(RefType.WEAK);
        assertThat(s.table("Interface").column("statistics").isEphemeral()).isTrue();
        assertThat(s.table("sFlow").column("targets").type().min()).isEqualTo(1);
        assertThat(s.table("QoS").column("queues").type().isMap()).isTrue();
        assertThat(s.table("Port").columns()).extracting(ColumnSchema::name).isSorted();
    }

    @Test
    void shouldRoundTripWhenPrintedAndParsedAgain() {
        Schema s = Schema.vswitch();
        Schema again = Schema.parse(s.toJson().toString());
        assertThat(again.toJson()).isEqualTo(s.toJson());
    }

    @Test
    void shouldTreatEveryTableAsRootWhenNoneIsMarked() {
        Schema s = Schema.fromJson(JsonParser.parse("{\"name\":\"t\",\"version\":\"1.0.0\",\"tables\":{"
                + "\"A\":{\"columns\":{\"b\":{\"type\":{\"key\":{\"type\":\"uuid\",\"refTable\":\"B\"}}}}},"
                + "\"B\":{\"columns\":{\"x\":{\"type\":\"integer\"}}}}}"));
        assertThat(s.isRoot(s.table("A"))).isTrue();
        assertThat(s.isRoot(s.table("B"))).isTrue();
    }

    @Test
    void shouldRejectBadSchemasWhenParsing() {
        assertThatThrownBy(() -> Schema.parse("{\"name\":\"t\",\"tables\":{\"A\":{\"columns\":{"
                + "\"r\":{\"type\":{\"key\":{\"type\":\"uuid\",\"refTable\":\"Nope\"}}}}}}}"))
                .hasMessageContaining("undefined table Nope");
        assertThatThrownBy(() -> Schema.parse("{\"name\":\"t\",\"tables\":{\"A\":{\"columns\":{"
                + "\"r\":{\"type\":\"float\"}}}}}")).hasMessageContaining("unknown atomic type");
        assertThatThrownBy(() -> Schema.parse("{\"name\":\"t\",\"tables\":{\"A\":{\"columns\":{"
                + "\"_r\":{\"type\":\"integer\"}}}}}")).hasMessageContaining("invalid column name");
    }
}

package io.jvswitch.ovsdb.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.TableSchema;
import org.junit.jupiter.api.Test;

class NameMatcherTest {
    private final Schema schema = Schema.vswitch();

    @Test
    void shouldMatchTablesCaseInsensitivelyAndByUniquePrefix() {
        assertThat(NameMatcher.table(schema, "Interface").name()).isEqualTo("Interface");
        assertThat(NameMatcher.table(schema, "interface").name()).isEqualTo("Interface");
        assertThat(NameMatcher.table(schema, "b").name()).isEqualTo("Bridge");
        assertThat(NameMatcher.table(schema, "o").name()).isEqualTo("Open_vSwitch");
        assertThat(NameMatcher.table(schema, "open-vswitch").name()).isEqualTo("Open_vSwitch");
        assertThat(NameMatcher.table(schema, "sflow").name()).isEqualTo("sFlow");
        assertThat(NameMatcher.table(schema, "qos").name()).isEqualTo("QoS");
    }

    @Test
    void shouldFailWhenTableUnknownOrAmbiguous() {
        assertThatThrownBy(() -> NameMatcher.table(schema, "interx")).hasMessage("unknown table \"interx\"");
        assertThatThrownBy(() -> NameMatcher.table(schema, "M"))
                .hasMessage("\"M\" matches multiple table names: Manager, Mirror");
    }

    @Test
    void shouldPreferExactThenFoldedThenLongestPrefixWhenMatchingColumns() {
        TableSchema port = schema.table("Port");
        assertThat(NameMatcher.column(port, "trunk").name()).isEqualTo("trunks");
        assertThat(NameMatcher.column(port, "external-ids").name()).isEqualTo("external_ids");
        assertThat(NameMatcher.column(port, "TAG").name()).isEqualTo("tag");
        TableSchema iface = schema.table("Interface");
        assertThat(NameMatcher.column(iface, "mac").name()).as("exact beats prefix of mac_in_use").isEqualTo("mac");
        assertThat(NameMatcher.column(iface, "ofport").name()).isEqualTo("ofport");
        assertThat(NameMatcher.columnOrUuid(iface, "_UUID")).isSameAs(TableSchema.UUID_COLUMN);
        assertThatThrownBy(() -> NameMatcher.column(iface, "_uuid"))
                .hasMessage("Interface does not contain a column whose name matches \"_uuid\"");
        assertThatThrownBy(() -> NameMatcher.column(schema.table("Bridge"), "d")).hasMessage("Bridge contains more "
                + "than one column whose name matches \"d\": datapath_id, datapath_type, datapath_version");
    }
}

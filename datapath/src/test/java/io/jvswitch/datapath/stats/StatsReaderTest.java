package io.jvswitch.datapath.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatsReaderTest {
    @Test
    void shouldSumAcrossPmdsAndKeepTotalsWhenPmdRemoved() {
        PmdStats a = new PmdStats(0, 4);
        PmdStats b = new PmdStats(1, 4);
        StatsReader reader = new StatsReader();
        reader.register(a);
        reader.register(b);
        a.add(DatapathCounter.RX, 5);
        b.add(DatapathCounter.RX, 7);
        a.drop(DropReason.VLAN_FILTERED);
        b.drop(DropReason.VLAN_FILTERED, 2);
        a.addPort(2, PortCounter.RX_BYTES, 100);
        b.addPort(2, PortCounter.RX_BYTES, 50);
        b.addPort(9, PortCounter.RX_BYTES, 50);

        assertThat(reader.get(DatapathCounter.RX)).isEqualTo(12);
        assertThat(reader.get(DropReason.VLAN_FILTERED)).isEqualTo(3);
        assertThat(reader.get(DatapathCounter.DROP)).isEqualTo(3);
        assertThat(reader.getPort(2, PortCounter.RX_BYTES)).isEqualTo(150);
        assertThat(reader.getPort(9, PortCounter.RX_BYTES)).isZero();

        reader.unregister(b);
        assertThat(reader.get(DatapathCounter.RX)).isEqualTo(12);
        assertThat(reader.pmdCount()).isEqualTo(1);
    }

    @Test
    void shouldHaveDenseIdsWhenEnumsListed() {
        for (DatapathCounter c : DatapathCounter.values()) {
            assertThat(DatapathCounter.byId(c.id())).isSameAs(c);
        }
        for (DropReason r : DropReason.values()) {
            assertThat(DropReason.byId(r.id())).isSameAs(r);
        }
        for (PortCounter p : PortCounter.values()) {
            assertThat(PortCounter.byId(p.id())).isSameAs(p);
        }
    }
}

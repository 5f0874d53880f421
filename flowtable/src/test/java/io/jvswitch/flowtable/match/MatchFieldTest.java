package io.jvswitch.flowtable.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MatchFieldTest {

    @Test
    void shouldNeverOverlapWhenFieldsOwnTheirStorage() {
        for (MatchField a : MatchField.values()) {
            for (MatchField b : MatchField.values()) {
                if (a == b || a.isAlias() || b.isAlias()) {
                    continue;
                }
                boolean sameWord = a.word() == b.word() || (a.is128() && a.word() + 1 == b.word())
                        || (b.is128() && b.word() + 1 == a.word());
                if (sameWord && !a.is128() && !b.is128()) {
                    assertThat(a.wordMask() & b.wordMask()).as("%s vs %s", a, b).isZero();
                } else {
                    assertThat(sameWord).as("%s vs %s", a, b).isFalse();
                }
            }
        }
    }

    @Test
    void shouldLiveInsideOwnerWhenAlias() {
        for (MatchField f : MatchField.values()) {
            if (f.isAlias()) {
                assertThat(f.word()).isEqualTo(f.storage().word());
                assertThat(f.storage().isAlias()).isFalse();
                if (f != MatchField.IP_DSCP && f != MatchField.NW_ECN) {
                    assertThat(f.wordMask() & ~f.storage().wordMask()).as(f.name()).isZero();
                }
            }
            assertThat(f.word()).isBetween(0, FlowKey.WORDS - (f.is128() ? 2 : 1));
            assertThat(MatchField.byName(f.ovsName())).isSameAs(f);
        }
    }

    @Test
    void shouldDescribePrerequisitesForErrorMessages() {
        assertThat(MatchField.TP_DST.prerequisite().description()).contains("tcp, udp or sctp");
        assertThat(MatchField.ARP_SPA.prerequisite().description()).isEqualTo("arp or rarp (dl_type=0x0806/0x8035)");
        assertThat(MatchField.IN_PORT.prerequisite().isNone()).isTrue();
        assertThat(MatchField.DL_VLAN.maxValue()).isEqualTo(0xffff);
        assertThat(MatchField.TCP_FLAGS.maxValue()).isEqualTo(0xfff);
    }
}

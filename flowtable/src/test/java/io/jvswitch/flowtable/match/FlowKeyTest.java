package io.jvswitch.flowtable.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlowKeyTest {

    @Test
    void shouldKeepFieldsApartWhenSharingWords() {
        FlowKey k = new FlowKey().inPort(0xfffe).dlType(0x86dd).vlanTci(0x100a)
                .dlSrc(0xaabbccddeeffL).tpSrc(443).dlDst(0x112233445566L).tpDst(8080)
                .nwSrc(0xc0a80001).nwDst(0xffffffff).nwProto(6).nwTosByte(0xb9).nwTtl(64).nwFrag(3)
                .ipv6Label(0xfffff).tcpFlags(0x12).arpSha(0x1L).arpTha(0xffffffffffffL);
        assertThat(k.inPort()).isEqualTo(0xfffe);
        assertThat(k.dlType()).isEqualTo(0x86dd);
        assertThat(k.vlanTci()).isEqualTo(0x100a);
        assertThat(k.dlSrc()).isEqualTo(0xaabbccddeeffL);
        assertThat(k.tpSrc()).isEqualTo(443);
        assertThat(k.dlDst()).isEqualTo(0x112233445566L);
        assertThat(k.tpDst()).isEqualTo(8080);
        assertThat(k.nwSrc()).isEqualTo(0xc0a80001);
        assertThat(k.nwDst()).isEqualTo(0xffffffff);
        assertThat(k.nwProto()).isEqualTo(6);
        assertThat(k.nwTosByte()).isEqualTo(0xb9);
        assertThat(k.nwTtl()).isEqualTo(64);
        assertThat(k.nwFrag()).isEqualTo(3);
        assertThat(k.ipv6Label()).isEqualTo(0xfffff);
        assertThat(k.tcpFlags()).isEqualTo(0x12);
        assertThat(k.arpSha()).isEqualTo(1L);
        assertThat(k.arpTha()).isEqualTo(0xffffffffffffL);
    }

    @Test
    void shouldAgreeWithTypedAccessorsWhenReadGenerically() {
        FlowKey k = new FlowKey().nwTosByte(0xb9).vlanTci(0x700a | 0x1000).tpSrc(135);
        assertThat(k.get(MatchField.NW_TOS)).isEqualTo(0xb8);
        assertThat(k.get(MatchField.NW_ECN)).isEqualTo(1);
        assertThat(k.get(MatchField.IP_DSCP)).isEqualTo(0xb9 >> 2);
        assertThat(k.get(MatchField.DL_VLAN)).isEqualTo(10);
        assertThat(k.get(MatchField.DL_VLAN_PCP)).isEqualTo(3);
        assertThat(k.get(MatchField.ICMPV6_TYPE)).isEqualTo(135);
        FlowKey g = new FlowKey().set(MatchField.DL_VLAN, 10);
        assertThat(g.vlanTci()).isEqualTo(0x100a);
    }

    @Test
    void shouldResetEverythingWhenCleared() {
        FlowKey k = new FlowKey().inPort(3).addFlags(FlowKey.FLAG_TRUNCATED).l3Offset(14).innerVlanTci(5);
        FlowKey copy = new FlowKey().copyFrom(k);
        assertThat(copy.sameFields(k)).isTrue();
        assertThat(copy.hash()).isEqualTo(k.hash());
        k.clear();
        assertThat(k.sameFields(new FlowKey())).isTrue();
        assertThat(k.flags()).isZero();
        assertThat(k.l3Offset()).isEqualTo(-1);
        assertThat(copy.isTruncated()).isTrue();
    }
}

package io.jvswitch.flowtable.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MatchTest {

    private static final int IP_10_0_0_1 = 0x0a000001;

    @Test
    void shouldMatchKeyWhenMaskedFieldsAgree() {
        Match m = Match.builder().dlType(0x0800).nwSrc(0x0a000000, 8).build();
        FlowKey key = new FlowKey().dlType(0x0800).nwSrc(IP_10_0_0_1).tpDst(80);
        assertThat(m.matches(key)).isTrue();
        key.nwSrc(0x0b000001);
        assertThat(m.matches(key)).isFalse();
    }

    @Test
    void shouldNormalizeValueUnderMaskWhenBuilt() {
        Match a = Match.builder().dlType(0x0800).nwSrc(IP_10_0_0_1, 8).build();
        Match b = Match.builder().dlType(0x0800).nwSrc(0x0a000000, 8).build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.value(MatchField.NW_SRC)).isEqualTo(0x0a000000L);
        assertThat(a.mask(MatchField.NW_SRC)).isEqualTo(0xff000000L);
    }

    @Test
    void shouldDropEcnBitsWhenNwTosIsSet() {
        Match m = Match.builder().dlType(0x0800).set(MatchField.NW_TOS, 17).build();
        assertThat(m.value(MatchField.NW_TOS)).isEqualTo(16);
        assertThat(m.isExact(MatchField.NW_TOS)).isTrue();
        assertThat(m.isWildcarded(MatchField.NW_ECN)).isTrue();
        FlowKey key = new FlowKey().dlType(0x0800).nwTosByte(0x13);
        assertThat(m.matches(key)).isTrue();
    }

    @Test
    void shouldExpressDlVlanAsVlanTciWithPresentBit() {
        Match m = Match.builder().dlVlan(10).build();
        assertThat(m.value(MatchField.VLAN_TCI)).isEqualTo(0x100a);
        assertThat(m.mask(MatchField.VLAN_TCI)).isEqualTo(0x1fff);
        Match both = Match.builder().dlVlan(10).dlVlanPcp(3).build();
        assertThat(both.value(MatchField.VLAN_TCI)).isEqualTo(0x700a | 0x1000);
        assertThat(both.mask(MatchField.VLAN_TCI)).isEqualTo(0xffff);
        Match none = Match.builder().dlVlan(0xffff).build();
        assertThat(none.value(MatchField.VLAN_TCI)).isZero();
        assertThat(none.mask(MatchField.VLAN_TCI)).isEqualTo(0xffff);
        assertThat(m.matches(new FlowKey().vlanTci(0x100a | 0x2000))).isTrue();
        assertThat(m.matches(new FlowKey().vlanTci(0))).isFalse();
    }

    @Test
    void shouldRejectOutOfRangeValueWhenSet() {
        assertThatThrownBy(() -> Match.builder().dlVlan(5000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dl_vlan");
        assertThatThrownBy(() -> Match.builder().set(MatchField.NW_PROTO, 256))
                .hasMessageContaining("nw_proto");
    }

    @Test
    void shouldRejectMaskWhenFieldIsNotMaskable() {
        assertThatThrownBy(() -> Match.builder().setMasked(MatchField.NW_PROTO, 6, 0x0f))
                .hasMessageContaining("nw_proto does not take a mask");
        Match m = Match.builder().setMasked(MatchField.TP_DST, 0x50, 0xfff0).build();
        assertThat(m.mask(MatchField.TP_DST)).isEqualTo(0xfff0);
    }

    @Test
    void shouldShareStorageWhenFieldsAreAliases() {
        Match arp = Match.builder().dlType(0x0806).set(MatchField.ARP_SPA, 0x0a000001L).build();
        assertThat(arp.value(MatchField.NW_SRC)).isEqualTo(0x0a000001L);
        Match icmp = Match.builder().dlType(0x0800).nwProto(1).set(MatchField.ICMP_TYPE, 8).build();
        assertThat(icmp.value(MatchField.TP_SRC)).isEqualTo(8);
        assertThat(icmp.isWildcarded(MatchField.TP_SRC)).isFalse();
    }

    @Test
    void shouldMatch128BitPrefixWhenIpv6() {
        Match m = Match.builder().dlType(0x86dd).setPrefix128(MatchField.IPV6_SRC, 0x20010db800000000L, 0, 32)
                .build();
        assertThat(m.maskHigh(MatchField.IPV6_SRC)).isEqualTo(0xffffffff00000000L);
        assertThat(m.maskLow(MatchField.IPV6_SRC)).isZero();
        FlowKey key = new FlowKey().dlType(0x86dd).set128(MatchField.IPV6_SRC, 0x20010db8abcd0000L, 5);
        assertThat(m.matches(key)).isTrue();
    }

    @Test
    void shouldReportMissingPrerequisiteWhenLowerLayerAbsent() {
        assertThat(Match.builder().nwSrc(IP_10_0_0_1, 32).build().firstFieldMissingPrerequisite())
                .isEqualTo(MatchField.NW_SRC);
        assertThat(Match.builder().dlType(0x0806).nwSrc(IP_10_0_0_1, 32).build().firstFieldMissingPrerequisite())
                .isNull();
        assertThat(Match.builder().dlType(0x0800).tpDst(80).build().firstFieldMissingPrerequisite())
                .isEqualTo(MatchField.TP_DST);
        assertThat(Match.builder().dlType(0x0800).nwProto(6).tpDst(80).build().firstFieldMissingPrerequisite())
                .isNull();
        Match icmp = Match.builder().dlType(0x0800).nwProto(1).set(MatchField.ICMP_TYPE, 8).build();
        assertThat(icmp.firstFieldMissingPrerequisite()).isNull();
        assertThat(MatchField.NW_SRC.prerequisite().description()).isEqualTo("ip or arp (dl_type=0x0800/0x0806)");
    }

    @Test
    void shouldRequireNeighbourDiscoveryWhenNdTargetSet() {
        Match.Builder b = Match.builder().dlType(0x86dd).nwProto(58).set128(MatchField.ND_TARGET, 1, 2);
        assertThat(b.build().firstFieldMissingPrerequisite()).isEqualTo(MatchField.ND_TARGET);
        b.set(MatchField.ICMPV6_TYPE, 135);
        assertThat(b.build().firstFieldMissingPrerequisite()).isNull();
    }

    @Test
    void shouldBeLooseMatchWhenAtLeastAsSpecific() {
        Match pattern = Match.builder().inPort(2).build();
        Match flow = Match.builder().inPort(2).dlType(0x0800).build();
        Match other = Match.builder().inPort(3).dlType(0x0800).build();
        Match wider = Match.builder().dlType(0x0800).build();
        assertThat(flow.isAtLeastAsSpecificAs(pattern)).isTrue();
        assertThat(other.isAtLeastAsSpecificAs(pattern)).isFalse();
        assertThat(wider.isAtLeastAsSpecificAs(pattern)).isFalse();
        assertThat(flow.isAtLeastAsSpecificAs(Match.CATCH_ALL)).isTrue();
        Match net8 = Match.builder().dlType(0x0800).nwSrc(0x0a000000, 8).build();
        Match net24 = Match.builder().dlType(0x0800).nwSrc(0x0a010200, 24).build();
        assertThat(net24.isAtLeastAsSpecificAs(net8)).isTrue();
        assertThat(net8.isAtLeastAsSpecificAs(net24)).isFalse();
    }

    @Test
    void shouldOverlapWhenSomePacketMatchesBoth() {
        Match a = Match.builder().inPort(1).build();
        Match b = Match.builder().dlType(0x0800).build();
        Match c = Match.builder().inPort(2).build();
        assertThat(a.overlaps(b)).isTrue();
        assertThat(a.overlaps(c)).isFalse();
    }

    @Test
    void shouldRoundTripThroughBuilderWhenCopied() {
        Match m = Match.builder().inPort(7).dlSrc(0x0102030405L, 0xffffff000000L).dlType(0x0800).build();
        assertThat(m.toBuilder().build()).isEqualTo(m);
        assertThat(m.toBuilder().wildcard(MatchField.IN_PORT).build().isWildcarded(MatchField.IN_PORT)).isTrue();
        assertThat(Match.ofWords(m.valueWords(), m.maskWords())).isEqualTo(m);
    }
}

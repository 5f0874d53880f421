package io.jvswitch.datapath.normal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.jvswitch.datapath.exec.OutputSink;
import io.jvswitch.datapath.packet.VlanTags;
import org.junit.jupiter.api.Test;

class VlanPolicyTest {
    private static final int UNTAGGED = VlanTags.NO_TAG;

    @Test
    void shouldResolveEmptyModeAsAccessWhenTagSetAndIgnoreTrunks() {
        PortVlanConfig c = PortVlanConfig.of(5, List.of(10, 20), null);
        assertThat(c.mode()).isEqualTo(VlanMode.ACCESS);
        assertThat(c.vlan()).isEqualTo(5);
        assertThat(c.includes(10)).isFalse();
    }

    @Test
    void shouldResolveEmptyModeAsTrunkWhenNoTag() {
        PortVlanConfig c = PortVlanConfig.of(null, List.of(), "");
        assertThat(c.mode()).isEqualTo(VlanMode.TRUNK);
        assertThat(c.includes(0)).isTrue();
        assertThat(c.includes(4095)).isTrue();
    }

    @Test
    void shouldDropTaggedFramesWhenAccessPortEvenWithOwnVid() {
        PortVlanConfig access = PortVlanConfig.access(5);
        assertThat(VlanPolicy.ingress(access, UNTAGGED)).isEqualTo(5);
        assertThat(VlanPolicy.ingress(access, VlanTags.tci(0, 5))).isEqualTo(VlanPolicy.DROP);
        assertThat(VlanPolicy.ingress(access, VlanTags.tci(3, 0))).isEqualTo(VlanTags.tci(3, 5));
    }

    @Test
    void shouldFilterVlansWhenTrunkListsThem() {
        PortVlanConfig trunk = PortVlanConfig.trunk(10, 20);
        assertThat(VlanPolicy.ingress(trunk, VlanTags.tci(2, 10))).isEqualTo(VlanTags.tci(2, 10));
        assertThat(VlanPolicy.ingress(trunk, 30)).isEqualTo(VlanPolicy.DROP);
        assertThat(VlanPolicy.ingress(trunk, UNTAGGED)).isEqualTo(VlanPolicy.DROP);
        assertThat(VlanPolicy.ingress(PortVlanConfig.trunk(0, 10), UNTAGGED)).isZero();
        assertThat(VlanPolicy.egress(trunk, 30)).isEqualTo(VlanPolicy.DROP);
        assertThat(VlanPolicy.egress(trunk, VlanTags.tci(2, 20))).isEqualTo(VlanTags.tci(2, 20));
    }

    @Test
    void shouldSendVlanZeroUntaggedUnlessPriorityWhenTrunk() {
        PortVlanConfig trunk = PortVlanConfig.trunk();
        assertThat(VlanPolicy.ingress(trunk, UNTAGGED)).isZero();
        assertThat(VlanPolicy.egress(trunk, 0)).isEqualTo(OutputSink.VLAN_UNTAGGED);
        assertThat(VlanPolicy.ingress(trunk, VlanTags.tci(0, 0))).isZero();
        assertThat(VlanPolicy.ingress(trunk, VlanTags.tci(3, 0))).isEqualTo(VlanTags.tci(3, 0));
        assertThat(VlanPolicy.egress(trunk, VlanTags.tci(3, 0))).isEqualTo(VlanTags.tci(3, 0));
    }

    @Test
    void shouldMapPriorityTaggedFrameToNativeVlanWhenNativePort() {
        PortVlanConfig c = PortVlanConfig.of(10, List.of(20), "native-untagged");
        assertThat(VlanPolicy.ingress(c, VlanTags.tci(4, 0))).isEqualTo(VlanTags.tci(4, 10));
        assertThat(VlanPolicy.egress(c, VlanTags.tci(6, 20))).isEqualTo(VlanTags.tci(6, 20));
        assertThat(c.includes(0)).isFalse();
    }

    @Test
    void shouldPutUntaggedInNativeVlanAndTagOnEgressWhenNativeTagged() {
        PortVlanConfig c = PortVlanConfig.of(7, List.of(10), "native-tagged");
        assertThat(VlanPolicy.ingress(c, UNTAGGED)).isEqualTo(7);
        assertThat(VlanPolicy.ingress(c, 10)).isEqualTo(10);
        assertThat(VlanPolicy.ingress(c, 7)).isEqualTo(7);
        assertThat(VlanPolicy.ingress(c, 11)).isEqualTo(VlanPolicy.DROP);
        assertThat(VlanPolicy.egress(c, 7)).isEqualTo(7);
        assertThat(VlanPolicy.egress(c, 10)).isEqualTo(10);
        assertThat(VlanPolicy.egress(c, 0)).isEqualTo(VlanPolicy.DROP);
    }

    @Test
    void shouldSendNativeVlanUntaggedWhenNativeUntagged() {
        PortVlanConfig c = PortVlanConfig.of(7, List.of(), "native-untagged");
        assertThat(VlanPolicy.ingress(c, UNTAGGED)).isEqualTo(7);
        assertThat(VlanPolicy.ingress(c, 99)).isEqualTo(99);
        assertThat(VlanPolicy.egress(c, VlanTags.tci(5, 7))).isEqualTo(OutputSink.VLAN_UNTAGGED);
        assertThat(VlanPolicy.egress(c, VlanTags.tci(5, 99))).isEqualTo(VlanTags.tci(5, 99));
    }

    @Test
    void shouldSendAccessVlanUntaggedAndDropOthersWhenAccessEgress() {
        PortVlanConfig access = PortVlanConfig.access(5);
        assertThat(VlanPolicy.egress(access, VlanTags.tci(6, 5))).isEqualTo(OutputSink.VLAN_UNTAGGED);
        assertThat(VlanPolicy.egress(access, 6)).isEqualTo(VlanPolicy.DROP);
    }

    @Test
    void shouldRejectWhenModeUnknownOrVlanOutOfRange() {
        assertThatThrownBy(() -> PortVlanConfig.of(null, List.of(), "dot1q-tunnel"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PortVlanConfig.access(4096)).isInstanceOf(IllegalArgumentException.class);
    }
}

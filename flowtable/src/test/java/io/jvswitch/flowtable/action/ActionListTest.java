package io.jvswitch.flowtable.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jvswitch.flowtable.OfPort;
import io.jvswitch.flowtable.match.MatchField;
import org.junit.jupiter.api.Test;

class ActionListTest {

    @Test
    void shouldBeDropWhenEmpty() {
        assertThat(ActionList.of()).isSameAs(ActionList.DROP);
        assertThat(ActionList.DROP.isDrop()).isTrue();
        assertThat(ActionList.DROP.toString()).isEqualTo("drop");
    }

    @Test
    void shouldFindOutputPortsWhenFilteringByOutPort() {
        ActionList list = ActionList.of(new Action.ModVlanVid(20), new Action.Output(3), Action.Normal.INSTANCE,
                new Action.Controller(Action.Controller.DEFAULT_MAX_LEN));
        assertThat(list.outputsTo(3)).isTrue();
        assertThat(list.outputsTo(OfPort.NORMAL)).isTrue();
        assertThat(list.outputsTo(OfPort.CONTROLLER)).isTrue();
        assertThat(list.outputsTo(4)).isFalse();
        assertThat(list.outputsTo(OfPort.NONE)).isTrue();
        assertThat(list.size()).isEqualTo(4);
        assertThat(list.get(1)).isEqualTo(new Action.Output(3));
    }

    @Test
    void shouldCompareByValueWhenEqual() {
        assertThat(ActionList.of(new Action.Output(1), new Action.Resubmit(OfPort.IN_PORT, 1)))
                .isEqualTo(ActionList.of(new Action.Output(1), new Action.Resubmit(OfPort.IN_PORT, 1)));
    }

    @Test
    void shouldMapReservedPortsToTheirRecordsWhenOutputIsBuiltFromANumber() {
        assertThat(Action.output(3)).isEqualTo(new Action.Output(3));
        assertThat(Action.output(OfPort.NORMAL)).isEqualTo(Action.Normal.INSTANCE);
        assertThat(Action.output(OfPort.LOCAL)).isEqualTo(Action.Local.INSTANCE);
        assertThat(Action.output(OfPort.CONTROLLER)).isEqualTo(new Action.Controller(65535));
        assertThat(Action.output(OfPort.IN_PORT).outputPort()).isEqualTo(OfPort.IN_PORT);
        assertThatThrownBy(() -> Action.output(OfPort.NONE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Action.output(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectInvalidActionWhenBuilt() {
        assertThatThrownBy(() -> new Action.Output(OfPort.LOCAL)).hasMessageContaining("output");
        assertThatThrownBy(() -> new Action.ModVlanVid(4096)).hasMessageContaining("mod_vlan_vid");
        assertThatThrownBy(() -> new Action.ModVlanPcp(8)).hasMessageContaining("mod_vlan_pcp");
        assertThatThrownBy(() -> new Action.PushVlan(0x0800)).hasMessageContaining("push_vlan");
        assertThatThrownBy(() -> new Action.GotoTable(255)).hasMessageContaining("goto_table");
        assertThatThrownBy(() -> Action.SetField.of(MatchField.TP_DST, 70000)).hasMessageContaining("tp_dst");
        assertThatThrownBy(() -> new Action.ModDlSrc(1L << 48)).hasMessageContaining("mod_dl_src");
    }
}

package io.jvswitch.flowtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jvswitch.flowtable.action.ActionList;
import io.jvswitch.flowtable.match.Match;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlowModTest {

    @Test
    void shouldRejectCookieMaskWhenAdding() {
        FlowRule rule = FlowRule.of(Match.CATCH_ALL, 1, ActionList.DROP);
        assertThatThrownBy(() -> FlowMod.add(rule).withCookieFilter(1, 1))
                .hasMessage("flow additions cannot use a cookie mask");
    }

    @Test
    void shouldRejectOutOfRangePriorityWhenBuildingRule() {
        assertThatThrownBy(() -> FlowRule.of(Match.CATCH_ALL, 70000, ActionList.DROP))
                .hasMessageContaining("priority 70000");
        assertThatThrownBy(() -> new FlowRule(Match.CATCH_ALL, 1, 255, 0, 0, 0, 0, Set.of(), ActionList.DROP))
                .hasMessageContaining("table");
    }

    @Test
    void shouldSelectCookieUnderMaskWhenFiltering() {
        FlowMod mod = FlowMod.delete(0, Match.CATCH_ALL).withCookieFilter(0x10, 0xf0);
        assertThat(mod.cookieSelects(0x1f)).isTrue();
        assertThat(mod.cookieSelects(0x2f)).isFalse();
        assertThat(FlowMod.delete(0, Match.CATCH_ALL).cookieSelects(0x1234)).isTrue();
    }

    @Test
    void shouldUseNewCookieWhenModifyAdds() {
        FlowMod mod = FlowMod.modify(0, Match.CATCH_ALL, ActionList.NORMAL).withNewCookie(7);
        assertThat(mod.newCookie()).isEqualTo(OptionalLong.of(7));
        assertThat(mod.toRule(0).cookie()).isEqualTo(7);
        assertThat(FlowRule.defaultNormal().priority()).isZero();
        assertThat(FlowRule.defaultNormal().actions()).isEqualTo(ActionList.NORMAL);
    }
}

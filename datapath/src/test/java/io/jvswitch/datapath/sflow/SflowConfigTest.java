package io.jvswitch.datapath.sflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class SflowConfigTest {
    @Test
    void shouldApplyOpenVswitchDefaultsWhenColumnsAreEmpty() {
        SflowConfig config = SflowConfig.fromColumns(null, List.of("127.0.0.1"), null, null, null, 0);
        assertThat(config.agent()).isEmpty();
        assertThat(config.headerLength()).isEqualTo(128);
        assertThat(config.samplingRate()).isEqualTo(400);
        assertThat(config.pollingInterval()).isEqualTo(30);
        assertThat(config.targets().get(0).address().getPort()).isEqualTo(6343);
    }

    @Test
    void shouldParseIpv4AndBracketedIpv6TargetsWithAndWithoutPort() throws Exception {
        assertThat(SflowTarget.parse("10.0.0.1:6344").address().getPort()).isEqualTo(6344);
        assertThat(SflowTarget.parse("10.0.0.1").address().getAddress())
            .isEqualTo(InetAddress.getByName("10.0.0.1"));
        SflowTarget v6 = SflowTarget.parse("[2001:db8::5]:7000");
        assertThat(v6.address().getAddress()).isEqualTo(InetAddress.getByName("2001:db8::5"));
        assertThat(v6.address().getPort()).isEqualTo(7000);
        assertThat(SflowTarget.parse("[::1]").address().getPort()).isEqualTo(6343);
        assertThat(SflowTarget.parse("10.0.0.1:6344").toString()).isEqualTo("10.0.0.1:6344");
    }

    @Test
    void shouldRejectBadTargetsWithOneLineMessage() {
        for (String bad : List.of("", "collector.example.com:6343", "10.0.0.1:0", "10.0.0.1:70000", "10.0.0.1:x",
            "10.0.0.256", "2001:db8::1", "[2001:db8::1", "[2001:db8::1]x", "[10.0.0.1]:6343", "10.0.0")) {
            assertThatThrownBy(() -> SflowTarget.parse(bad)).as(bad)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sFlow target \"" + bad + "\": ")
                .hasMessageNotContaining("\n");
        }
    }

    @Test
    void shouldRejectMissingTargetsAndOutOfRangeValues() {
        assertThatThrownBy(() -> SflowConfig.fromColumns("eth0", List.of(), null, null, null, 0))
            .hasMessage("sFlow: at least one target is required");
        assertThatThrownBy(() -> SflowConfig.withTargets("127.0.0.1").withHeaderLength(0))
            .hasMessageContaining("header 0");
        assertThatThrownBy(() -> SflowConfig.withTargets("127.0.0.1").withHeaderLength(5000))
            .hasMessageContaining("header 5000");
        assertThatThrownBy(() -> SflowConfig.withTargets("127.0.0.1").withSamplingRate(-1))
            .hasMessageContaining("sampling -1");
        assertThatThrownBy(() -> SflowConfig.withTargets("127.0.0.1").withPollingInterval(-5))
            .hasMessageContaining("polling -5");
    }

    @Test
    void shouldCompareByValueWhenSameColumns() {
        SflowConfig a = SflowConfig.fromColumns("eth1", List.of("127.0.0.1:6343"), 64, 64, 10, 1);
        SflowConfig b = SflowConfig.fromColumns("eth1", List.of("127.0.0.1:6343"), 64, 64, 10, 1);
        assertThat(a).isEqualTo(b);
        assertThat(a.withSamplingRate(1)).isNotEqualTo(b);
    }

    @Test
    void shouldChooseDeviceAddressThenLiteralThenRouteWhenResolvingAgent() throws Exception {
        List<SflowTarget> loopback = List.of(SflowTarget.parse("127.0.0.1:6343"));
        assertThat(AgentAddressResolver.resolve("lo", loopback)).contains(InetAddress.getByName("127.0.0.1"));
        assertThat(AgentAddressResolver.resolve("198.18.0.33", loopback))
            .contains(InetAddress.getByName("198.18.0.33"));
        assertThat(AgentAddressResolver.resolve("2001:db8::9", loopback))
            .contains(InetAddress.getByName("2001:db8::9"));
        assertThat(AgentAddressResolver.resolve("", loopback)).contains(InetAddress.getByName("127.0.0.1"));
        assertThat(AgentAddressResolver.resolve("no-such-dev0", loopback))
            .contains(InetAddress.getByName("127.0.0.1"));
        assertThat(AgentAddressResolver.resolve("", List.of(SflowTarget.parse("[::1]:6343"))))
            .contains(InetAddress.getByName("::1"));
    }
}

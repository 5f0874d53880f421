package io.jvswitch.cli.vsctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VsctlClientOptionsTest {

    @Test
    void shouldStripDbAndForwardEverythingElseWhenGlobalOptionsGiven() {
        VsctlClientOptions options = VsctlClientOptions.parse(List.of("--db=unix:/tmp/x.sock", "--oneline",
                "--format", "json", "--", "--if-exists", "del-port", "vnet0", "--", "add-port", "br0", "vnet0"));
        assertThat(options.dbSpec()).contains("unix:/tmp/x.sock");
        assertThat(options.forwarded()).containsExactly("--oneline", "--format", "json", "--", "--if-exists",
                "del-port", "vnet0", "--", "add-port", "br0", "vnet0");
    }

    @Test
    void shouldTakeTimeoutAndForwardItNormalizedWhenGivenInAnyForm() {
        assertThat(VsctlClientOptions.parse(List.of("--timeout=5", "show")).timeoutSeconds()).isEqualTo(5);
        VsctlClientOptions separate = VsctlClientOptions.parse(List.of("-t", "7", "--db", "unix:/s", "show"));
        assertThat(separate.timeoutSeconds()).isEqualTo(7);
        assertThat(separate.dbSpec()).contains("unix:/s");
        assertThat(separate.forwarded()).containsExactly("--timeout=7", "show");
        assertThat(VsctlClientOptions.parse(List.of("-t3", "show")).timeoutSeconds()).isEqualTo(3);
    }

    @Test
    void shouldRejectBadTimeoutWithOvsMessage() {
        assertThatThrownBy(() -> VsctlClientOptions.parse(List.of("--timeout=abc", "show")))
                .hasMessage("value abc on -t or --timeout is invalid");
        assertThatThrownBy(() -> VsctlClientOptions.parse(List.of("--db")))
                .hasMessage("option '--db' requires an argument");
    }

    @Test
    void shouldLeaveOptionsAfterFirstCommandAloneWhenTheyLookGlobal() {
        VsctlClientOptions options = VsctlClientOptions.parse(List.of("set", "Interface", "x", "--db=y", "--help"));
        assertThat(options.help()).isFalse();
        assertThat(options.dbSpec()).isEmpty();
        assertThat(options.forwarded()).containsExactly("set", "Interface", "x", "--db=y", "--help");
    }

    @Test
    void shouldAnswerHelpAndVersionLocallyWhenBeforeCommands() {
        assertThat(VsctlClientOptions.parse(List.of("--help")).help()).isTrue();
        assertThat(VsctlClientOptions.parse(List.of("-V")).version()).isTrue();
    }
}

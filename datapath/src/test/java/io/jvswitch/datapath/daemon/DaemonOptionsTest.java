package io.jvswitch.datapath.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonOptionsTest {

    private final DaemonLocations locations = DaemonLocations.fromEnvironment(
            Map.of("JVS_RUNDIR", "/tmp/r", "JVS_LOGDIR", "/tmp/l"));

    @Test
    void shouldUseDefaultsWhenEnvironmentEmpty() {
        DaemonLocations defaults = DaemonLocations.fromEnvironment(Map.of("JVS_DBDIR", ""));
        assertThat(defaults.socket()).isEqualTo(Path.of("/run/jvs/jvs.sock"));
        assertThat(defaults.databaseFile()).isEqualTo(Path.of("/var/lib/jvs/conf.db"));
        assertThat(defaults.defaultLogFile()).isEqualTo(Path.of("/var/log/jvs/jvs-vswitchd.log"));
    }

    @Test
    void shouldResolveRelativeFilesAgainstTheirDirectoriesWhenGiven() {
        DaemonOptions options = DaemonOptions.parse(List.of("--pidfile=x.pid", "--log-file=sub/y.log", "--detach"),
                locations);
        assertThat(options.pidFile()).contains(Path.of("/tmp/r/x.pid"));
        assertThat(options.logFile()).contains(Path.of("/tmp/l/sub/y.log"));
        assertThat(options.detach()).isTrue();
        assertThat(options.action()).isEqualTo(DaemonOptions.Action.RUN);
    }

    @Test
    void shouldUseDefaultFilesWhenOptionsHaveNoValue() {
        DaemonOptions options = DaemonOptions.parse(List.of("--pidfile", "--log-file", "--pidfile=/abs/p"), locations);
        assertThat(options.pidFile()).contains(Path.of("/abs/p"));
        assertThat(options.logFile()).contains(Path.of("/tmp/l/jvs-vswitchd.log"));
        assertThat(DaemonOptions.parse(List.of(), locations).pidFile()).isEmpty();
    }

    @Test
    void shouldRejectUnknownOptionAndStrayArgument() {
        assertThatThrownBy(() -> DaemonOptions.parse(List.of("--bogus"), locations))
                .hasMessage("unrecognized option '--bogus'");
        assertThatThrownBy(() -> DaemonOptions.parse(List.of("unix:/x"), locations))
                .hasMessage("unexpected argument 'unix:/x'");
        assertThatThrownBy(() -> DaemonOptions.parse(List.of("--detach=yes"), locations))
                .hasMessage("option '--detach' doesn't allow an argument");
    }
}

package io.jvswitch.datapath.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.jvswitch.datapath.daemon.VlogControl.Destination;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VlogControlTest {

    private final LoggerContext context = new LoggerContext();
    private final VlogControl vlog = new VlogControl(context,
            Map.of(Destination.CONSOLE, Level.OFF, Destination.FILE, Level.INFO),
            List.of("io.jvswitch.datapath.daemon", "io.jvswitch.ovsdb.journal"));

    @Test
    void shouldChangeOneDestinationOfOneModuleWhenSpecNamesBoth() {
        vlog.set("daemon:file:dbg");
        assertThat(vlog.levelFor(Destination.FILE, "io.jvswitch.datapath.daemon.Vswitchd")).isEqualTo(Level.DEBUG);
        assertThat(vlog.levelFor(Destination.CONSOLE, "io.jvswitch.datapath.daemon.Vswitchd")).isEqualTo(Level.OFF);
        assertThat(vlog.levelFor(Destination.FILE, "io.jvswitch.ovsdb.journal.Journal")).isEqualTo(Level.INFO);
        assertThat(context.getLogger("io.jvswitch.datapath.daemon.Vswitchd").getEffectiveLevel())
                .isEqualTo(Level.DEBUG);
    }

    @Test
    void shouldSetEveryModuleAndDestinationWhenSpecIsOnlyALevel() {
        vlog.set("daemon:file:dbg");
        vlog.set("warn");
        assertThat(vlog.levelFor(Destination.FILE, "io.jvswitch.datapath.daemon.X")).isEqualTo(Level.WARN);
        assertThat(vlog.levelFor(Destination.CONSOLE, "anything.Else")).isEqualTo(Level.WARN);
    }

    @Test
    void shouldDefaultToDebugWhenLevelMissing() {
        vlog.set("ovsdb.journal");
        assertThat(vlog.levelFor(Destination.CONSOLE, "io.jvswitch.ovsdb.journal.J")).isEqualTo(Level.DEBUG);
    }

    @Test
    void shouldRejectUnknownWordWithOvsMessage() {
        assertThatThrownBy(() -> vlog.set("bogus:info")).hasMessage("no destination, level, or module \"bogus\"");
    }

    @Test
    void shouldListModulesWithLevelsPerDestination() {
        vlog.set("journal:console:err");
        assertThat(vlog.list()).contains("console").contains("file")
                .containsPattern("ovsdb\\.journal +ERR +INFO\n")
                .containsPattern("datapath\\.daemon +OFF +INFO\n");
    }
}

package io.jvswitch.datapath.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jvswitch.datapath.server.AppctlHandler;
import io.jvswitch.datapath.server.CommandContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VswitchdTest {

    @TempDir
    Path dir;

    private final List<String> events = new ArrayList<>();

    private DaemonLocations locations() {
        return new DaemonLocations(dir.resolve("run"), dir.resolve("db"), dir.resolve("log"));
    }

    private DaemonComponent component(String name, boolean failStart) {
        return new DaemonComponent() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start(Vswitchd daemon) {
                events.add("start " + name + " socket=" + Files.exists(daemon.locations().socket()));
                if (failStart) {
                    throw new IllegalStateException(name + " broke");
                }
            }

            @Override
            public void close() {
                events.add("close " + name);
            }
        };
    }

    @Test
    void shouldStartComponentsBeforeSocketAndWritePidFileLast() throws Exception {
        Path pidFile = dir.resolve("run/jvs-vswitchd.pid");
        try (Vswitchd daemon = new Vswitchd(locations(), Optional.of(pidFile))) {
            daemon.add(component("store", false));
            daemon.add(component("datapath", false));
            daemon.start();
            assertThat(events).containsExactly("start store socket=false", "start datapath socket=false");
            assertThat(Files.readString(pidFile).trim()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThat(daemon.locations().socket()).exists();
            assertThat(dir.resolve("db")).isDirectory();
        }
        assertThat(events).endsWith("close datapath", "close store");
        assertThat(pidFile).doesNotExist();
        assertThat(dir.resolve("run/jvs.sock")).doesNotExist();
    }

    @Test
    void shouldRefuseSecondDaemonOnSameRunDirectory() throws Exception {
        try (Vswitchd first = new Vswitchd(locations(), Optional.empty())) {
            first.start();
            Vswitchd second = new Vswitchd(locations(), Optional.empty());
            assertThatThrownBy(second::start).isInstanceOf(AlreadyRunningException.class)
                    .hasMessageContaining("already running").hasMessageContaining(dir.resolve("run").toString());
            second.close();
            assertThat(first.locations().socket()).exists();
        }
        try (Vswitchd third = new Vswitchd(locations(), Optional.empty())) {
            third.start();
        }
    }

    @Test
    void shouldCloseStartedComponentsAndReleaseLockWhenAComponentFails() throws Exception {
        Vswitchd daemon = new Vswitchd(locations(), Optional.of(dir.resolve("run/p.pid")));
        daemon.add(component("store", false));
        daemon.add(component("datapath", true));
        assertThatThrownBy(daemon::start).hasMessage("datapath broke");
        assertThat(events).containsExactly("start store socket=false", "start datapath socket=false", "close store");
        assertThat(dir.resolve("run/p.pid")).doesNotExist();
        try (Vswitchd again = new Vswitchd(locations(), Optional.empty())) {
            again.start();
        }
    }

    @Test
    void shouldAnswerBuiltinAppctlCommandsAndStopWaitingWhenExitRequested() throws Exception {
        try (Vswitchd daemon = new Vswitchd(locations(), Optional.empty())) {
            BuiltinAppctlCommands.register(daemon, null);
            daemon.start();
            AppctlHandler appctl = daemon.appctl();
            assertThat(appctl.commandNames()).contains("version", "exit", "list-commands");
            assertThat(appctl.run(new CommandContext("appctl", List.of("version"),
                    "jvs-appctl", false, null)).stdout()).isEqualTo("jvs-vswitchd (jvswitch) 0.1.0\n");
            appctl.run(new CommandContext("appctl", List.of("exit"), "jvs-appctl",
                    false, null));
            daemon.awaitShutdownRequest();
        }
    }
}

package io.jvswitch.cli.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jvswitch.api.CommandRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlClientTest {

    @TempDir
    Path dir;

    @Test
    void shouldReportNoSuchFileWhenSocketMissing() {
        try (ControlClient client = new ControlClient(dir.resolve("jvs.sock"))) {
            assertThatThrownBy(() -> client.run(CommandRequest.getDefaultInstance(), 1000))
                    .isInstanceOfSatisfying(ConnectionFailedException.class,
                            e -> assertThat(e.reason()).isEqualTo("No such file or directory"));
        }
    }

    @Test
    void shouldReportConnectionRefusedWhenNothingListens() throws Exception {
        Path notASocket = Files.writeString(dir.resolve("jvs.sock"), "");
        try (ControlClient client = new ControlClient(notASocket)) {
            assertThatThrownBy(() -> client.run(CommandRequest.getDefaultInstance(), 5000))
                    .isInstanceOfSatisfying(ConnectionFailedException.class,
                            e -> assertThat(e.reason()).isEqualTo("Connection refused"));
        }
    }

    @Test
    void shouldFindSocketFromDbOrEnvironment() {
        assertThat(SocketLocation.fromDbSpec("unix:/a/b.sock")).isEqualTo(Path.of("/a/b.sock"));
        assertThat(SocketLocation.fromEnvironment(Map.of())).isEqualTo(Path.of("/run/jvs/jvs.sock"));
        assertThat(SocketLocation.fromEnvironment(Map.of("JVS_RUNDIR", "/x"))).isEqualTo(Path.of("/x/jvs.sock"));
        assertThatThrownBy(() -> SocketLocation.fromDbSpec("tcp:127.0.0.1:6640"))
                .hasMessage("tcp:127.0.0.1:6640: unsupported database connection method (use unix:PATH)");
    }
}

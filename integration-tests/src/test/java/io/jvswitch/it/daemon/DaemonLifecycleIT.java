package io.jvswitch.it.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.it.support.Await;
import io.jvswitch.it.support.Cli;
import io.jvswitch.it.support.DaemonDirs;
import io.jvswitch.it.support.DaemonLogOnFailure;
import io.jvswitch.it.support.DaemonProcess;
import io.jvswitch.it.support.Exec;
import io.jvswitch.it.support.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** jvs-vswitchd's life: detach, exclusion, clean shutdown, socket mode (SPEC §1, §7). */
@ExtendWith(DaemonLogOnFailure.class)
class DaemonLifecycleIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static Exec.Result launch(DaemonDirs dirs, String... args) {
        List<String> command = new ArrayList<>(List.of(Repo.bin("jvs-vswitchd").toString()));
        command.addAll(List.of(args));
        return Exec.run(command, dirs.env(), null, TIMEOUT, new byte[0]);
    }

    private static long pidOf(DaemonDirs dirs) throws Exception {
        return Long.parseLong(Files.readString(dirs.pidFile()).trim());
    }

    @Test
    void shouldReturnFromDetachOnlyWhenSocketServesAndPidFileExists() throws Exception {
        try (DaemonDirs dirs = DaemonDirs.create()) {
            Exec.Result started = launch(dirs, "--detach", "--pidfile", "--log-file");
            long pid = 0;
            try {
                assertThat(started.exitCode()).as(started.toString()).isZero();
                assertThat(started.stdout() + started.stderr()).isEmpty();
                assertThat(dirs.pidFile()).exists();
                assertThat(dirs.socket()).exists();
                pid = pidOf(dirs);
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
                Exec.Result version = dirs.cli().appctl("version");
                assertThat(version.stdout()).as(version.toString()).isEqualTo("jvs-vswitchd (jvswitch) 0.1.0\n");
                assertThat(dirs.log()).contains("serving on unix:" + dirs.socket());
            } finally {
                stop(pid);
            }
            Await.until(Duration.ofSeconds(20), () -> !Files.exists(dirs.pidFile()) && !Files.exists(dirs.socket()),
                    () -> "pid file and socket removed after SIGTERM\n" + dirs.log());
        }
    }

    @Test
    void shouldRefuseSecondInstanceOnSameRunDirectoryWithOneLineError() throws Exception {
        try (DaemonProcess daemon = DaemonProcess.start()) {
            Exec.Result detached = launch(daemon.dirs(), "--detach", "--pidfile", "--log-file");
            assertThat(detached.exitCode()).as(detached.toString()).isEqualTo(1);
            assertThat(detached.stderr()).isEqualTo("jvs-vswitchd: another jvs-vswitchd (pid " + daemon.pid()
                    + ") is already running on run directory " + daemon.dirs().runDir() + ", aborting\n");

            Exec.Result foreground = launch(daemon.dirs(), "--pidfile");
            assertThat(foreground.exitCode()).isEqualTo(1);
            assertThat(foreground.stderr()).contains("already running").hasLineCount(1);

            assertThat(daemon.isAlive()).isTrue();
            assertThat(pidOf(daemon.dirs())).isEqualTo(daemon.pid());
            assertThat(daemon.cli().appctl("version").exitCode()).isZero();
        }
    }

    @Test
    void shouldRemoveSocketAndPidFileWhenTerminated() {
        try (DaemonProcess daemon = DaemonProcess.start()) {
            daemon.sigterm();
            int status = daemon.waitForExit(Duration.ofSeconds(20));
            assertThat(status).isIn(0, 143);
            assertThat(daemon.dirs().socket()).doesNotExist();
            assertThat(daemon.dirs().pidFile()).doesNotExist();
            assertThat(daemon.dirs().log()).contains("jvs-vswitchd stopped");
        }
    }

    @Test
    void shouldStopCleanlyWhenAppctlExit() {
        try (DaemonProcess daemon = DaemonProcess.start()) {
            Exec.Result exit = daemon.cli().appctl("exit");
            assertThat(exit.exitCode()).as(exit.toString()).isZero();
            assertThat(daemon.waitForExit(Duration.ofSeconds(20))).isZero();
            assertThat(daemon.dirs().socket()).doesNotExist();
            assertThat(daemon.dirs().pidFile()).doesNotExist();
        }
    }

    @Test
    void shouldStartAgainOnSameDirectoriesAfterKill9() {
        try (DaemonDirs dirs = DaemonDirs.create()) {
            try (DaemonProcess crashed = DaemonProcess.start(dirs)) {
                crashed.kill9();
                // What a crash leaves: a socket nobody serves and a pid file naming a dead process.
                assertThat(dirs.socket()).exists();
                assertThat(dirs.pidFile()).exists();
            }
            try (DaemonProcess restarted = DaemonProcess.start(dirs)) {
                Exec.Result version = restarted.cli().appctl("version");
                assertThat(version.exitCode()).as(version + restarted.describe()).isZero();
                assertThat(restarted.dirs().log()).contains("removed stale socket");
            }
        }
    }

    @Test
    void shouldMakeSocketMode0660() throws Exception {
        try (DaemonProcess daemon = DaemonProcess.start()) {
            Path socket = daemon.dirs().socket();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-rw----");
        }
    }

    @Test
    void shouldPrintDaemonErrorWhenDetachedStartFails() {
        try (DaemonDirs dirs = DaemonDirs.create()) {
            Exec.Result result = launch(dirs, "--detach", "--bogus");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stderr())
                    .isEqualTo("jvs-vswitchd: unrecognized option '--bogus' (use --help for help)\n");
        }
    }

    @Test
    void shouldControlDaemonWithJvsCtl() {
        try (DaemonDirs dirs = DaemonDirs.create()) {
            Cli ctl = dirs.cli();
            try {
                assertThat(ctl.run(Repo.bin("jvs-ctl"), "status").exitCode()).isEqualTo(3);
                Exec.Result start = ctl.run(Repo.bin("jvs-ctl"), "start");
                assertThat(start.exitCode()).as(start.toString()).isZero();
                assertThat(ctl.run(Repo.bin("jvs-ctl"), "status").stdout()).startsWith("jvs-vswitchd is running");
                assertThat(ctl.run(Repo.bin("jvs-ctl"), "start").stdout())
                        .startsWith("jvs-vswitchd is already running");
            } finally {
                assertThat(ctl.run(Repo.bin("jvs-ctl"), "stop").exitCode()).isZero();
            }
            assertThat(dirs.socket()).doesNotExist();
            assertThat(ctl.run(Repo.bin("jvs-ctl"), "status").exitCode()).isEqualTo(3);
        }
    }

    private static void stop(long pid) {
        if (pid > 0) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            Await.holdsWithin(Duration.ofSeconds(20), () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}

package io.jvswitch.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code jvs-vswitchd} started through {@code bin/jvs-vswitchd} in the foreground (so the
 * test owns the process) with {@code --pidfile --log-file} on a {@link DaemonDirs}. {@link #start}
 * returns once the pid file names it, which the daemon writes only after its socket serves; if the
 * daemon dies or is slow, the exception carries its console output and log. {@link #close} stops
 * it with SIGTERM, then SIGKILL if it lingers. With {@link DaemonLogOnFailure} on the test class, a
 * failed test prints the output and log of the daemons it started.
 */
public final class DaemonProcess implements AutoCloseable {

    /** How long a start may take on a loaded machine. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final DaemonDirs dirs;
    private final boolean ownsDirs;
    private final Process process;
    private final Path consoleFile;
    /** What {@link #describe} said at close, kept because close deletes the files. */
    private volatile String lastWords;

    private DaemonProcess(DaemonDirs dirs, boolean ownsDirs, Process process, Path consoleFile) {
        this.dirs = dirs;
        this.ownsDirs = ownsDirs;
        this.process = process;
        this.consoleFile = consoleFile;
    }

    /** Starts a daemon on fresh directories, removed again on {@link #close}. */
    public static DaemonProcess start(String... extraArgs) {
        return start(DaemonDirs.create(), true, extraArgs);
    }

    /** Starts a daemon on {@code dirs} (kept on close: for restart tests). */
    public static DaemonProcess start(DaemonDirs dirs, String... extraArgs) {
        return start(dirs, false, extraArgs);
    }

    private static DaemonProcess start(DaemonDirs dirs, boolean ownsDirs, String... extraArgs) {
        List<String> command = new ArrayList<>(List.of(Repo.bin("jvs-vswitchd").toString(), "--pidfile",
                "--log-file"));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(dirs.env());
        Path console;
        try {
            console = Files.createTempFile("jvsit-console", ".txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        builder.redirectErrorStream(true).redirectOutput(console.toFile());
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DaemonProcess daemon = new DaemonProcess(dirs, ownsDirs, process, console);
        DaemonLogOnFailure.register(daemon);
        try {
            // The pid file must name this process: one left by a crashed predecessor says nothing.
            Await.until(START_TIMEOUT, () -> !process.isAlive() || daemon.pidFileNamesProcess(), () -> "daemon start");
            if (!process.isAlive()) {
                throw new IllegalStateException("jvs-vswitchd exited with " + process.exitValue() + " during start-up\n"
                        + daemon.describe());
            }
        } catch (RuntimeException | AssertionError e) {
            daemon.close();
            throw new IllegalStateException("jvs-vswitchd did not start: " + e.getMessage() + "\n" + daemon.describe(),
                    e);
        }
        return daemon;
    }

    private boolean pidFileNamesProcess() {
        try {
            return Files.readString(dirs.pidFile()).trim().equals(Long.toString(process.pid()));
        } catch (IOException e) {
            return false;
        }
    }

    /** The daemon's directories. */
    public DaemonDirs dirs() {
        return dirs;
    }

    /** Clients pointed at this daemon. */
    public Cli cli() {
        return dirs.cli();
    }

    /** The daemon's pid (the JVM: the launcher execs it). */
    public long pid() {
        return process.pid();
    }

    /** Whether the daemon still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM. */
    public void sigterm() {
        process.destroy();
    }

    /** Sends SIGKILL (a crash, for durability tests) and waits for the process to be gone. */
    public void kill9() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
    }

    /**
     * Waits for the daemon to exit.
     *
     * @return its exit status
     * @throws AssertionError if it is still running after {@code timeout}
     */
    public int waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("jvs-vswitchd still running after " + timeout + "\n" + describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    /** Console output and log, for failure messages. */
    public String describe() {
        String console;
        try {
            console = Files.readString(consoleFile);
        } catch (IOException e) {
            console = "<" + e.getMessage() + ">";
        }
        return "--- jvs-vswitchd console\n" + console + "--- jvs-vswitchd log\n" + dirs.log();
    }

    /** {@link #describe} now, or what it said at close once closed (the files are gone then). */
    String lastWords() {
        return lastWords != null ? lastWords : describe();
    }

    /** Whether {@link #close} has run. */
    boolean isClosed() {
        return lastWords != null;
    }

    /** Stops the daemon (SIGTERM, then SIGKILL after 15 s) and removes what this object created. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    System.err.println("jvs-vswitchd ignored SIGTERM; killing it\n" + describe());
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        lastWords = describe();
        try {
            Files.deleteIfExists(consoleFile);
        } catch (IOException e) {
            // A temp file left behind is harmless.
        }
        if (ownsDirs) {
            dirs.close();
        }
    }
}

package io.jvswitch.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A private set of daemon directories ({@code JVS_RUNDIR}, {@code JVS_DBDIR}, {@code JVS_LOGDIR})
 * under one temporary root, so that tests run isolated and in parallel; kept across daemon
 * restarts, removed on close.
 */
public final class DaemonDirs implements AutoCloseable {

    private final Path root;

    private DaemonDirs(Path root) {
        this.root = root;
    }

    /** Creates a fresh root (the directories themselves are the daemon's to create). */
    public static DaemonDirs create() {
        try {
            // Short paths: a Unix socket path must fit in 108 bytes.
            return new DaemonDirs(Files.createTempDirectory(Path.of("/tmp"), "jvsit"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The run directory. */
    public Path runDir() {
        return root.resolve("run");
    }

    /** The database directory. */
    public Path dbDir() {
        return root.resolve("db");
    }

    /** The log directory. */
    public Path logDir() {
        return root.resolve("log");
    }

    /** The control socket. */
    public Path socket() {
        return runDir().resolve("jvs.sock");
    }

    /** The default pid file. */
    public Path pidFile() {
        return runDir().resolve("jvs-vswitchd.pid");
    }

    /** The default log file. */
    public Path logFile() {
        return logDir().resolve("jvs-vswitchd.log");
    }

    /** The environment that points the daemon and the clients here. */
    public Map<String, String> env() {
        return Map.of("JVS_RUNDIR", runDir().toString(), "JVS_DBDIR", dbDir().toString(), "JVS_LOGDIR",
                logDir().toString());
    }

    /** Runs clients against these directories. */
    public Cli cli() {
        return new Cli(env());
    }

    /** The log file's content, or a note that there is none. */
    public String log() {
        try {
            return Files.exists(logFile()) ? Files.readString(logFile()) : "<no log file " + logFile() + ">";
        } catch (IOException e) {
            return "<cannot read " + logFile() + ": " + e.getMessage() + ">";
        }
    }

    /** Deletes the whole root. */
    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

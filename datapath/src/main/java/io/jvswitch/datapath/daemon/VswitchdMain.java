package io.jvswitch.datapath.daemon;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code jvs-vswitchd}: parses the command line, sets up logging, starts a {@link Vswitchd} and
 * runs until SIGTERM, SIGINT or {@code jvs-appctl exit}.
 *
 * <p>{@code --detach} is the launcher's work ({@code bin/jvs-vswitchd}): it starts this JVM in a
 * new session with {@code JVS_DETACHED=1} and waits for the socket. A start-up failure is printed
 * on stderr as one line and, when the launcher asks for it through
 * {@code JVS_STARTUP_ERROR_FILE}, written there too so that it can show it to the user.
 */
public final class VswitchdMain {

    /** The program name in messages. */
    public static final String PROGRAM = "jvs-vswitchd";
    /** Set to 1 by the launcher when it has detached this process. */
    public static final String DETACHED_ENV = "JVS_DETACHED";
    /** A file the launcher reads a start-up failure from. */
    public static final String STARTUP_ERROR_FILE_ENV = "JVS_STARTUP_ERROR_FILE";
    /** A file the daemon creates once it serves, for the launcher to stop waiting. */
    public static final String READY_FILE_ENV = "JVS_READY_FILE";

    private VswitchdMain() {
    }

    /** Entry point. */
    public static void main(String[] args) throws InterruptedException {
        DaemonLocations locations = DaemonLocations.fromEnvironment(System.getenv());
        DaemonOptions options;
        try {
            options = DaemonOptions.parse(List.of(args), locations);
        } catch (IllegalArgumentException e) {
            fail(null, e.getMessage() + " (use --help for help)");
            return;
        }
        switch (options.action()) {
            case VERSION -> {
                System.out.println(DaemonVersion.line(PROGRAM));
                return;
            }
            case HELP -> {
                System.out.print(DaemonOptions.usage(PROGRAM));
                return;
            }
            default -> {
                // RUN: below.
            }
        }
        boolean detached = "1".equals(System.getenv(DETACHED_ENV));
        if (options.detach() && !detached) {
            System.err.println(PROGRAM + ": --detach is done by the bin/jvs-vswitchd launcher; "
                    + "running in the foreground");
        }
        VlogControl vlog;
        try {
            vlog = DaemonLogging.configure(options.logFile(), !detached);
        } catch (IOException e) {
            fail(null, e.getMessage());
            return;
        }
        Vswitchd daemon = new Vswitchd(locations, options.pidFile());
        BuiltinAppctlCommands.register(daemon, vlog);
        addComponents(daemon);
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "jvs-shutdown"));
        try {
            daemon.start();
        } catch (AlreadyRunningException e) {
            fail(vlog, e.getMessage());
            return;
        } catch (Exception e) {
            if (!(e instanceof IOException)) {
                // A bug rather than the machine's state: keep the stack trace for the report.
                LoggerFactory.getLogger(VswitchdMain.class).error("start-up failed", e);
            }
            fail(vlog, "cannot start: " + describe(e));
            return;
        }
        signalReady();
        daemon.awaitShutdownRequest();
        daemon.close();
        System.exit(0);
    }

    /**
     * The parts this daemon hosts, in start order. The config store comes first (it answers
     * {@code Config} and the vsctl handler), the datapath after it (it reconciles from the store):
     * <pre>{@code
     * daemon.add(new ConfigStoreComponent(daemon.locations().databaseFile()));
     * daemon.add(new DatapathComponent(...));
     * }</pre>
     */
    static void addComponents(Vswitchd daemon) {
        ConfigStoreComponent store = new ConfigStoreComponent(daemon.locations().databaseFile());
        daemon.add(store);
        daemon.add(new DatapathComponent(store));
    }

    /** One line for a start-up failure; file errors name the file and the reason. */
    static String describe(Throwable e) {
        if (e instanceof AccessDeniedException denied) {
            return denied.getFile() + ": Permission denied";
        }
        if (e instanceof NoSuchFileException missing) {
            return missing.getFile() + ": No such file or directory";
        }
        if (e instanceof NotDirectoryException notDirectory) {
            return notDirectory.getFile() + ": Not a directory";
        }
        if (e instanceof FileSystemException fs) {
            return fs.getFile() + ": " + (fs.getReason() == null ? e.getClass().getSimpleName() : fs.getReason());
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Tells the launcher, if it waits for it, that the socket serves and the pid file exists. */
    private static void signalReady() {
        String readyFile = System.getenv(READY_FILE_ENV);
        if (readyFile != null && !readyFile.isEmpty()) {
            try {
                Files.writeString(Path.of(readyFile), ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
            } catch (IOException e) {
                LoggerFactory.getLogger(VswitchdMain.class).warn("cannot write {}: {}", readyFile, e.getMessage());
            }
        }
    }

    /**
     * Reports a start-up failure the way the user and the launcher expect it, and exits 1: one
     * line on stderr, or in the launcher's error file when detached, and in the log file too when
     * stderr does not carry log lines.
     *
     * @param vlog the log control once logging is set up, else null
     */
    private static void fail(VlogControl vlog, String message) {
        String line = PROGRAM + ": " + message;
        if (vlog != null && !Level.ERROR.isGreaterOrEqual(
                vlog.levelFor(VlogControl.Destination.CONSOLE, VswitchdMain.class.getName()))) {
            Logger log = LoggerFactory.getLogger(VswitchdMain.class);
            log.error(message);
        }
        String errorFile = System.getenv(STARTUP_ERROR_FILE_ENV);
        if (errorFile == null || errorFile.isEmpty()) {
            System.err.println(line);
            System.exit(1);
        }
        // Detached: the launcher shows this file to the user (stderr may be the log file).
        try {
            Files.writeString(Path.of(errorFile), line + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println(line);
        }
        System.exit(1);
    }
}

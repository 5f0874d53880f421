package io.jvswitch.datapath.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.filter.Filter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback for the daemon in code: stderr (the terminal, or the journal under
 * systemd) and, with {@code --log-file}, a log file; both under one {@link VlogControl}.
 */
public final class DaemonLogging {

    /** Line layout: UTC timestamp, level, thread, logger, message (exceptions follow). */
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC}|%-5level|%thread|%logger{0}|%msg%n";

    /** The packages listed by {@code vlog/list} from the start. */
    private static final List<String> MODULES = List.of("io.jvswitch.datapath", "io.jvswitch.datapath.daemon",
            "io.jvswitch.datapath.server", "io.jvswitch.ovsdb", "io.jvswitch.flowtable");

    private DaemonLogging() {
    }

    /**
     * Replaces whatever Logback configured by itself.
     *
     * @param logFile     the log file, if {@code --log-file} was given (appended to)
     * @param consoleOn   whether stderr gets log lines by default (not when detached: stderr is
     *                    then not a place anyone reads; Open vSwitch daemons show console OFF too)
     * @return the level control for {@code vlog/set}
     */
    public static VlogControl configure(Optional<Path> logFile, boolean consoleOn) throws IOException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Map<VlogControl.Destination, Level> defaults = new EnumMap<>(VlogControl.Destination.class);
        defaults.put(VlogControl.Destination.CONSOLE, consoleOn ? Level.INFO : Level.OFF);
        defaults.put(VlogControl.Destination.FILE, logFile.isPresent() ? Level.INFO : Level.OFF);
        VlogControl vlog = new VlogControl(context, defaults, MODULES);
        // grpc-netty asks for SO_KEEPALIVE on every connection; on a Unix socket Netty warns that
        // the option does not apply, once per client. That says nothing useful, so only errors.
        vlog.set("io.netty.bootstrap:err");
        JulBridge.install();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setTarget("System.err");
        start(context, console, "console", vlog.filterFor(VlogControl.Destination.CONSOLE));
        if (logFile.isPresent()) {
            Path parent = logFile.get().toAbsolutePath().getParent();
            Files.createDirectories(parent);
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(logFile.get().toString());
            file.setAppend(true);
            start(context, file, VlogControl.FILE_APPENDER, vlog.filterFor(VlogControl.Destination.FILE));
            if (!file.isStarted()) {
                throw new IOException("cannot open log file " + logFile.get());
            }
        }
        return vlog;
    }

    private static void start(LoggerContext context, OutputStreamAppender<ILoggingEvent> appender, String name,
                              Filter<ILoggingEvent> filter) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.addFilter(filter);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }
}

package io.jvswitch.datapath.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Log levels per module and destination, changeable at runtime, in the manner of Open vSwitch's
 * vlog ({@code vlog/list}, {@code vlog/set module:destination:level}).
 *
 * <p>A <em>module</em> is a Logback logger for a package, named without the {@code io.jvswitch.}
 * prefix ({@code datapath.daemon}); {@code grpc} and {@code netty} stand for those libraries. A
 * module may be named by its last segment when that is unique ({@code daemon}), and any logger by
 * its full name ({@code io.netty.bootstrap}). A destination is
 * {@code console} (stderr, hence the journal) or {@code file}. Each destination's appender carries
 * a {@link Filter} that applies the level of the event's nearest configured module; each logger's
 * own level is the most verbose of its destinations, so a disabled event costs what it always does.
 *
 * <p><b>Threading.</b> Setters are synchronized; filters read a concurrent map.
 */
public final class VlogControl {

    /** Where log events go. */
    public enum Destination {
        /** Standard error: the terminal, or the journal under systemd. */
        CONSOLE,
        /** The log file given by {@code --log-file}. */
        FILE;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The name of the log file's appender on the root logger. */
    static final String FILE_APPENDER = "file";

    private static final String PREFIX = "io.jvswitch.";
    private static final Map<String, String> LIBRARY_MODULES = Map.of("grpc", "io.grpc", "netty", "io.netty");

    private final LoggerContext context;
    /** Explicit levels by logger name; {@link Logger#ROOT_LOGGER_NAME} always present. */
    private final Map<String, EnumMap<Destination, Level>> explicit = new ConcurrentHashMap<>();

    /**
     * @param context  the Logback context whose loggers this controls
     * @param defaults the level of every module per destination, until changed
     * @param modules  logger names to list from the start (more appear as the code creates loggers)
     */
    public VlogControl(LoggerContext context, Map<Destination, Level> defaults, List<String> modules) {
        this.context = context;
        explicit.put(Logger.ROOT_LOGGER_NAME, new EnumMap<>(defaults));
        for (String module : modules) {
            context.getLogger(module);
        }
        applyLoggerLevels();
    }

    /** A filter for the appender of {@code destination}. */
    public Filter<ILoggingEvent> filterFor(Destination destination) {
        Filter<ILoggingEvent> filter = new Filter<>() {
            @Override
            public FilterReply decide(ILoggingEvent event) {
                return event.getLevel().isGreaterOrEqual(levelFor(destination, event.getLoggerName()))
                        ? FilterReply.NEUTRAL : FilterReply.DENY;
            }
        };
        filter.setContext(context);
        filter.start();
        return filter;
    }

    /** The level that applies to {@code loggerName} at {@code destination}. */
    public Level levelFor(Destination destination, String loggerName) {
        String name = loggerName;
        while (true) {
            EnumMap<Destination, Level> levels = explicit.get(name);
            if (levels != null) {
                return levels.get(destination);
            }
            int dot = name.lastIndexOf('.');
            if (dot < 0) {
                return explicit.get(Logger.ROOT_LOGGER_NAME).get(destination);
            }
            name = name.substring(0, dot);
        }
    }

    /**
     * Reopens the log file (after logrotate moved it away), as {@code vlog/reopen} does.
     *
     * @return false if there is no log file to reopen
     */
    public synchronized boolean reopenFile() {
        Appender<ILoggingEvent> appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(FILE_APPENDER);
        if (appender == null) {
            return false;
        }
        appender.stop();
        appender.start();
        return appender.isStarted();
    }

    /** The {@code vlog/list} table: every module with its level per destination. */
    public String list() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-16s  %7s    %6s%n", "", "console", "file"));
        out.append(String.format("%-16s  %7s    %6s%n", "", "-------", "------"));
        for (Map.Entry<String, String> module : modules().entrySet()) {
            out.append(String.format("%-16s  %7s    %6s%n", module.getKey(),
                    word(levelFor(Destination.CONSOLE, module.getValue())),
                    word(levelFor(Destination.FILE, module.getValue()))));
        }
        return out.toString();
    }

    /**
     * Applies one {@code vlog/set} spec: words separated by {@code :}, each a module (or
     * {@code ANY}), a destination (or {@code ANY}) or a level, in any order. A missing module or
     * destination means all of them; a missing level means {@code dbg}. An empty spec sets every
     * module and destination to {@code dbg}, as Open vSwitch does.
     *
     * @throws IllegalArgumentException with the user's message for a word that is none of these
     */
    public synchronized void set(String spec) {
        String module = null;
        Destination destination = null;
        Level level = null;
        for (String word : spec.split(":", -1)) {
            if (word.isEmpty() || word.equalsIgnoreCase("any")) {
                continue;
            }
            Destination asDestination = destination(word);
            Level asLevel = level(word);
            if (asDestination != null) {
                destination = asDestination;
            } else if (asLevel != null) {
                level = asLevel;
            } else {
                module = resolveModule(word);
                if (module == null) {
                    throw new IllegalArgumentException("no destination, level, or module \"" + word + "\"");
                }
            }
        }
        apply(module, destination, level == null ? Level.DEBUG : level);
    }

    private void apply(String module, Destination destination, Level level) {
        List<Destination> targets = destination == null ? List.of(Destination.values()) : List.of(destination);
        if (module == null) {
            for (EnumMap<Destination, Level> levels : explicit.values()) {
                targets.forEach(d -> levels.put(d, level));
            }
        } else {
            EnumMap<Destination, Level> levels = explicit.get(module);
            if (levels == null) {
                levels = new EnumMap<>(Destination.class);
                for (Destination d : Destination.values()) {
                    levels.put(d, levelFor(d, module));
                }
            }
            for (Destination d : targets) {
                levels.put(d, level);
            }
            explicit.put(module, levels);
        }
        applyLoggerLevels();
    }

    /** Makes each configured logger as verbose as its most verbose destination. */
    private void applyLoggerLevels() {
        for (Map.Entry<String, EnumMap<Destination, Level>> entry : explicit.entrySet()) {
            Level mostVerbose = Level.OFF;
            for (Level level : entry.getValue().values()) {
                if (level.levelInt < mostVerbose.levelInt) {
                    mostVerbose = level;
                }
            }
            context.getLogger(entry.getKey()).setLevel(mostVerbose);
        }
    }

    /** Module display name to logger name, sorted by display name. */
    private Map<String, String> modules() {
        Map<String, String> modules = new TreeMap<>();
        for (Logger logger : context.getLoggerList()) {
            String name = logger.getName();
            if (name.startsWith(PREFIX) && Character.isLowerCase(name.charAt(name.lastIndexOf('.') + 1))) {
                modules.put(name.substring(PREFIX.length()), name);
            }
        }
        LIBRARY_MODULES.forEach(modules::put);
        return modules;
    }

    private String resolveModule(String word) {
        Map<String, String> modules = modules();
        String lower = word.toLowerCase(Locale.ROOT);
        if (modules.containsKey(lower)) {
            return modules.get(lower);
        }
        if (modules.containsValue(word) || context.exists(word) != null || word.startsWith(PREFIX)
                || word.startsWith("io.grpc.") || word.startsWith("io.netty.")) {
            // A full logger name: a module by its package, or a finer one (a class, a sub-package).
            return word;
        }
        List<String> bySegment = new ArrayList<>();
        modules.forEach((display, logger) -> {
            if (display.endsWith("." + lower)) {
                bySegment.add(logger);
            }
        });
        return bySegment.size() == 1 ? bySegment.get(0) : null;
    }

    private static Destination destination(String word) {
        for (Destination d : Destination.values()) {
            if (d.word().equalsIgnoreCase(word)) {
                return d;
            }
        }
        return null;
    }

    private static Level level(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "off" -> Level.OFF;
            case "emer", "err", "error" -> Level.ERROR;
            case "warn", "warning" -> Level.WARN;
            case "info" -> Level.INFO;
            case "dbg", "debug" -> Level.DEBUG;
            case "trace" -> Level.TRACE;
            default -> null;
        };
    }

    /** Open vSwitch's spelling of a level. */
    private static String word(Level level) {
        if (level.levelInt == Level.ERROR_INT) {
            return "ERR";
        }
        if (level.levelInt == Level.DEBUG_INT) {
            return "DBG";
        }
        return level.toString();
    }
}

package io.jvswitch.datapath.daemon;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@code jvs-vswitchd}, parsed: {@code --pidfile[=FILE]},
 * {@code --log-file[=FILE]}, {@code --detach}, {@code --version}, {@code --help}. A relative
 * FILE is taken relative to the run directory (pid file) or the log directory (log file).
 *
 * @param pidFile the pid file to write, if asked for
 * @param logFile the log file to write, if asked for
 * @param detach  whether {@code --detach} was given (the launcher detaches; the JVM only notes it)
 * @param action  what to do: run, or print the version or the help and exit
 */
public record DaemonOptions(Optional<Path> pidFile, Optional<Path> logFile, boolean detach, Action action) {

    /** What the command line asks for. */
    public enum Action {
        /** Run the daemon. */
        RUN,
        /** Print the version and exit. */
        VERSION,
        /** Print the usage and exit. */
        HELP
    }

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException with a one-line message for an unknown option or argument
     */
    public static DaemonOptions parse(List<String> args, DaemonLocations locations) {
        Optional<Path> pidFile = Optional.empty();
        Optional<Path> logFile = Optional.empty();
        boolean detach = false;
        Action action = Action.RUN;
        for (String arg : args) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--pidfile" -> pidFile = Optional.of(value == null || value.isEmpty()
                        ? locations.defaultPidFile() : locations.runDir().resolve(value).normalize());
                case "--log-file" -> logFile = Optional.of(value == null || value.isEmpty()
                        ? locations.defaultLogFile() : locations.logDir().resolve(value).normalize());
                case "--detach" -> detach = noValue(arg, value, true);
                case "--version", "-V" -> action = noValue(arg, value, Action.VERSION);
                case "--help", "-h" -> action = noValue(arg, value, Action.HELP);
                default -> throw new IllegalArgumentException(arg.startsWith("-")
                        ? "unrecognized option '" + arg + "'" : "unexpected argument '" + arg + "'");
            }
        }
        return new DaemonOptions(pidFile, logFile, detach, action);
    }

    private static <T> T noValue(String arg, String value, T result) {
        if (value != null) {
            throw new IllegalArgumentException("option '" + arg.substring(0, arg.indexOf('='))
                    + "' doesn't allow an argument");
        }
        return result;
    }

    /** The text of {@code --help}. */
    public static String usage(String program) {
        return program + ": jvswitch daemon (datapath, flow tables, configuration store, control socket)\n"
                + "usage: " + program + " [OPTIONS]\n"
                + "\nDaemon options:\n"
                + "  --detach                run in background (done by the bin/ launcher)\n"
                + "  --pidfile[=FILE]        create pidfile (default: $JVS_RUNDIR/jvs-vswitchd.pid)\n"
                + "\nLogging options:\n"
                + "  --log-file[=FILE]       log to FILE (default: $JVS_LOGDIR/jvs-vswitchd.log)\n"
                + "\nOther options:\n"
                + "  -h, --help              display this help message\n"
                + "  -V, --version           display version information\n"
                + "\nEnvironment: JVS_RUNDIR (default " + DaemonLocations.RUNDIR_DEFAULT + "), JVS_DBDIR (default "
                + DaemonLocations.DBDIR_DEFAULT + "), JVS_LOGDIR (default " + DaemonLocations.LOGDIR_DEFAULT + ")\n";
    }
}

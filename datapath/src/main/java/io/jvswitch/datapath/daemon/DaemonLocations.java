package io.jvswitch.datapath.daemon;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the daemon keeps its files (SPEC §1), from {@code JVS_RUNDIR}, {@code JVS_DBDIR} and
 * {@code JVS_LOGDIR}, each with its default, so tests and several instances run isolated.
 *
 * @param runDir run directory: control socket, pid file, lock
 * @param dbDir  database directory: {@code conf.db}
 * @param logDir log directory: {@code jvs-vswitchd.log}
 */
public record DaemonLocations(Path runDir, Path dbDir, Path logDir) {

    /** Environment variable naming the run directory. */
    public static final String RUNDIR_ENV = "JVS_RUNDIR";
    /** Environment variable naming the database directory. */
    public static final String DBDIR_ENV = "JVS_DBDIR";
    /** Environment variable naming the log directory. */
    public static final String LOGDIR_ENV = "JVS_LOGDIR";
    /** Default run directory. */
    public static final String RUNDIR_DEFAULT = "/run/jvs";
    /** Default database directory. */
    public static final String DBDIR_DEFAULT = "/var/lib/jvs";
    /** Default log directory. */
    public static final String LOGDIR_DEFAULT = "/var/log/jvs";

    /** Makes every directory absolute, so relative names resolve the same wherever they are used. */
    public DaemonLocations {
        runDir = runDir.toAbsolutePath().normalize();
        dbDir = dbDir.toAbsolutePath().normalize();
        logDir = logDir.toAbsolutePath().normalize();
    }

    /** The locations named by {@code env}, defaults for the unset or empty ones. */
    public static DaemonLocations fromEnvironment(Map<String, String> env) {
        return new DaemonLocations(dir(env, RUNDIR_ENV, RUNDIR_DEFAULT), dir(env, DBDIR_ENV, DBDIR_DEFAULT),
                dir(env, LOGDIR_ENV, LOGDIR_DEFAULT));
    }

    /** The control socket, {@code $JVS_RUNDIR/jvs.sock}. */
    public Path socket() {
        return runDir.resolve("jvs.sock");
    }

    /** The lock that keeps a second daemon off this run directory. */
    public Path lockFile() {
        return runDir.resolve("jvs-vswitchd.lock");
    }

    /** The default pid file, {@code $JVS_RUNDIR/jvs-vswitchd.pid}. */
    public Path defaultPidFile() {
        return runDir.resolve("jvs-vswitchd.pid");
    }

    /** The default log file, {@code $JVS_LOGDIR/jvs-vswitchd.log}. */
    public Path defaultLogFile() {
        return logDir.resolve("jvs-vswitchd.log");
    }

    /** The configuration database, {@code $JVS_DBDIR/conf.db}. */
    public Path databaseFile() {
        return dbDir.resolve("conf.db");
    }

    private static Path dir(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return Path.of(value == null || value.isEmpty() ? fallback : value);
    }
}

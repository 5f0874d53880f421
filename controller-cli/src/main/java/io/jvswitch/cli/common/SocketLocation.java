package io.jvswitch.cli.common;

import java.nio.file.Path;
import java.util.Map;

/** Where a client finds the daemon: {@code --db=unix:PATH}, else {@code $JVS_RUNDIR/jvs.sock}. */
public final class SocketLocation {

    /** The run directory's environment variable. */
    public static final String RUNDIR_ENV = "JVS_RUNDIR";
    /** The run directory when {@code JVS_RUNDIR} is unset. */
    public static final String RUNDIR_DEFAULT = "/run/jvs";
    /** The socket's name in the run directory. */
    public static final String SOCKET_NAME = "jvs.sock";

    private SocketLocation() {
    }

    /** {@code $JVS_RUNDIR/jvs.sock}, or {@code /run/jvs/jvs.sock}. */
    public static Path fromEnvironment(Map<String, String> env) {
        String runDir = env.get(RUNDIR_ENV);
        return Path.of(runDir == null || runDir.isEmpty() ? RUNDIR_DEFAULT : runDir, SOCKET_NAME);
    }

    /**
     * The socket named by a {@code --db} value.
     *
     * @throws IllegalArgumentException with a one-line message unless it is {@code unix:PATH}
     */
    public static Path fromDbSpec(String spec) {
        if (spec.startsWith("unix:") && spec.length() > "unix:".length()) {
            return Path.of(spec.substring("unix:".length()));
        }
        throw new IllegalArgumentException(spec + ": unsupported database connection method (use unix:PATH)");
    }
}

package io.jvswitch.it.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the real command-line clients ({@code bin/jvs-vsctl}, {@code bin/jvs-ofctl},
 * {@code bin/jvs-appctl}, or a link to one) with a daemon's environment, capturing stdout,
 * stderr and the exit status, each call bounded by a timeout.
 */
public final class Cli {

    /** Generous for a JVM start on a loaded two-core machine, far below "hung". */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, String> env;

    /** @param env the variables that point the clients at a daemon (JVS_RUNDIR, ...) */
    public Cli(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** {@code bin/jvs-vsctl ARGS}. */
    public Exec.Result vsctl(String... args) {
        return run(Repo.bin("jvs-vsctl"), args);
    }

    /** {@code bin/jvs-ofctl ARGS}. */
    public Exec.Result ofctl(String... args) {
        return run(Repo.bin("jvs-ofctl"), args);
    }

    /** {@code bin/jvs-appctl ARGS}. */
    public Exec.Result appctl(String... args) {
        return run(Repo.bin("jvs-appctl"), args);
    }

    /** Runs {@code executable ARGS} (a launcher or a link to one). */
    public Exec.Result run(Path executable, String... args) {
        return runWithInput(executable, "", args);
    }

    /** Runs {@code executable ARGS} with {@code stdin} as its standard input. */
    public Exec.Result runWithInput(Path executable, String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        return Exec.run(command, env, null, DEFAULT_TIMEOUT, stdin.getBytes(StandardCharsets.UTF_8));
    }
}

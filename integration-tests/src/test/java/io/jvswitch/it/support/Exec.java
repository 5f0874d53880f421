package io.jvswitch.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a program to completion with a time limit and captures what it printed. */
public final class Exec {

    private Exec() {
    }

    /** What a finished program printed, and its exit status. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** Throws with everything printed unless the exit status was 0. */
        public Result orFail() {
            if (exitCode != 0) {
                throw new IllegalStateException(this.toString());
            }
            return this;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " -> exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n"
                    + stderr;
        }
    }

    /** Runs {@code command} with no environment changes, at most {@code timeout}. */
    public static Result run(Duration timeout, String... command) {
        return run(List.of(command), Map.of(), null, timeout, new byte[0]);
    }

    /**
     * Runs a program.
     *
     * @param env     variables added to this process's environment
     * @param workDir the working directory, or null for this process's
     * @param timeout the limit; the program is killed and an exception thrown after it
     * @param stdin   bytes fed to its standard input
     */
    public static Result run(List<String> command, Map<String, String> env, Path workDir, Duration timeout,
                             byte[] stdin) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        try {
            Process process = builder.start();
            CompletableFuture<String> out = readAsync(process.getInputStream());
            CompletableFuture<String> err = readAsync(process.getErrorStream());
            try (var in = process.getOutputStream()) {
                in.write(stdin);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(List.copyOf(command), process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "<read failed: " + e.getMessage() + ">";
            }
        });
    }
}

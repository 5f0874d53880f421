package io.jvswitch.it.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository under test: where {@code bin/} and the built jars are. */
public final class Repo {

    private Repo() {
    }

    /** The repository root, from the {@code jvs.repo} system property the pom passes. */
    public static Path root() {
        String repo = System.getProperty("jvs.repo");
        Path root = repo == null ? Path.of("..").toAbsolutePath().normalize() : Path.of(repo);
        if (!Files.isExecutable(root.resolve("bin/jvs-vswitchd"))) {
            throw new IllegalStateException("no bin/jvs-vswitchd under " + root + " (set -Djvs.repo)");
        }
        return root;
    }

    /** A launcher in {@code bin/}. */
    public static Path bin(String name) {
        return root().resolve("bin").resolve(name);
    }
}

package io.jvswitch.datapath.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The pid file: written (atomically, by rename) once the daemon serves, removed at exit. It is
 * only information for scripts; exclusion is {@link RunDirectoryLock}'s job.
 */
public final class PidFile implements AutoCloseable {

    private final Path path;
    private final long pid;

    private PidFile(Path path, long pid) {
        this.path = path;
        this.pid = pid;
    }

    /** Writes this process's pid to {@code path}. */
    public static PidFile write(Path path) throws IOException {
        long pid = ProcessHandle.current().pid();
        Path parent = path.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve("." + path.getFileName() + ".tmp" + pid);
        Files.writeString(tmp, pid + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new PidFile(path, pid);
    }

    /** Where the pid file is. */
    public Path path() {
        return path;
    }

    /** Removes the pid file if it still names this process. */
    @Override
    public void close() throws IOException {
        try {
            if (Files.readString(path, StandardCharsets.US_ASCII).trim().equals(Long.toString(pid))) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException e) {
            // Already gone: someone cleaned up for us.
        }
    }
}

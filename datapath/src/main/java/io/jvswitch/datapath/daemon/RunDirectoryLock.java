package io.jvswitch.datapath.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Exclusive ownership of a run directory for the life of the process: an advisory lock
 * ({@code fcntl}) on a lock file there, holding the owner's pid for the error message of the next
 * one. The kernel drops the lock when the process dies however it dies, so a crashed daemon
 * never blocks its successor; the file itself stays (deleting lock files races).
 */
public final class RunDirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RunDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code lockFile} and records this process's pid in it.
     *
     * @throws AlreadyRunningException if another process (or another daemon in this JVM) holds it
     * @throws IOException             if the file cannot be created or locked
     */
    public static RunDirectoryLock acquire(Path lockFile) throws IOException {
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            String holder = readPid(lockFile);
            throw new AlreadyRunningException("another jvs-vswitchd" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                    + " is already running on run directory " + lockFile.getParent() + ", aborting");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        return new RunDirectoryLock(channel, lock);
    }

    private static String readPid(Path lockFile) {
        try {
            return Files.readString(lockFile, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}

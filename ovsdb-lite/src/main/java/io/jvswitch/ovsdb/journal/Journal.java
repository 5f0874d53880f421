package io.jvswitch.ovsdb.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's write-ahead journal: one file of checksummed records ({@link JournalRecord}), one per committed
 * transaction, the first being a snapshot of the whole database.
 *
 * <p><b>What.</b> {@link #open} reads the intact prefix of the file ({@link JournalReader}); a torn or corrupt tail is
 * logged, kept available through {@link #damage()}, and ignored — the next {@link #append} truncates the file there
 * before writing (the damaged original is first copied to {@link #damagedCopy FILE.damaged}). {@link #append} writes
 * one record and forces it to disk ({@code FileChannel.force}) before returning, so a transaction acknowledged to a
 * client survives a crash or power cut. {@link #compact} replaces the file with a single snapshot record: write {@code
 * FILE.tmp}, force it, rename it over the journal atomically, force the directory. A crash at any step leaves either
 * the old or the new complete file; a stale {@code .tmp} is deleted at open.
 *
 * <p><b>Threading.</b> Not thread-safe: only the store's single writer calls it.
 *
 * <p><b>Invariants.</b> The file always holds whole records up to {@link #size()} when the state is
 * {@code WRITE}; {@code goodOffset} is the end of the last intact record. See {@link JournalState} for the
 * state machine.
 */
public final class Journal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Path file;
    private final FileChannel lockChannel;
    private FileChannel ch;
    private JournalState state;
    private long goodOffset;
    private final String damage;
    private long snapshotSize;

    private Journal(Path file, FileChannel lockChannel, FileChannel ch, JournalState state, long goodOffset,
            String damage) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.ch = ch;
        this.state = state;
        this.goodOffset = goodOffset;
        this.damage = damage;
    }

    /** What {@link #open} found: the journal, ready to append, and the intact record bodies to replay. */
    public record Opened(Journal journal, List<String> records) {
    }

    /**
     * Opens (creating when absent) the journal at {@code file} and reads its intact records.
     *
     * @throws IOException when the file cannot be opened or read at all
     */
    public static Opened open(Path file) throws IOException {
        FileChannel lock = lock(file);
        FileChannel ch;
        try {
            Files.deleteIfExists(tmpFile(file));
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            JournalReader.Result r = JournalReader.read(ch);
            JournalState st = JournalState.WRITE;
            if (r.damage() != null) {
                // The next append truncates the damage away; keep the original bytes for a human to inspect.
                Path copy = damagedCopy(file);
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                LOG.warn("{}: {}; keeping the {} intact record(s) before it (original saved as {})", file,
                        r.damage(), r.bodies().size(), copy);
                st = JournalState.READ_ERROR;
            }
            Journal j = new Journal(file, lock, ch, st, r.goodOffset(), r.damage());
            j.snapshotSize = r.bodies().isEmpty() ? 0 : r.bodies().get(0).length();
            return new Opened(j, r.bodies());
        } catch (IOException | RuntimeException e) {
            ch.close();
            lock.close();
            throw e;
        }
    }

    /**
     * Takes an exclusive lock on {@code .FILE.~lock~} next to the journal for as long as it is open, so a second
     * writer (another process, or a second open in this one) is refused instead of interleaving records. The lock
     * lives on a separate file because compaction replaces the journal file itself.
     */
    private static FileChannel lock(Path file) throws IOException {
        Path lockFile = file.resolveSibling("." + file.getFileName() + ".~lock~");
        FileChannel lc = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (lc.tryLock() == null) {
                throw new IOException(file + " is in use by another process (lock " + lockFile + ")");
            }
        } catch (OverlappingFileLockException e) {
            lc.close();
            throw new IOException(file + " is already open in this process", e);
        } catch (IOException e) {
            lc.close();
            throw e;
        }
        return lc;
    }

    /** Where {@link #open} saves a copy of a journal whose tail was damaged: {@code FILE.damaged}. */
    public static Path damagedCopy(Path file) {
        return file.resolveSibling(file.getFileName() + ".damaged");
    }

    private static Path tmpFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    /** The journal file. */
    public Path file() {
        return file;
    }

    /** Current state. */
    public JournalState state() {
        return state;
    }

    /** What was wrong with the file's tail at open (null when it was clean). */
    public String damage() {
        return damage;
    }

    /** Bytes of intact records. */
    public long size() {
        return goodOffset;
    }

    /** Size of the body of the last snapshot written or read (for compaction heuristics). */
    public long snapshotSize() {
        return snapshotSize;
    }

    /**
     * Appends one record holding {@code body} and forces it to disk.
     *
     * @throws IOException when it could not be made durable; the file is then truncated back to the previous
     *     record (state {@code WRITE_ERROR}) or, when even that fails, the journal is {@code BROKEN}
     */
    public void append(String body) throws IOException {
        if (state == JournalState.BROKEN) {
            throw new IOException("journal " + file + " is broken after an earlier write error");
        }
        if (state != JournalState.WRITE) {
            // Drop the damaged tail (READ_ERROR) or the remains of a failed write (WRITE_ERROR).
            ch.truncate(goodOffset);
            ch.force(true);
            state = JournalState.WRITE;
        }
        ByteBuffer rec = JournalRecord.encode(body);
        int len = rec.remaining();
        try {
            long p = goodOffset;
            while (rec.hasRemaining()) {
                p += ch.write(rec, p);
            }
            ch.force(false);
        } catch (IOException e) {
            recoverFromFailedWrite(e);
            throw e;
        }
        goodOffset += len;
    }

    private void recoverFromFailedWrite(IOException cause) {
        try {
            ch.truncate(goodOffset);
            ch.force(true);
            state = JournalState.WRITE_ERROR;
            LOG.error("{}: write failed ({}); truncated back to offset {}", file, cause.toString(), goodOffset);
        } catch (IOException e) {
            state = JournalState.BROKEN;
            LOG.error("{}: write failed ({}) and truncating back failed ({}); journal is broken", file,
                    cause.toString(), e.toString());
        }
    }

    /**
     * Replaces the journal with one record holding {@code snapshotBody}, crash-safely (write new, force, atomic
     * rename, force directory).
     */
    public void compact(String snapshotBody) throws IOException {
        if (state == JournalState.BROKEN) {
            throw new IOException("journal " + file + " is broken after an earlier write error");
        }
        Path tmp = tmpFile(file);
        ByteBuffer rec = JournalRecord.encode(snapshotBody);
        long len = rec.remaining();
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            while (rec.hasRemaining()) {
                out.write(rec);
            }
            out.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(file.toAbsolutePath().getParent());
        FileChannel old = ch;
        ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        old.close();
        goodOffset = len;
        snapshotSize = snapshotBody.length();
        state = JournalState.WRITE;
        LOG.info("{}: compacted to {} bytes", file, len);
    }

    private static void forceDirectory(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            ch.close();
        } finally {
            lockChannel.close();
        }
    }
}

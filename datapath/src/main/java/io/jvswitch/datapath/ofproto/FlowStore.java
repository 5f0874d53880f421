package io.jvswitch.datapath.ofproto;

import io.jvswitch.flowtable.FlowEntry;
import io.jvswitch.flowtable.FlowMod;
import io.jvswitch.flowtable.FlowModException;
import io.jvswitch.flowtable.FlowRule;
import io.jvswitch.flowtable.FlowTables;
import io.jvswitch.flowtable.text.FlowFormatter;
import io.jvswitch.flowtable.text.FlowParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each bridge's flows on disk so that they survive a daemon restart exactly as they were (SPEC §4):
 * one file per bridge, {@code <dir>/<bridge>.flows}, holding the flows as {@code ovs-ofctl} text
 * ({@link FlowFormatter#formatNoStats}: table, priority, cookie, timeouts, match, actions).
 *
 * <p><b>Durability.</b> A save writes the whole table to a temporary file with a CRC-32C header line,
 * fsyncs it, renames it over the old file and fsyncs the directory, so a crash leaves either the old or the
 * new table, never half of one. The ofctl handlers save before they reply. A file whose checksum does not
 * match is reported and not loaded.
 *
 * <p><b>Threading.</b> Callers serialize per bridge by holding the bridge's {@link FlowTables} monitor.
 */
public final class FlowStore {
    private static final Logger LOG = LoggerFactory.getLogger(FlowStore.class);
    private static final String MAGIC = "# jvswitch flows v1 crc32c=";
    private static final String SUFFIX = ".flows";

    private final Path dir;

    /** A store in directory {@code dir} (created on first save). */
    public FlowStore(Path dir) {
        this.dir = dir;
    }

    /** The file of {@code bridge}. */
    public Path file(String bridge) {
        return dir.resolve(bridge + SUFFIX);
    }

    /**
     * The flow tables of {@code bridge} as last saved, or empty when none were saved (a new bridge), or when
     * the file is damaged (logged).
     */
    public Optional<FlowTables> load(String bridge, LongSupplier clock, int counterSlots) {
        String text;
        try {
            text = Files.readString(file(bridge), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.error("cannot read the flows of {}: {}", bridge, e.toString());
            return Optional.empty();
        }
        int nl = text.indexOf('\n');
        if (!text.startsWith(MAGIC) || nl < 0) {
            LOG.error("{}: not a flow file; the bridge starts with the default flow", file(bridge));
            return Optional.empty();
        }
        String body = text.substring(nl + 1);
        String expected = text.substring(MAGIC.length(), nl).trim();
        if (!expected.equals(crc(body))) {
            LOG.error("{}: checksum mismatch; the bridge starts with the default flow", file(bridge));
            return Optional.empty();
        }
        FlowParser parser = new FlowParser();
        List<FlowMod> mods = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                FlowRule rule = parser.parseFlow(line);
                mods.add(FlowMod.add(rule));
            }
        }
        FlowTables tables = new FlowTables(clock, counterSlots);
        try {
            tables.apply(mods);
        } catch (FlowModException e) {
            LOG.error("{}: {}; the bridge starts with the default flow", file(bridge), e.getMessage());
            return Optional.empty();
        }
        LOG.info("{}: restored {} flow(s)", bridge, mods.size());
        return Optional.of(tables);
    }

    /** Writes every flow of {@code tables} as the saved state of {@code bridge}, durably. */
    public void save(String bridge, FlowTables tables) throws IOException {
        FlowFormatter formatter = new FlowFormatter();
        StringBuilder body = new StringBuilder();
        for (FlowEntry e : tables.flows(FlowMod.ALL_TABLES)) {
            body.append(formatter.formatNoStats(e.rule())).append('\n');
        }
        String text = MAGIC + crc(body.toString()) + "\n" + body;
        Files.createDirectories(dir);
        Path tmp = dir.resolve(bridge + SUFFIX + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        }
        Files.move(tmp, file(bridge), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
    }

    /** Forgets the flows of a deleted bridge. */
    public void delete(String bridge) {
        try {
            Files.deleteIfExists(file(bridge));
            syncDirectory();
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file(bridge), e.toString());
        }
    }

    private void syncDirectory() throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static String crc(String body) {
        CRC32C crc = new CRC32C();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }
}

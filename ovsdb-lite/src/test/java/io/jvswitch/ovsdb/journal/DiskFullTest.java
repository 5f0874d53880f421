package io.jvswitch.ovsdb.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.DatabaseSnapshot;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.txn.TxnBuilder;
import io.jvswitch.ovsdb.txn.TxnResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal on a tiny tmpfs that fills up: the transaction fails and changes nothing, and recovers later. */
@Tag("system")
class DiskFullTest {
    @TempDir
    Path dir;

    private static boolean run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void shouldFailTransactionAndRecoverWhenDiskFillsUp() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount a tmpfs");
        Path mnt = dir.resolve("mnt");
        Files.createDirectories(mnt);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=256k", "jvsdiskfull", mnt.toString()), "mount failed");
        try {
            Path f = mnt.resolve("conf.db");
            try (Database db = Database.open(f, Schema.vswitch())) {
                Path filler = mnt.resolve("filler");
                try (OutputStream out = Files.newOutputStream(filler)) {
                    byte[] block = new byte[4096];
                    while (true) {
                        out.write(block);
                        out.flush();
                    }
                } catch (IOException full) {
                    // the file system is full now
                }
                DatabaseSnapshot before = db.snapshot();
                TxnResult r = db.newTransaction().mutate("Open_vSwitch", List.of(), TxnBuilder.mutation(
                        "external_ids", "insert", Map.of("big", "x".repeat(20000)))).commit();
                assertThat(r.isSuccess()).isFalse();
                assertThat(r.error().error()).isEqualTo("I/O error");
                assertThat(db.snapshot()).isSameAs(before);
                assertThat(db.journalState()).isEqualTo(JournalState.WRITE_ERROR);

                Files.delete(filler);
                TxnResult again = db.newTransaction().mutate("Open_vSwitch", List.of(), TxnBuilder.mutation(
                        "external_ids", "insert", Map.of("k", "v"))).commit();
                assertThat(again.isSuccess()).as(again.toString()).isTrue();
                assertThat(db.journalState()).isEqualTo(JournalState.WRITE);
            }
            try (Database db = Database.open(f, Schema.vswitch())) {
                assertThat(db.journalDamage()).isNull();
                assertThat(db.snapshot().openVswitchRow().getStringMap("external_ids")).containsOnlyKeys("k");
            }
        } finally {
            run("umount", mnt.toString());
        }
    }
}

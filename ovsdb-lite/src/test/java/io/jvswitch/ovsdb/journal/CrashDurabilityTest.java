package io.jvswitch.ovsdb.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Schema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 a process in the middle of a transaction stream: every acknowledged transaction must be there. */
class CrashDurabilityTest {
    @TempDir
    Path dir;

    @Test
    void shouldKeepEveryAcknowledgedTransactionWhenWriterIsKilled() throws Exception {
        long seed = System.nanoTime();
        int killAfter = 20 + new Random(seed).nextInt(60);
        Path f = dir.resolve("conf.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), f.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int lastAck = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                assertThat(line).as("seed " + seed).startsWith("ack ");
                lastAck = Integer.parseInt(line.substring(4));
                if (lastAck >= killAfter) {
                    p.destroyForcibly();
                    break;
                }
            }
        } finally {
            p.destroyForcibly();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lastAck).as("seed " + seed).isGreaterThanOrEqualTo(killAfter);
        try (Database db = Database.open(f, Schema.vswitch())) {
            Map<String, String> ids = db.snapshot().openVswitchRow().getStringMap("external_ids");
            for (int i = 0; i <= lastAck; i++) {
                assertThat(ids).as("seed " + seed + ": acknowledged k" + i).containsEntry("k" + i, "v" + i);
            }
            long nextCfg = db.snapshot().openVswitchRow().getLong("next_cfg");
            assertThat(nextCfg).as("seed " + seed).isEqualTo(ids.size());
        }
    }
}

package io.jvswitch.ovsdb.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.txn.TxnBuilder;
import io.jvswitch.ovsdb.txn.TxnResult;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    private static TxnResult setExternalId(Database db, String key, String value) {
        return db.newTransaction().mutate("Open_vSwitch", List.of(), TxnBuilder.mutation("external_ids", "insert",
                Map.of(key, value))).commit();
    }

    private static Map<String, String> externalIds(Database db) {
        return db.snapshot().openVswitchRow().getStringMap("external_ids");
    }

    @Test
    void shouldReplayCommittedTransactionsWhenReopened() throws IOException {
        Path f = dir.resolve("conf.db");
        try (Database db = Database.open(f, Schema.vswitch())) {
            assertThat(db.snapshot().table("Open_vSwitch").size()).isEqualTo(1);
            for (int i = 0; i < 5; i++) {
                assertThat(setExternalId(db, "k" + i, "v" + i).isSuccess()).isTrue();
            }
        }
        try (Database db = Database.open(f, Schema.vswitch())) {
            assertThat(db.journalDamage()).isNull();
            assertThat(db.snapshot().table("Open_vSwitch").size()).isEqualTo(1);
            assertThat(externalIds(db)).hasSize(5).containsEntry("k4", "v4");
            assertThat(setExternalId(db, "k5", "v5").txnId()).isEqualTo(db.snapshot().txnId());
        }
    }

    @Test
    void shouldKeepIntactPrefixWhenFileIsCutMidRecord() throws IOException {
        Path f = dir.resolve("conf.db");
        long sizeAfterThree;
        try (Database db = Database.open(f, Schema.vswitch())) {
            for (int i = 0; i < 3; i++) {
                setExternalId(db, "k" + i, "v" + i);
            }
            sizeAfterThree = db.journalSize();
            setExternalId(db, "k3", "v3");
        }
        long full = Files.size(f);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(sizeAfterThree + (full - sizeAfterThree) / 2);
        }
        try (Database db = Database.open(f, Schema.vswitch())) {
            assertThat(db.journalDamage()).contains("truncated");
            assertThat(Files.size(Journal.damagedCopy(f))).isEqualTo(sizeAfterThree + (full - sizeAfterThree) / 2);
            assertThat(db.journalState()).isEqualTo(JournalState.READ_ERROR);
            assertThat(externalIds(db)).containsOnlyKeys("k0", "k1", "k2");
            // The next write truncates the damaged tail first, then appends.
            assertThat(setExternalId(db, "k9", "v9").isSuccess()).isTrue();
            assertThat(db.journalState()).isEqualTo(JournalState.WRITE);
        }
        try (Database db = Database.open(f, Schema.vswitch())) {
            assertThat(db.journalDamage()).isNull();
            assertThat(externalIds(db)).containsOnlyKeys("k0", "k1", "k2", "k9");
        }
    }

    @Test
    void shouldKeepIntactPrefixWhenAByteIsFlipped() throws IOException {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        Path f = dir.resolve("conf.db");
        long sizeAfterTwo;
        try (Database db = Database.open(f, Schema.vswitch())) {
            setExternalId(db, "a", "1");
            setExternalId(db, "b", "2");
            sizeAfterTwo = db.journalSize();
            setExternalId(db, "c", "3");
            setExternalId(db, "d", "4");
        }
        byte[] bytes = Files.readAllBytes(f);
        long third = bytes.length - sizeAfterTwo;
        int at = (int) (sizeAfterTwo + rnd.nextInt((int) third / 2));
        bytes[at] ^= (byte) (1 << rnd.nextInt(8));
        Files.write(f, bytes);
        try (Database db = Database.open(f, Schema.vswitch())) {
            assertThat(db.journalDamage()).as("seed " + seed + " offset " + at).isNotNull();
            assertThat(externalIds(db)).as("seed " + seed).containsOnlyKeys("a", "b");
        }
    }

    @Test
    void shouldReadBackCompactedStateWhenReopened() throws IOException {
        Path f = dir.resolve("conf.db");
        try (Database db = Database.open(f, Schema.vswitch(), 4096)) {
            for (int i = 0; i < 200; i++) {
                setExternalId(db, "key" + i, "value" + i);
            }
            // 200 records of ~150 bytes would be ~30 kB without compaction.
            assertThat(db.journalSize()).isLessThan(16384);
            db.newTransaction().mutate("Open_vSwitch", List.of(), TxnBuilder.mutation("external_ids", "delete",
                    List.of("key0"))).commit();
        }
        assertThat(Files.exists(dir.resolve("conf.db.tmp"))).isFalse();
        try (Database db = Database.open(f, Schema.vswitch())) {
            assertThat(db.journalDamage()).isNull();
            assertThat(externalIds(db)).hasSize(199).containsEntry("key199", "value199").doesNotContainKey("key0");
            assertThat(db.snapshot().txnId()).isGreaterThanOrEqualTo(201);
        }
    }

    @Test
    void shouldNotJournalWhenOnlyEphemeralColumnsChange() throws IOException {
        Path f = dir.resolve("conf.db");
        try (Database db = Database.open(f, Schema.vswitch())) {
            long size = db.journalSize();
            TxnResult r = db.newTransaction().update("Open_vSwitch", List.of(), Map.of("statistics",
                    Map.of("cpu", "2"))).commit();
            assertThat(r.changes()).isNotNull();
            assertThat(db.journalSize()).isEqualTo(size);
            setExternalId(db, "x", "y");
        }
        try (Database db = Database.open(f, Schema.vswitch())) {
            assertThat(db.snapshot().openVswitchRow().getStringMap("statistics")).isEmpty();
            assertThat(externalIds(db)).containsEntry("x", "y");
        }
    }

    @Test
    void shouldDeleteStaleTempFileWhenCompactionCrashedBeforeRename() throws IOException {
        Path f = dir.resolve("conf.db");
        try (Database db = Database.open(f, Schema.vswitch())) {
            setExternalId(db, "a", "1");
        }
        Files.writeString(dir.resolve("conf.db.tmp"), "half a snapshot");
        try (Database db = Database.open(f, Schema.vswitch())) {
            assertThat(externalIds(db)).containsEntry("a", "1");
        }
        assertThat(Files.exists(dir.resolve("conf.db.tmp"))).isFalse();
    }

    @Test
    void shouldStopAtGarbageWhenRecordMagicIsWrong() throws IOException {
        Path f = dir.resolve("j");
        Journal.Opened o = Journal.open(f);
        o.journal().append("{\"a\":1}");
        o.journal().append("{\"b\":2}");
        o.journal().close();
        Files.write(f, "garbage!garbage!".getBytes(), StandardOpenOption.APPEND);
        Journal.Opened again = Journal.open(f);
        assertThat(again.records()).containsExactly("{\"a\":1}", "{\"b\":2}");
        assertThat(again.journal().damage()).startsWith("bad record magic");
        again.journal().append("{\"c\":3}");
        again.journal().close();
        Journal.Opened third = Journal.open(f);
        assertThat(third.records()).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
        third.journal().close();
    }

    @Test
    void shouldRefuseSecondWriterWhenJournalIsOpen() throws IOException {
        Path f = dir.resolve("conf.db");
        try (Database db = Database.open(f, Schema.vswitch())) {
            assertThatThrownBy(() -> Database.open(f, Schema.vswitch())).isInstanceOf(IOException.class)
                    .hasMessageContaining("already open");
            assertThat(setExternalId(db, "still", "works").isSuccess()).isTrue();
        }
        try (Database again = Database.open(f, Schema.vswitch())) {
            assertThat(externalIds(again)).containsEntry("still", "works");
        }
    }

    @Test
    void shouldSkipUnknownTablesColumnsAndBadValuesWhenReplayingAfterSchemaChange() throws IOException {
        Path f = dir.resolve("old.db");
        Journal.Opened o = Journal.open(f);
        String u = "11111111-2222-4333-8444-555555555555";
        o.journal().append("{\"txn\":1,\"snapshot\":true,\"tables\":{\"Open_vSwitch\":{\"" + u
                + "\":{\"next_cfg\":7,\"gone_column\":1,\"cur_cfg\":\"not a number\"}},\"Gone_Table\":{}}}");
        o.journal().append("{\"txn\":2,\"tables\":{\"Open_vSwitch\":{\"" + u + "\":{\"ovs_version\":\"3.1.0\"}}}}");
        o.journal().close();
        try (Database db = Database.open(f, Schema.vswitch())) {
            assertThat(db.snapshot().txnId()).isEqualTo(2);
            assertThat(db.snapshot().table("Open_vSwitch").size()).isEqualTo(1);
            assertThat(db.snapshot().openVswitchRow().uuid().toString()).isEqualTo(u);
            assertThat(db.snapshot().openVswitchRow().getLong("next_cfg")).isEqualTo(7);
            assertThat(db.snapshot().openVswitchRow().getLong("cur_cfg")).isZero();
            assertThat(db.snapshot().openVswitchRow().getString("ovs_version")).isEqualTo("3.1.0");
        }
    }
}

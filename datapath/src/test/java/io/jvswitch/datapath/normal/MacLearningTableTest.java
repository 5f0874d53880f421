package io.jvswitch.datapath.normal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class MacLearningTableTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MAC_A = 0x0200_0000_000AL;
    private static final long MAC_B = 0x0200_0000_000BL;

    private long now = 1_000 * SECOND;

    @Test
    void shouldFindPortWhenLearned() {
        MacLearningTable table = new MacLearningTable();
        assertThat(table.learn(10, MAC_A, 3, now)).isTrue();
        assertThat(table.lookup(10, MAC_A, now)).isEqualTo(3);
        assertThat(table.lookup(20, MAC_A, now)).isEqualTo(MacLearningTable.NO_PORT);
        assertThat(table.learn(10, MAC_A, 3, now)).isFalse();
    }

    @Test
    void shouldSayWhenToShareWhenLearnedWithRefreshInterval() {
        MacLearningTable table = new MacLearningTable(16, 300 * SECOND);
        assertThat(table.learnShared(1, MAC_A, 1, now, SECOND)).isEqualTo(MacLearningTable.LEARN_CHANGED);
        assertThat(table.learnShared(1, MAC_A, 1, now + SECOND - 1, SECOND))
            .isEqualTo(MacLearningTable.LEARN_UNCHANGED);
        assertThat(table.learnShared(1, MAC_A, 1, now + SECOND, SECOND))
            .isEqualTo(MacLearningTable.LEARN_REFRESH_DUE);
        assertThat(table.learnShared(1, MAC_A, 1, now + SECOND + 1, SECOND))
            .isEqualTo(MacLearningTable.LEARN_UNCHANGED);
        // A move counts as shared: the next refresh is a full interval after it.
        assertThat(table.learnShared(1, MAC_A, 2, now + 3 * SECOND / 2, SECOND))
            .isEqualTo(MacLearningTable.LEARN_CHANGED);
        assertThat(table.learnShared(1, MAC_A, 2, now + 2 * SECOND, SECOND))
            .isEqualTo(MacLearningTable.LEARN_UNCHANGED);
        // Learning without sharing leaves the shared time alone.
        assertThat(table.learn(1, MAC_A, 2, now + 5 * SECOND / 2)).isFalse();
        assertThat(table.learnShared(1, MAC_A, 2, now + 5 * SECOND / 2, SECOND))
            .isEqualTo(MacLearningTable.LEARN_REFRESH_DUE);
        // An entry that had aged out is new again.
        assertThat(table.learnShared(1, MAC_A, 2, now + 400 * SECOND, SECOND))
            .isEqualTo(MacLearningTable.LEARN_CHANGED);
    }

    @Test
    void shouldKeepSharedTimeWhenResized() {
        MacLearningTable table = new MacLearningTable(4, 300 * SECOND);
        table.learnShared(1, MAC_A, 1, now, SECOND);
        table.learnShared(1, MAC_B, 1, now + SECOND / 2, SECOND);
        table.setMaxEntries(8);
        assertThat(table.learnShared(1, MAC_B, 1, now + SECOND, SECOND)).isEqualTo(MacLearningTable.LEARN_UNCHANGED);
        assertThat(table.learnShared(1, MAC_A, 1, now + SECOND, SECOND))
            .isEqualTo(MacLearningTable.LEARN_REFRESH_DUE);
    }

    @Test
    void shouldForgetEntryWhenAgedOut() {
        MacLearningTable table = new MacLearningTable(16, 300 * SECOND);
        table.learn(1, MAC_A, 1, now);
        now += 299 * SECOND;
        assertThat(table.lookup(1, MAC_A, now)).isEqualTo(1);
        now += SECOND;
        assertThat(table.lookup(1, MAC_A, now)).isEqualTo(MacLearningTable.NO_PORT);
        assertThat(table.size()).isZero();
    }

    @Test
    void shouldRefreshAgeWhenSeenAgain() {
        MacLearningTable table = new MacLearningTable(16, 10 * SECOND);
        table.learn(1, MAC_A, 1, now);
        table.learn(1, MAC_B, 1, now);
        now += 8 * SECOND;
        table.learn(1, MAC_A, 1, now);
        now += 5 * SECOND;
        assertThat(table.expire(now)).isEqualTo(1);
        assertThat(table.lookup(1, MAC_A, now)).isEqualTo(1);
        assertThat(table.lookup(1, MAC_B, now)).isEqualTo(MacLearningTable.NO_PORT);
    }

    @Test
    void shouldEvictLeastRecentlySeenWhenFull() {
        MacLearningTable table = new MacLearningTable(3, 300 * SECOND);
        for (int k = 0; k < 3; k++) {
            table.learn(1, MAC_A + k, k, now + k);
        }
        table.learn(1, MAC_A, 0, now + 10);
        table.learn(1, MAC_B + 100, 9, now + 11);

        assertThat(table.size()).isEqualTo(3);
        assertThat(table.evictions()).isEqualTo(1);
        assertThat(table.lookup(1, MAC_A + 1, now + 12)).isEqualTo(MacLearningTable.NO_PORT);
        assertThat(table.lookup(1, MAC_A, now + 12)).isZero();
        assertThat(table.lookup(1, MAC_B + 100, now + 12)).isEqualTo(9);
    }

    @Test
    void shouldMoveAddressWhenSeenOnAnotherPort() {
        MacLearningTable table = new MacLearningTable();
        table.learn(1, MAC_A, 1, now);
        assertThat(table.learn(1, MAC_A, 2, now + 1)).isTrue();
        assertThat(table.lookup(1, MAC_A, now + 1)).isEqualTo(2);
        assertThat(table.moves()).isEqualTo(1);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void shouldFlushByPortVlanOrAllWhenAsked() {
        MacLearningTable table = new MacLearningTable();
        table.learn(1, MAC_A, 1, now);
        table.learn(2, MAC_A, 2, now);
        table.learn(2, MAC_B, 1, now);
        assertThat(table.flushPort(1)).isEqualTo(2);
        assertThat(table.lookup(2, MAC_A, now)).isEqualTo(2);
        table.learn(3, MAC_B, 3, now);
        assertThat(table.flushVlan(2)).isEqualTo(1);
        assertThat(table.size()).isEqualTo(1);
        table.flush();
        assertThat(table.size()).isZero();
        assertThat(table.lookup(3, MAC_B, now)).isEqualTo(MacLearningTable.NO_PORT);
    }

    @Test
    void shouldDumpOldestFirstWithAgeWhenAsked() {
        MacLearningTable table = new MacLearningTable();
        table.learn(5, MAC_A, 1, now);
        table.learn(6, MAC_B, 2, now + 4 * SECOND);
        assertThat(table.dump(now + 7 * SECOND)).containsExactly(
            new MacLearningTable.MacEntry(1, 5, MAC_A, 7), new MacLearningTable.MacEntry(2, 6, MAC_B, 3));
        assertThat(table.dump(now).get(0).toString()).isEqualTo("1 5 02:00:00:00:00:0a 0");
    }

    @Test
    void shouldKeepNewestWhenShrunk() {
        MacLearningTable table = new MacLearningTable();
        for (int k = 0; k < 10; k++) {
            table.learn(1, MAC_A + k, k, now + k);
        }
        table.setMaxEntries(4);
        assertThat(table.size()).isEqualTo(4);
        assertThat(table.lookup(1, MAC_A + 5, now + 20)).isEqualTo(MacLearningTable.NO_PORT);
        assertThat(table.lookup(1, MAC_A + 9, now + 20)).isEqualTo(9);
    }

    @Test
    void shouldAgreeWithReferenceMapWhenRandomOperationsApplied() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        MacLearningTable table = new MacLearningTable(64, Long.MAX_VALUE / 4);
        Map<Long, Integer> reference = new HashMap<>();
        Map<Long, Long> seen = new HashMap<>();
        for (int step = 0; step < 20_000; step++) {
            now++;
            int vlan = random.nextInt(3);
            long mac = random.nextInt(100);
            long key = MacLearningTable.key(vlan, mac);
            int op = random.nextInt(10);
            if (op < 6) {
                int port = random.nextInt(5);
                if (!reference.containsKey(key) && reference.size() == 64) {
                    long oldest = seen.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
                    reference.remove(oldest);
                    seen.remove(oldest);
                }
                table.learn(vlan, mac, port, now);
                reference.put(key, port);
                seen.put(key, now);
            } else if (op < 9) {
                assertThat(table.lookup(vlan, mac, now)).as("seed %d step %d", seed, step)
                    .isEqualTo(reference.getOrDefault(key, MacLearningTable.NO_PORT));
            } else {
                int port = random.nextInt(5);
                table.flushPort(port);
                reference.entrySet().removeIf(en -> en.getValue() == port);
                seen.keySet().retainAll(reference.keySet());
            }
            assertThat(table.size()).as("seed %d step %d", seed, step).isEqualTo(reference.size());
        }
    }
}

package io.jvswitch.ovsdb.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.Subscription;
import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.txn.TxnBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChangeFeedTest {

    private static void setKey(Database db, String k) {
        db.newTransaction().mutate("Open_vSwitch", List.of(), TxnBuilder.mutation("external_ids", "insert",
                Map.of(k, "v"))).commit();
    }

    @Test
    void shouldDeliverInsertModifyDeleteWhenTransactionsCommit() {
        Database db = Database.inMemory(Schema.vswitch());
        List<ChangeSet> seen = new ArrayList<>();
        Subscription sub = db.subscribe(seen::add);
        assertThat(sub.initial().table("Open_vSwitch").size()).isEqualTo(1);
        TxnBuilder t = db.newTransaction();
        TxnBuilder.Ref i = t.insert("Interface", Map.of("name", "br0", "type", "internal"));
        TxnBuilder.Ref p = t.insert("Port", Map.of("name", "br0", "interfaces", i));
        TxnBuilder.Ref b = t.insert("Bridge", Map.of("name", "br0", "ports", p));
        t.mutate("Open_vSwitch", List.of(), TxnBuilder.mutation("bridges", "insert", b));
        assertThat(t.commit().isSuccess()).isTrue();
        db.newTransaction().update("Open_vSwitch", List.of(), Map.of("bridges", List.of())).commit();

        assertThat(seen).hasSize(2);
        ChangeSet first = seen.get(0);
        assertThat(first.inserted("Bridge")).hasSize(1);
        assertThat(first.modified("Open_vSwitch")).hasSize(1);
        assertThat(first.modified("Open_vSwitch").get(0).changedColumns()).extracting(c -> c.name())
                .containsExactly("bridges");
        ChangeSet second = seen.get(1);
        assertThat(second.txnId()).isGreaterThan(first.txnId());
        assertThat(second.deleted("Interface")).hasSize(1);
        assertThat(second.tables()).containsExactlyInAnyOrder("Open_vSwitch", "Bridge", "Port", "Interface");
        Json updates = second.toTableUpdates(List.of("Open_vSwitch", "Bridge"));
        Json.Obj ovs = (Json.Obj) ((Json.Obj) updates).get("Open_vSwitch");
        Json.Obj change = (Json.Obj) ovs.members().values().iterator().next();
        assertThat(((Json.Obj) change.get("old")).members().keySet()).containsExactly("bridges");
        assertThat(((Json.Obj) updates).members().keySet()).containsExactly("Open_vSwitch", "Bridge");

        sub.close();
        setKey(db, "after-close");
        assertThat(seen).hasSize(2);
    }

    @Test
    void shouldKeepCommittingWhenAListenerThrows() {
        Database db = Database.inMemory(Schema.vswitch());
        List<Long> seen = new ArrayList<>();
        db.subscribe(cs -> {
            throw new IllegalStateException("boom");
        });
        db.subscribe(cs -> seen.add(cs.txnId()));
        setKey(db, "a");
        setKey(db, "b");
        assertThat(seen).hasSize(2);
        assertThat(db.snapshot().openVswitchRow().getStringMap("external_ids")).containsOnlyKeys("a", "b");
    }

    @Test
    void shouldDeliverInCommitOrderWhenManyThreadsCommit() throws InterruptedException {
        Database db = Database.inMemory(Schema.vswitch());
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        db.subscribe(cs -> seen.add(cs.txnId()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 200; i++) {
            String k = "k" + i;
            pool.execute(() -> setKey(db, k));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(200).isSorted().doesNotHaveDuplicates();
        assertThat(seen.get(199)).isEqualTo(db.snapshot().txnId());
    }

    @Test
    void shouldSeeEveryLaterTransactionExactlyOnceWhenSubscribingWhileOthersCommit() throws Exception {
        Database db = Database.inMemory(Schema.vswitch());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.execute(() -> {
            for (int i = 0; i < 300; i++) {
                setKey(db, "k" + i);
            }
        });
        Thread.sleep(5);
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        Subscription sub = db.subscribe(cs -> seen.add(cs.txnId()));
        pool.shutdown();
        assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        long start = sub.initial().txnId();
        List<Long> expected = new ArrayList<>();
        for (long t = start + 1; t <= db.snapshot().txnId(); t++) {
            expected.add(t);
        }
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void shouldShapeUpdatesLikeOvsdbServerMonitorV1WhenColumnsAreSelected() {
        Database db = Database.inMemory(Schema.vswitch());
        List<ChangeSet> seen = new ArrayList<>();
        db.subscribe(seen::add);
        TxnBuilder t = db.newTransaction();
        TxnBuilder.Ref i = t.insert("Interface", Map.of("name", "br0", "type", "internal"));
        TxnBuilder.Ref p = t.insert("Port", Map.of("name", "br0", "interfaces", i));
        TxnBuilder.Ref b = t.insert("Bridge", Map.of("name", "br0", "ports", p));
        t.mutate("Open_vSwitch", List.of(), TxnBuilder.mutation("bridges", "insert", b));
        t.commit();
        db.newTransaction().update("Interface", List.of(), Map.of("ofport", 5)).commit();
        db.newTransaction().update("Interface", List.of(), Map.of("mtu", 1500)).commit();
        Map<String, List<String>> monitor = Map.of("Interface", List.of("name", "ofport"), "Open_vSwitch", List.of());

        Json first = seen.get(0).toMonitorUpdates(monitor);
        String iface = first.toString();
        assertThat(iface).contains("\"new\":{\"name\":\"br0\",\"ofport\":[\"set\",[]]}");
        // Open_vSwitch is monitored with no columns: its modification produces no entry.
        assertThat(((Json.Obj) first).members().keySet()).containsExactly("Interface");
        String second = seen.get(1).toMonitorUpdates(monitor).toString();
        assertThat(second).endsWith("{\"old\":{\"ofport\":[\"set\",[]]},\"new\":{\"name\":\"br0\",\"ofport\":5}}}}");
        // Only an unmonitored column changed: nothing to send.
        assertThat(seen.get(2).toMonitorUpdates(monitor).toString()).isEqualTo("{}");
        String initial = ChangeSet.initialMonitorUpdates(db.snapshot(), monitor).toString();
        assertThat(initial).contains("\"Open_vSwitch\":{\"").contains("\"new\":{}");
    }
}

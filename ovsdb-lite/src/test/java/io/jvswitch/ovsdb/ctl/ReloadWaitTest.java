package io.jvswitch.ovsdb.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.DatabaseSnapshot;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.Subscription;
import io.jvswitch.ovsdb.txn.TxnBuilder;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ovs-vsctl's wait for the datapath (next_cfg/cur_cfg) and its report of interfaces that failed. */
class ReloadWaitTest {
    private final Database db = Database.inMemory(Schema.vswitch());
    private final ExecutorService datapath = Executors.newSingleThreadExecutor();
    private Subscription sub;

    @AfterEach
    void tearDown() throws Exception {
        if (sub != null) {
            sub.close();
        }
        datapath.shutdownNow();
        datapath.awaitTermination(5, TimeUnit.SECONDS);
        db.close();
    }

    /** A stand-in datapath: marks interfaces named bad* as failed, then acknowledges next_cfg. */
    private void startFakeDatapath() {
        sub = db.subscribe(cs -> datapath.submit(() -> {
            DatabaseSnapshot s = db.snapshot();
            Row ovs = s.openVswitchRow();
            if (ovs.getLong("next_cfg").equals(ovs.getLong("cur_cfg"))) {
                return;
            }
            TxnBuilder t = db.newTransaction();
            for (Row iface : s.table("Interface").rows()) {
                if (iface.getString("name").startsWith("bad") && iface.getString("error") == null) {
                    t.update("Interface", List.of(TxnBuilder.whereUuid(iface.uuid())), Map.of("error",
                            List.of("could not open network device " + iface.getString("name") + " (No such device)")));
                }
            }
            t.update("Open_vSwitch", List.of(TxnBuilder.whereUuid(ovs.uuid())), Map.of("cur_cfg",
                    ovs.getLong("next_cfg")));
            t.commit();
        }));
    }

    private VsctlResult run(VsctlEngine engine, String line) {
        return engine.run(ShellWords.split(line), "jvs-vsctl");
    }

    @Test
    void shouldReportInterfacesTheDatapathCouldNotSetUpWhenWaiting() {
        startFakeDatapath();
        VsctlEngine engine = new VsctlEngine(db, Clock.systemUTC(), 5000);
        assertThat(run(engine, "add-br br0").exitCode()).isZero();
        VsctlResult r = run(engine, "add-port br0 bad0 -- add-port br0 good0");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).isEqualTo("jvs-vsctl: Error detected while setting up 'bad0': could not open network "
                + "device bad0 (No such device).  See ovs-vswitchd log for details.\n");
        Row ovs = db.snapshot().openVswitchRow();
        assertThat(ovs.getLong("next_cfg")).isEqualTo(2L);
        assertThat(ovs.getLong("cur_cfg")).isEqualTo(2L);
        assertThat(run(engine, "--no-wait add-port br0 bad1").stderr()).isEmpty();
        assertThat(db.snapshot().openVswitchRow().getLong("next_cfg")).isEqualTo(2L);
        assertThat(run(engine, "list-br").stdout()).isEqualTo("br0\n");
        assertThat(db.snapshot().openVswitchRow().getLong("next_cfg")).as("read-only: no bump").isEqualTo(2L);
    }

    @Test
    void shouldGiveUpWaitingWhenNoDatapathAcknowledges() {
        VsctlEngine engine = new VsctlEngine(db, Clock.systemUTC(), 200);
        long t0 = System.nanoTime();
        VsctlResult r = run(engine, "add-br br0");
        assertThat(r.exitCode()).isZero();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
        assertThat(run(engine, "list-br").stdout()).isEqualTo("br0\n");
        assertThat(run(new VsctlEngine(db), "add-br br1").exitCode()).as("waiting is off by default").isZero();
        assertThat(db.snapshot().openVswitchRow().getLong("next_cfg")).isEqualTo(1L);
    }
}

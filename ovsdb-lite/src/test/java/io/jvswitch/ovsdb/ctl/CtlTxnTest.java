package io.jvswitch.ovsdb.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.ovsdb.Atom;
import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Datum;
import io.jvswitch.ovsdb.OvsdbException;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.TableSchema;
import io.jvswitch.ovsdb.txn.TxnResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The working copy's commit guards: what another writer may and may not change in between. */
class CtlTxnTest {
    private final Database db = Database.inMemory(Schema.vswitch());
    private final VsctlEngine engine = new VsctlEngine(db);

    private void vsctl(String line) {
        assertThat(engine.run(ShellWords.split(line), "ovs-vsctl").exitCode()).isZero();
    }

    private TxnResult setMtu(CtlTxn txn, String iface, long mtu) {
        TableSchema t = txn.table("Interface");
        Row r = txn.findByString(t, "name", iface).get(0);
        txn.set(r, "mtu_request", Datum.scalar(Atom.integer(mtu)));
        return db.transact(txn.operations());
    }

    @Test
    void shouldFailWithTimedOutWhenAnotherWriterChangedTheRowsRead() {
        vsctl("add-br br0 -- add-port br0 p1 -- add-port br0 p2");
        CtlTxn txn = new CtlTxn(db.snapshot());
        vsctl("set Interface p1 external_ids:x=y");
        TxnResult r = setMtu(txn, "p1", 9000);
        assertThat(r.isSuccess()).isFalse();
        assertThat(r.error().error()).isEqualTo(OvsdbException.TIMED_OUT);
    }

    @Test
    void shouldFailWithTimedOutWhenANameLookedUpAppearsMeanwhile() {
        vsctl("add-br br0");
        CtlTxn txn = new CtlTxn(db.snapshot());
        assertThat(txn.findByString(txn.table("Port"), "name", "p9")).isEmpty();
        Row ovs = txn.rows(txn.table("Open_vSwitch")).get(0);
        txn.set(ovs, "external_ids", Datum.mapOf(Atom.string("k"), Atom.string("v")));
        vsctl("add-port br0 p9");
        TxnResult r = db.transact(txn.operations());
        assertThat(r.error().error()).isEqualTo(OvsdbException.TIMED_OUT);
    }

    @Test
    void shouldCommitWhenOtherWritesTouchNothingRead() {
        vsctl("add-br br0 -- add-port br0 p1 -- add-br br1 -- add-port br1 p2");
        CtlTxn txn = new CtlTxn(db.snapshot());
        vsctl("set Interface p2 external_ids:x=y");
        TxnResult r = setMtu(txn, "p1", 9000);
        assertThat(r.isSuccess()).as(String.valueOf(r)).isTrue();
        assertThat(db.snapshot().table("Interface").findByName("p1").getLong("mtu_request")).isEqualTo(9000L);
    }

    @Test
    void shouldNotConflictWithStatisticsWritesWhenAddingAPort() {
        vsctl("add-br br0 -- add-port br0 p1");
        Invocation inv = new VsctlParser(commandTable(), "ovs-vsctl").parse(ShellWords.split("add-port br0 p2"));
        CtlTxn txn = new CtlTxn(db.snapshot());
        inv.commands().get(0).spec().handler().run(new CommandContext(inv.commands().get(0), txn, new CtlSymbols(),
                inv.style(), new ArrayList<>()));
        vsctl("set Interface p1 statistics:rx_packets=5 -- set Interface br0 link_state=up");
        assertThat(db.transact(txn.operations()).isSuccess()).isTrue();
        vsctl("list-ports br0");
        assertThat(db.snapshot().table("Port").findByName("p2")).isNotNull();

        CtlTxn again = new CtlTxn(db.snapshot());
        Invocation inv3 = new VsctlParser(commandTable(), "ovs-vsctl").parse(ShellWords.split("add-port br0 p3"));
        inv3.commands().get(0).spec().handler().run(new CommandContext(inv3.commands().get(0), again,
                new CtlSymbols(), inv3.style(), new ArrayList<>()));
        vsctl("add-port br0 p4");
        assertThat(db.transact(again.operations()).error().error()).as("a new port on the bridge is a conflict")
                .isEqualTo(OvsdbException.TIMED_OUT);
    }

    private static Map<String, CommandSpec> commandTable() {
        Map<String, CommandSpec> table = new LinkedHashMap<>();
        BridgeCommands.register(table);
        return table;
    }

    @Test
    void shouldLeaveDestroyedNonRootRowsToTheGarbageCollector() {
        vsctl("add-br br0 -- --id=@s create sflow targets=x -- set Bridge br0 sflow=@s");
        CtlTxn txn = new CtlTxn(db.snapshot());
        TableSchema sflow = txn.table("sFlow");
        for (Row r : txn.rows(sflow)) {
            txn.delete(r);
        }
        assertThat(txn.isChanged()).isTrue();
        assertThat(txn.operations().toString()).doesNotContain("\"delete\"");
        assertThat(db.transact(txn.operations()).isSuccess()).isTrue();
        assertThat(db.snapshot().table("sFlow").size()).isEqualTo(1);
        assertThat(List.copyOf(db.snapshot().table("QoS").rows())).isEmpty();
    }
}

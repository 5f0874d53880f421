package io.jvswitch.datapath.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.datapath.Datapath;
import io.jvswitch.datapath.normal.PortVlanConfig;
import io.jvswitch.datapath.ofproto.FlowStore;
import io.jvswitch.datapath.pmd.PortWaiter;
import io.jvswitch.datapath.pmd.ThreadingMode;
import io.jvswitch.datapath.port.memory.MemoryPortIo;
import io.jvswitch.flowtable.OfPort;
import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.ctl.VsctlEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store drives the datapath: only what changed is applied, ofports are chosen and kept. */
class BridgeReconcilerTest {
    @TempDir
    Path dir;

    private final Database db = Database.inMemory(Schema.vswitch());
    private final VsctlEngine vsctl = new VsctlEngine(db);
    private Datapath datapath;
    private BridgeReconciler reconciler;

    private void start() throws Exception {
        datapath = new Datapath((name, type) -> {
            if (name.startsWith("missing")) {
                throw new IllegalStateException("No such device");
            }
            return new MemoryPortIo(name);
        }, ThreadingMode.INVOKER, (PortWaiter) null, System::nanoTime, 2048);
        reconciler = new BridgeReconciler(db, datapath, new FlowStore(dir), System::nanoTime);
        reconciler.start();
    }

    @AfterEach
    void tearDown() {
        if (reconciler != null) {
            reconciler.close();
            datapath.close();
        }
    }

    private void vsctl(String... args) {
        assertThat(vsctl.run(List.of(args), "jvs-vsctl").exitCode()).isZero();
    }

    private Map<String, Integer> ofports(String bridge) {
        return datapath.ports(bridge).stream().collect(Collectors.toMap(Datapath.PortInfo::name,
                Datapath.PortInfo::ofport));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    private Row iface(String name) {
        return db.snapshot().table("Interface").findByName(name);
    }

    @Test
    void shouldCreateBridgePortsAndWriteOfportsBackWhenConfigured() throws Exception {
        start();
        vsctl("add-br", "br0", "--", "add-port", "br0", "p1", "--", "add-port", "br0", "p2", "tag=5");
        await(() -> ofports("br0").size() == 3);
        assertThat(ofports("br0")).isEqualTo(Map.of("br0", OfPort.LOCAL, "p1", 1, "p2", 2));
        assertThat(datapath.portInfo("br0", "p2").vlan()).isEqualTo(PortVlanConfig.access(5));
        await(() -> Long.valueOf(2).equals(iface("p2").getLong("ofport")));
        assertThat(datapath.flowTables("br0").size()).isEqualTo(1);

        vsctl("set", "Port", "p2", "tag=6");
        await(() -> datapath.portInfo("br0", "p2").vlan().equals(PortVlanConfig.access(6)));
        assertThat(ofports("br0").get("p2")).isEqualTo(2);

        vsctl("add-port", "br0", "p3", "--", "set", "Interface", "p3", "ofport_request=10");
        await(() -> ofports("br0").containsKey("p3"));
        assertThat(ofports("br0").get("p3")).isEqualTo(10);

        vsctl("del-port", "p1");
        await(() -> !ofports("br0").containsKey("p1"));
        vsctl("add-port", "br0", "p4");
        await(() -> ofports("br0").containsKey("p4"));
        assertThat(ofports("br0").get("p4")).isEqualTo(1);

        vsctl("del-br", "br0");
        await(() -> datapath.bridgeNames().isEmpty());
        assertThat(new FlowStore(dir).file("br0")).doesNotExist();
    }

    @Test
    void shouldKeepOfportsWhenReconcilerStartsAgain() throws Exception {
        start();
        vsctl("add-br", "br0", "--", "add-port", "br0", "b", "--", "add-port", "br0", "a");
        await(() -> Long.valueOf(2).equals(iface("b").getLong("ofport")));
        reconciler.close();
        datapath.close();
        vsctl("del-port", "a");
        start();
        vsctl("add-port", "br0", "c");
        await(() -> ofports("br0").containsKey("c"));
        assertThat(ofports("br0")).isEqualTo(Map.of("br0", OfPort.LOCAL, "b", 2, "c", 1));
    }

    @Test
    void shouldReportMissingDeviceAndResumeWhenItAppears() throws Exception {
        start();
        vsctl("add-br", "br0", "--", "add-port", "br0", "missing0");
        await(() -> iface("missing0") != null && iface("missing0").getString("error") != null);
        assertThat(iface("missing0").getString("error")).contains("No such device");
        assertThat(iface("missing0").getString("link_state")).isEqualTo("down");
        assertThat(datapath.portInfo("br0", "missing0").open()).isFalse();
        assertThat(datapath.portInfo("br0", "missing0").ofport()).isEqualTo(1);
    }

    @Test
    void shouldReleaseWaiterOnceTransactionIsAppliedWhenVsctlChangedPorts() throws Exception {
        start();
        vsctl("add-br", "br0", "--", "add-port", "br0", "p1");
        assertThat(reconciler.awaitApplied(db.snapshot().txnId(), 5_000)).isTrue();
        assertThat(ofports("br0")).containsEntry("p1", 1);
        assertThat(reconciler.awaitApplied(Long.MAX_VALUE, 50)).isFalse();
    }

    @Test
    void shouldChooseLowestFreeOfportWhenNothingRequested() {
        DesiredConfig.PortConfig plain = new DesiredConfig.PortConfig("p", null, "", PortVlanConfig.TRUNK_ALL, 0, 0);
        DesiredConfig.PortConfig asked = new DesiredConfig.PortConfig("q", null, "", PortVlanConfig.TRUNK_ALL, 7, 3);
        DesiredConfig.PortConfig kept = new DesiredConfig.PortConfig("r", null, "", PortVlanConfig.TRUNK_ALL, 0, 3);
        assertThat(BridgeReconciler.chooseOfport("br0", plain, Set.of(1, 2, 4))).isEqualTo(3);
        assertThat(BridgeReconciler.chooseOfport("br0", asked, Set.of(1))).isEqualTo(7);
        assertThat(BridgeReconciler.chooseOfport("br0", asked, Set.of(7))).isEqualTo(3);
        assertThat(BridgeReconciler.chooseOfport("br0", kept, Set.of())).isEqualTo(3);
    }
}

package io.jvswitch.it.vlan;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.it.l2.SwitchTopology;
import io.jvswitch.it.support.Exec;
import io.jvswitch.it.support.Veth;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The two-host VLAN scenario (SPEC §3): two bridges joined by a veth trunk, access ports in VLANs 1 and 2
 * on each side. Same VLAN reaches across; different VLANs never do; the trunk carries 802.1Q tags.
 */
@Tag("system")
class VlanTrunkIT {
    private static SwitchTopology topo;
    private static Veth trunk;
    private static SwitchTopology.Host vm1;
    private static SwitchTopology.Host vm2;
    private static SwitchTopology.Host vm3;
    private static SwitchTopology.Host vm4;
    private static String hostA;

    @BeforeAll
    static void setUp() {
        topo = SwitchTopology.start();
        hostA = topo.addBridge();
        String hostB = topo.addBridge();
        trunk = topo.own(Veth.create());
        topo.cli().vsctl("add-port", hostA, trunk.name(), "--", "add-port", hostB, trunk.peer()).orFail();
        vm1 = topo.addHost(hostA, 1, "tag=1");
        vm2 = topo.addHost(hostA, 2, "tag=2");
        vm3 = topo.addHost(hostB, 3, "tag=1");
        vm4 = topo.addHost(hostB, 4, "tag=2");
        topo.awaitPing(vm1, vm3.ip());
        topo.awaitPing(vm2, vm4.ip());
    }

    @AfterAll
    static void tearDown() {
        if (topo != null) {
            topo.close();
        }
    }

    @Test
    void shouldReachAcrossTrunkWhenSameVlan() {
        assertThat(vm1.ping(vm3.ip(), 3)).isTrue();
        assertThat(vm4.ping(vm2.ip(), 3)).isTrue();
    }

    @Test
    void shouldNeverReachOtherVlanWhenAccessPortsDiffer() {
        assertThat(vm1.unreachable(vm4.ip())).isTrue();
        assertThat(vm1.unreachable(vm2.ip())).isTrue();
        assertThat(vm3.unreachable(vm2.ip())).isTrue();
        assertThat(vm4.unreachable(vm3.ip())).isTrue();
    }

    @Test
    void shouldCarry8021qTagsWhenFramesCrossTheTrunk() throws Exception {
        CompletableFuture<Exec.Result> capture = CompletableFuture.supplyAsync(() -> Exec.run(Duration.ofSeconds(10),
                "timeout", "6", "tcpdump", "-c", "2", "-nn", "-e", "-i", trunk.name(), "vlan", "2", "and", "icmp"));
        Thread.sleep(1000);
        for (int i = 0; i < 4 && !capture.isDone(); i++) {
            vm2.ping(vm4.ip(), 1);
        }
        Exec.Result dump = capture.get();
        assertThat(dump.stdout()).as(dump.toString()).contains("ethertype 802.1Q (0x8100)", "vlan 2,");
        assertThat(dump.stdout()).doesNotContain("vlan 1,");
    }

    @Test
    void shouldApplyTagChangeLiveWhenPortMovesToOtherVlan() {
        topo.cli().vsctl("set", "Port", vm2.port(), "tag=1").orFail();
        try {
            topo.awaitPing(vm2, vm3.ip());
            assertThat(vm2.unreachable(vm4.ip())).isTrue();
        } finally {
            topo.cli().vsctl("set", "Port", vm2.port(), "tag=2").orFail();
        }
        topo.awaitPing(vm2, vm4.ip());
    }
}

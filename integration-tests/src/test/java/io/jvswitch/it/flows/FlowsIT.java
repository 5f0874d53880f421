package io.jvswitch.it.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.it.l2.SwitchTopology;
import io.jvswitch.it.support.Await;
import io.jvswitch.it.support.Exec;
import io.jvswitch.it.support.Veth;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Flows edited live with jvs-ofctl change what the switch does to real frames (SPEC §4). */
@Tag("system")
class FlowsIT {
    private static SwitchTopology topo;
    private static String bridge;
    private static SwitchTopology.Host a;
    private static SwitchTopology.Host b;

    @BeforeAll
    static void setUp() {
        topo = SwitchTopology.start();
        bridge = topo.addBridge();
        a = topo.addHost(bridge, 1);
        b = topo.addHost(bridge, 2);
        topo.awaitPing(a, b.ip());
    }

    @AfterAll
    static void tearDown() {
        if (topo != null) {
            topo.close();
        }
    }

    @AfterEach
    void restoreDefaultFlow() {
        topo.cli().ofctl("del-flows", bridge).orFail();
        topo.cli().ofctl("add-flow", bridge, "priority=0,actions=NORMAL").orFail();
    }

    @Test
    void shouldBlockWhenDropFlowAddedAndRestoreWhenDeleted() {
        topo.cli().ofctl("add-flow", bridge, "priority=100,icmp,actions=drop").orFail();
        assertThat(a.unreachable(b.ip())).isTrue();
        String dump = topo.cli().ofctl("dump-flows", bridge).orFail().stdout();
        assertThat(dump).startsWith("NXST_FLOW reply (xid=0x4):\n").contains("priority=100,icmp actions=drop")
                .containsPattern("n_packets=[1-9]");
        topo.cli().ofctl("del-flows", bridge, "icmp").orFail();
        assertThat(a.ping(b.ip(), 2)).isTrue();
    }

    @Test
    void shouldRejectBadFlowAndKeepTableWhenPrerequisiteMissing() {
        Exec.Result bad = topo.cli().ofctl("add-flow", bridge, "nw_src=198.18.0.1,actions=drop");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stderr()).isEqualTo("jvs-ofctl: nw_src requires ip or arp (dl_type=0x0800/0x0806)\n");
        assertThat(topo.cli().ofctl("--no-stats", "dump-flows", bridge).orFail().stdout())
                .isEqualTo(" priority=0 actions=NORMAL\n");
        Exec.Result missing = topo.cli().ofctl("dump-flows", "br9nosuch");
        assertThat(missing.stderr()).isEqualTo("jvs-ofctl: br9nosuch is not a bridge or a socket\n");
        assertThat(missing.exitCode()).isEqualTo(1);
    }

    @Test
    void shouldRewriteSourceMacWhenModDlSrcFlow() throws Exception {
        topo.cli().ofctl("add-flow", bridge, "priority=100,icmp,in_port=" + a.port()
                + ",actions=mod_dl_src:02:11:22:33:44:55,output:" + b.port()).orFail();
        CompletableFuture<Exec.Result> capture = CompletableFuture.supplyAsync(() -> b.exec("timeout", "6",
                "tcpdump", "-c", "1", "-nn", "-e", "-i", b.iface(), "icmp"));
        Thread.sleep(1000);
        for (int i = 0; i < 4 && !capture.isDone(); i++) {
            a.ping(b.ip(), 1);
        }
        Exec.Result dump = capture.get();
        assertThat(dump.stdout()).as(dump.toString()).contains("02:11:22:33:44:55 >");
    }

    /**
     * Frames between a and b go through a veth loop (c, d) of the same bridge tagged with VLAN 10 by
     * push_vlan/mod_vlan_vid and untagged again by pop_vlan; ping only works if both work, and the loop carries
     * the tag.
     */
    @Test
    void shouldPushAndPopVlanWhenFlowsSaySo() throws Exception {
        Veth loop = topo.own(Veth.create());
        String c = loop.name();
        String d = loop.peer();
        topo.cli().ofctl("del-flows", bridge).orFail();
        topo.cli().vsctl("add-port", bridge, c, "--", "add-port", bridge, d).orFail();
        try {
            String push = "actions=push_vlan:0x8100,mod_vlan_vid:10,output:";
            topo.cli().ofctl("add-flow", bridge, "in_port=" + a.port() + "," + push + c).orFail();
            topo.cli().ofctl("add-flow", bridge, "in_port=" + b.port() + "," + push + d).orFail();
            topo.cli().ofctl("add-flow", bridge, "in_port=" + d + ",dl_vlan=10,actions=pop_vlan,output:" + b.port())
                    .orFail();
            topo.cli().ofctl("add-flow", bridge, "in_port=" + c + ",dl_vlan=10,actions=pop_vlan,output:" + a.port())
                    .orFail();
            topo.awaitPing(a, b.ip());
            CompletableFuture<Exec.Result> capture = CompletableFuture.supplyAsync(() -> Exec.run(
                    Duration.ofSeconds(10), "timeout", "6", "tcpdump", "-c", "1", "-nn", "-e", "-i", c, "icmp"));
            Thread.sleep(1000);
            for (int i = 0; i < 4 && !capture.isDone(); i++) {
                a.ping(b.ip(), 1);
            }
            Exec.Result dump = capture.get();
            assertThat(dump.stdout()).as(dump.toString()).contains("vlan 10,");
        } finally {
            topo.cli().vsctl("del-port", c, "--", "del-port", d);
        }
    }

    @Test
    void shouldRemoveFlowWhenIdleTimeoutExpires() {
        topo.cli().ofctl("add-flow", bridge, "priority=100,icmp,idle_timeout=2,actions=drop").orFail();
        assertThat(a.unreachable(b.ip())).isTrue();
        Await.until(Duration.ofSeconds(10), () -> !topo.cli().ofctl("dump-flows", bridge).stdout()
                .contains("idle_timeout=2"), () -> "flow still there");
        assertThat(a.ping(b.ip(), 2)).isTrue();
    }

    @Test
    void shouldTraceDecisionWhenOfprotoTrace() {
        topo.cli().ofctl("add-flow", bridge, "priority=50,udp,tp_dst=9,actions=drop").orFail();
        String trace = topo.cli().appctl("ofproto/trace", bridge, "in_port=" + a.port() + ",udp,tp_dst=9")
                .orFail().stdout();
        assertThat(trace).contains("bridge(\"" + bridge + "\")", " 0. udp,tp_dst=9, priority 50", "    drop",
                "Datapath actions: drop");
        String normal = topo.cli().appctl("ofproto/trace", bridge, "in_port=" + a.port() + ",tcp").orFail()
                .stdout();
        assertThat(normal).contains(" 0. priority 0", "NORMAL", "Decided by: ");
    }
}

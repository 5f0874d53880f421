package io.jvswitch.datapath.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.datapath.Datapath;
import io.jvswitch.datapath.normal.PortVlanConfig;
import io.jvswitch.datapath.packet.MacAddresses;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.packet.TestFrames;
import io.jvswitch.datapath.pmd.PortWaiter;
import io.jvswitch.datapath.pmd.ThreadingMode;
import io.jvswitch.datapath.port.memory.MemoryPortIo;
import io.jvswitch.datapath.sflow.SflowConfig;
import io.jvswitch.datapath.stats.DatapathCounter;
import io.jvswitch.datapath.stats.DropReason;
import io.jvswitch.flowtable.FlowEntry;
import io.jvswitch.flowtable.FlowMod;
import io.jvswitch.flowtable.FlowTables;
import io.jvswitch.flowtable.OfPort;
import io.jvswitch.flowtable.text.FlowParser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline on in-memory ports, driven one duty cycle at a time: key extraction, the three lookup
 * stages, compiled actions, NORMAL, per-flow counters, cache invalidation on flow changes, and zero
 * allocation per packet in steady state.
 */
class DatapathPipelineTest {
    private static final String A = "00:00:00:00:00:0a";
    private static final String B = "00:00:00:00:00:0b";
    private static final String C = "00:00:00:00:00:0c";

    private final Map<String, MemoryPortIo> ports = new HashMap<>();
    private long now = 1_000_000_000L;
    private Datapath datapath;
    private FlowTables tables;

    @BeforeEach
    void setUp() {
        datapath = new Datapath((name, type) -> ports.computeIfAbsent(name, MemoryPortIo::new), ThreadingMode.INVOKER,
                (PortWaiter) null, () -> now, 2048);
        tables = FlowTables.newBridge(() -> now, 1);
        datapath.addBridge("br0", tables);
        datapath.addPort("br0", "br0", "internal", OfPort.LOCAL, PortVlanConfig.TRUNK_ALL);
        datapath.addPort("br0", "p1", "", 1, PortVlanConfig.TRUNK_ALL);
        datapath.addPort("br0", "p2", "", 2, PortVlanConfig.TRUNK_ALL);
        datapath.addPort("br0", "p3", "", 3, PortVlanConfig.access(10));
        ports.values().forEach(p -> p.setCapture(true));
    }

    @AfterEach
    void tearDown() {
        datapath.close();
    }

    private void cycle() {
        now += 1_000;
        datapath.pmd().doWork();
    }

    private static byte[] udp(String src, String dst, int port) {
        return TestFrames.frame().ethSrc(MacAddresses.parse(src)).ethDst(MacAddresses.parse(dst)).etherType(0x0800)
                .ipv4(0xc6120001, 0xc6120002).l4(TestFrames.UDP, 1000, port).payload(20).build();
    }

    private void flows(String... lines) throws Exception {
        FlowParser parser = new FlowParser();
        for (String line : lines) {
            tables.apply(parser.parseFlowModLine(line));
        }
    }

    private long counter(DatapathCounter c) {
        return datapath.stats().get(c);
    }

    @Test
    void shouldFloodThenForwardLearnedWhenDefaultNormalFlow() {
        ports.get("p1").inject(udp(A, B, 7));
        cycle();
        assertThat(ports.get("p2").takeSent()).hasSize(1);
        assertThat(ports.get("br0").takeSent()).hasSize(1);
        assertThat(ports.get("p3").takeSent()).as("access port of VLAN 10 gets no VLAN 0 frames").isEmpty();
        ports.get("p2").inject(udp(B, A, 7));
        cycle();
        assertThat(ports.get("p1").takeSent()).hasSize(1);
        assertThat(ports.get("br0").takeSent()).isEmpty();
        // The default flow consults no field, so its megaflow covers every packet of the bridge.
        assertThat(counter(DatapathCounter.CLASSIFIER_HIT)).isEqualTo(1);
        assertThat(counter(DatapathCounter.MEGAFLOW_HIT)).isEqualTo(1);
    }

    @Test
    void shouldCountEachLookupStageWhenSamePacketsRepeat() {
        ports.get("p1").inject(udp(A, B, 7));
        cycle();
        ports.get("p1").inject(udp(A, B, 7));
        cycle();
        ports.get("p1").inject(udp(A, C, 7));
        cycle();
        assertThat(counter(DatapathCounter.CLASSIFIER_HIT)).isEqualTo(1);
        assertThat(counter(DatapathCounter.EMC_HIT)).isEqualTo(1);
        assertThat(counter(DatapathCounter.MEGAFLOW_HIT)).isEqualTo(1);
        FlowEntry normal = tables.flows(0).get(0);
        assertThat(normal.stats().packets()).isEqualTo(3);
    }

    @Test
    void shouldApplyNewFlowsWhenTableChangesAfterCaching() throws Exception {
        ports.get("p1").inject(udp(A, B, 7));
        cycle();
        flows("priority=100,udp,tp_dst=7,actions=drop");
        ports.get("p1").inject(udp(A, B, 7));
        ports.get("p1").inject(udp(A, B, 8));
        cycle();
        ports.values().forEach(MemoryPortIo::takeSent);
        ports.get("p1").inject(udp(A, B, 7));
        cycle();
        assertThat(ports.get("p2").takeSent()).isEmpty();
        assertThat(datapath.stats().get(DropReason.NO_OUTPUT)).isGreaterThanOrEqualTo(2);
        tables.apply(FlowMod.deleteAll());
        ports.get("p1").inject(udp(A, B, 8));
        cycle();
        assertThat(ports.get("p2").takeSent()).isEmpty();
        assertThat(counter(DatapathCounter.MISS)).isEqualTo(1);
        assertThat(datapath.stats().get(DropReason.NO_FLOW)).isEqualTo(1);
    }

    @Test
    void shouldRewriteAndOutputWhenFlowHasActionsAndResubmit() throws Exception {
        flows("priority=100,in_port=1,actions=mod_dl_src:02:00:00:00:00:99,resubmit(,1)",
                "table=1,priority=1,actions=output:2,push_vlan:0x8100,mod_vlan_vid:20,output:LOCAL");
        ports.get("p1").inject(udp(A, B, 7));
        cycle();
        List<byte[]> p2 = ports.get("p2").takeSent();
        assertThat(p2).hasSize(1);
        assertThat(MacAddresses.format(readMac(p2.get(0), 6))).isEqualTo("02:00:00:00:00:99");
        List<byte[]> local = ports.get("br0").takeSent();
        assertThat(local).hasSize(1);
        assertThat(((local.get(0)[12] & 0xff) << 8) | (local.get(0)[13] & 0xff)).isEqualTo(0x8100);
        assertThat(((local.get(0)[14] & 0x0f) << 8) | (local.get(0)[15] & 0xff)).isEqualTo(20);
        assertThat(ports.get("p3").takeSent()).isEmpty();
        assertThat(tables.flows(1).get(0).stats().packets()).isEqualTo(1);
    }

    @Test
    void shouldDropMalformedFramesAndKeepForwardingWhenRuntsArrive() {
        ports.get("p1").inject(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        byte[] truncatedIp = new byte[15];
        truncatedIp[12] = 0x08;
        truncatedIp[14] = 0x45;
        ports.get("p1").inject(truncatedIp);
        ports.get("p1").inject(udp(A, B, 7));
        cycle();
        assertThat(datapath.stats().get(DropReason.MALFORMED)).isEqualTo(2);
        assertThat(ports.get("p2").takeSent()).hasSize(1);
    }

    @Test
    void shouldKeepVlansApartWhenAccessPortAndTrunk() throws Exception {
        ports.get("p3").inject(udp(C, "ff:ff:ff:ff:ff:ff", 7));
        cycle();
        byte[] onTrunk = ports.get("p1").takeSent().get(0);
        assertThat(((onTrunk[14] & 0x0f) << 8) | (onTrunk[15] & 0xff)).isEqualTo(10);
        datapath.setPortVlan("br0", "p3", PortVlanConfig.access(20));
        ports.get("p3").inject(udp(C, "ff:ff:ff:ff:ff:ff", 7));
        cycle();
        byte[] moved = ports.get("p1").takeSent().get(0);
        assertThat(((moved[14] & 0x0f) << 8) | (moved[15] & 0xff)).isEqualTo(20);
    }

    @Test
    void shouldNotAllocateWhenPipelineIsInSteadyState() throws Exception {
        assertSteadyStateAllocationFree();
    }

    @Test
    void shouldNotAllocateWhenSflowSamplesInSteadyState() throws Exception {
        datapath.setSflow("br0", SflowConfig.withTargets("127.0.0.1:9").withAgent("127.0.0.1").withSamplingRate(16));
        assertSteadyStateAllocationFree();
    }

    private void assertSteadyStateAllocationFree() throws Exception {
        flows("priority=100,udp,tp_dst=9,actions=mod_dl_src:02:00:00:00:00:99,output:2",
                "priority=90,in_port=2,actions=output:1");
        ports.values().forEach(p -> p.setCapture(false));
        byte[][] fromP1 = {udp(A, B, 7), udp(A, C, 7), udp(A, B, 9), udp(A, "ff:ff:ff:ff:ff:ff", 7)};
        byte[][] fromP2 = {udp(B, A, 7), udp(B, A, 8)};
        run(2_000, fromP1, fromP2);
        long rounds = 2_000;
        com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        run(rounds, fromP1, fromP2);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        long frames = rounds * 2L * PacketBatch.MAX_BURST;
        assertThat(frames).isGreaterThanOrEqualTo(100_000);
        assertThat(allocated).as("bytes allocated over %d frames", frames).isLessThan(4096);
        assertThat(counter(DatapathCounter.EMC_HIT)).isGreaterThan(frames / 2);
    }

    @Test
    void shouldSpreadPortsOverPmdsAndSendFromEitherWhenThereAreTwo() {
        Map<String, MemoryPortIo> mem = new HashMap<>();
        Datapath two = new Datapath((name, type) -> mem.computeIfAbsent(name, MemoryPortIo::new),
                ThreadingMode.INVOKER, java.util.Arrays.<PortWaiter>asList(null, null), () -> now, 2048);
        try {
            two.addBridge("br0", FlowTables.newBridge(() -> now, 1));
            two.addBridge("br1", FlowTables.newBridge(() -> now, 1));
            assertThat(two.pmdOf("br0")).isZero();
            assertThat(two.pmdOf("br1")).isEqualTo(1);
            two.addPort("br1", "q1", "", 1, PortVlanConfig.TRUNK_ALL);
            two.addPort("br1", "q2", "", 2, PortVlanConfig.TRUNK_ALL);
            assertThat(two.rxPmdOf("br1", "q1")).isZero();
            assertThat(two.rxPmdOf("br1", "q2")).isEqualTo(1);
            mem.values().forEach(p -> p.setCapture(true));

            mem.get("q1").inject(udp(A, B, 7));
            two.pmd(1).doWork();
            assertThat(mem.get("q2").takeSent()).as("PMD 1 does not poll q1").isEmpty();
            two.pmd(0).doWork();
            assertThat(mem.get("q2").takeSent()).as("PMD 0 sends to q2, which PMD 1 polls").hasSize(1);

            mem.get("q2").inject(udp(B, A, 7));
            two.pmd(0).doWork();
            assertThat(mem.get("q1").takeSent()).isEmpty();
            two.pmd(1).doWork();
            assertThat(mem.get("q1").takeSent()).as("PMD 1 sends to q1, which PMD 0 polls").hasSize(1);
            assertThat(two.pmd(0).stats().get(DatapathCounter.RX)).isEqualTo(1);
            assertThat(two.pmd(1).stats().get(DatapathCounter.RX)).isEqualTo(1);
        } finally {
            two.close();
        }
    }

    @Test
    void shouldForwardToAddressesAnotherPmdLearnedWhenPortsAreSpread() {
        Map<String, MemoryPortIo> mem = new HashMap<>();
        Datapath two = new Datapath((name, type) -> mem.computeIfAbsent(name, MemoryPortIo::new),
                ThreadingMode.INVOKER, java.util.Arrays.<PortWaiter>asList(null, null), () -> now, 2048);
        try {
            two.addBridge("br0", FlowTables.newBridge(() -> now, 1));
            two.addPort("br0", "q1", "", 1, PortVlanConfig.TRUNK_ALL);
            two.addPort("br0", "q2", "", 2, PortVlanConfig.TRUNK_ALL);
            two.addPort("br0", "q3", "", 3, PortVlanConfig.TRUNK_ALL);
            assertThat(two.rxPmdOf("br0", "q1")).isZero();
            assertThat(two.rxPmdOf("br0", "q2")).isEqualTo(1);
            assertThat(two.rxPmdOf("br0", "q3")).isZero();
            mem.values().forEach(p -> p.setCapture(true));

            mem.get("q1").inject(udp(A, B, 7));
            two.pmd(0).doWork();
            assertThat(mem.get("q2").takeSent()).as("B unknown: flooded").hasSize(1);
            assertThat(mem.get("q3").takeSent()).as("B unknown: flooded").hasSize(1);

            mem.get("q2").inject(udp(B, A, 7));
            two.pmd(1).doWork();
            assertThat(mem.get("q1").takeSent()).as("PMD 1 knows A from PMD 0").hasSize(1);
            assertThat(mem.get("q3").takeSent()).as("not flooded").isEmpty();

            mem.get("q1").inject(udp(A, B, 8));
            two.pmd(0).doWork();
            assertThat(mem.get("q2").takeSent()).as("PMD 0 knows B from PMD 1").hasSize(1);
            assertThat(mem.get("q3").takeSent()).as("not flooded").isEmpty();
        } finally {
            two.close();
        }
    }

    private void run(long rounds, byte[][] fromP1, byte[][] fromP2) {
        MemoryPortIo p1 = ports.get("p1");
        MemoryPortIo p2 = ports.get("p2");
        for (long r = 0; r < rounds; r++) {
            for (int k = 0; k < PacketBatch.MAX_BURST; k++) {
                p1.inject(fromP1[k % fromP1.length]);
                p2.inject(fromP2[k % fromP2.length]);
            }
            cycle();
            cycle();
        }
    }

    private static long readMac(byte[] f, int offset) {
        long mac = 0;
        for (int i = 0; i < 6; i++) {
            mac = (mac << 8) | (f[offset + i] & 0xff);
        }
        return mac;
    }
}

package io.jvswitch.datapath.pmd;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import io.jvswitch.datapath.normal.MacLearningTable;
import io.jvswitch.datapath.normal.NormalBatchProcessor;
import io.jvswitch.datapath.normal.NormalSwitch;
import io.jvswitch.datapath.normal.PortVlanConfig;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.packet.TestFrames;
import io.jvswitch.datapath.port.memory.MemoryPortIo;
import io.jvswitch.datapath.stats.DatapathCounter;
import io.jvswitch.datapath.stats.DropReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine end to end with in-memory ports: a PMD doing NORMAL switching for a bridge with
 * vm1 and vm3 in access VLAN 1, vm2 in access VLAN 2 and a trunk, driven one duty cycle at a
 * time, checking the exact bytes that leave each port.
 */
class NormalVlanEngineTest {
    private static final int VM1 = 1;
    private static final int VM3 = 2;
    private static final int VM2 = 3;
    private static final int TRUNK = 4;
    private static final String MAC_VM1 = "02:00:00:00:00:01";
    private static final String MAC_VM3 = "02:00:00:00:00:03";
    private static final String MAC_VM2 = "02:00:00:00:00:02";
    private static final String MAC_FAR1 = "02:00:00:00:01:01";
    private static final String MAC_FAR2 = "02:00:00:00:01:02";
    private static final String BCAST = "ff:ff:ff:ff:ff:ff";

    private long now = TimeUnit.SECONDS.toNanos(100);
    private final MemoryPortIo[] ports = new MemoryPortIo[5];
    private PmdAgent agent;
    private NormalSwitch normalSwitch;

    @BeforeEach
    void setUp() {
        agent = new PmdAgent(0, 8, () -> now, (batch, nowNs, sink) -> { }, 2048, null);
        PmdProxy proxy = new PmdProxy(agent, ThreadingMode.INVOKER);
        normalSwitch = new NormalSwitch(8, new MacLearningTable());
        normalSwitch.setPort(VM1, PortVlanConfig.access(1));
        normalSwitch.setPort(VM3, PortVlanConfig.access(1));
        normalSwitch.setPort(VM2, PortVlanConfig.access(2));
        normalSwitch.setPort(TRUNK, PortVlanConfig.trunk());
        proxy.setProcessor(new NormalBatchProcessor(normalSwitch, agent.stats()));
        for (int p = 1; p <= 4; p++) {
            ports[p] = new MemoryPortIo("p" + p);
            proxy.addPort(p, ports[p]);
        }
    }

    private void cycle() {
        for (int k = 0; k < 4; k++) {
            agent.doWork();
        }
    }

    private void assertOut(int port, byte[]... frames) {
        assertThat(ports[port].takeSent()).as("port %d", port).containsExactly(frames);
    }

    @Test
    void shouldFloodWithinVlanAddingTagOnTrunkWhenAccessPortBroadcasts() {
        byte[] frame = TestFrames.parse("dl_src=" + MAC_VM1 + ",dl_dst=" + BCAST + ",len=60");
        ports[VM1].inject(frame);
        cycle();
        assertOut(VM3, frame);
        assertOut(TRUNK, TestFrames.tag(frame, 1));
        assertOut(VM2);
        assertOut(VM1);
    }

    @Test
    void shouldStripTagTowardsAccessPortWhenTrunkFloods() {
        byte[] tagged = TestFrames.parse("dl_src=" + MAC_FAR2 + ",dl_dst=" + BCAST + ",dl_vlan=2,len=64");
        ports[TRUNK].inject(tagged);
        cycle();
        assertOut(VM2, TestFrames.untag(tagged));
        assertOut(VM1);
        assertOut(VM3);
        assertOut(TRUNK);
    }

    @Test
    void shouldForwardOnlyToLearnedPortInEachDirectionWhenAddressesKnown() {
        ports[VM1].inject(TestFrames.parse("dl_src=" + MAC_VM1 + ",dl_dst=" + BCAST));
        ports[TRUNK].inject(TestFrames.parse("dl_src=" + MAC_FAR1 + ",dl_dst=" + BCAST + ",dl_vlan=1"));
        cycle();
        for (int p = 1; p <= 4; p++) {
            ports[p].takeSent();
        }
        byte[] toFar = TestFrames.parse("dl_src=" + MAC_VM1 + ",dl_dst=" + MAC_FAR1);
        byte[] toVm1 = TestFrames.parse("dl_src=" + MAC_FAR1 + ",dl_dst=" + MAC_VM1 + ",dl_vlan=1,dl_vlan_pcp=5");
        ports[VM1].inject(toFar);
        ports[TRUNK].inject(toVm1);
        cycle();
        assertOut(TRUNK, TestFrames.tag(toFar, 1));
        assertOut(VM1, TestFrames.untag(toVm1));
        assertOut(VM3);
        assertOut(VM2);
        assertThat(agent.stats().get(DatapathCounter.FLOOD)).isEqualTo(2);
    }

    @Test
    void shouldNotLeakBetweenVlansWhenSameDestinationLearnedInOther() {
        ports[VM2].inject(TestFrames.parse("dl_src=" + MAC_VM2 + ",dl_dst=" + BCAST));
        cycle();
        ports[TRUNK].takeSent();
        byte[] wrongVlan = TestFrames.parse("dl_src=" + MAC_VM1 + ",dl_dst=" + MAC_VM2);
        ports[VM1].inject(wrongVlan);
        cycle();
        assertOut(VM2);
        assertOut(VM3, wrongVlan);
        assertOut(TRUNK, TestFrames.tag(wrongVlan, 1));
    }

    @Test
    void shouldDropAndCountWhenTaggedOnAccessPortOrRuntWhileForwardingGoesOn() {
        ports[VM1].inject(TestFrames.parse("dl_src=" + MAC_VM1 + ",dl_dst=" + BCAST + ",dl_vlan=1"));
        ports[VM1].inject(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        byte[] good = TestFrames.parse("dl_src=" + MAC_VM1 + ",dl_dst=" + BCAST);
        ports[VM1].inject(good);
        cycle();
        assertOut(VM3, good);
        assertThat(agent.stats().get(DropReason.VLAN_FILTERED)).isEqualTo(1);
        assertThat(agent.stats().get(DropReason.MALFORMED)).isEqualTo(1);
    }

    @Test
    void shouldAllocateNothingPerPacketWhenSwitchingInSteadyState() {
        for (int p = 1; p <= 4; p++) {
            ports[p].setCapture(false);
        }
        byte[][] fromVm1 = {
            TestFrames.parse("dl_src=" + MAC_VM1 + ",dl_dst=" + MAC_VM3),
            TestFrames.parse("dl_src=" + MAC_VM1 + ",dl_dst=" + MAC_FAR1),
            TestFrames.parse("dl_src=" + MAC_VM1 + ",dl_dst=" + BCAST),
        };
        byte[][] fromTrunk = {
            TestFrames.parse("dl_src=" + MAC_FAR1 + ",dl_dst=" + MAC_VM1 + ",dl_vlan=1"),
            TestFrames.parse("dl_src=" + MAC_FAR2 + ",dl_dst=" + BCAST + ",dl_vlan=2"),
        };
        byte[] fromVm3 = TestFrames.parse("dl_src=" + MAC_VM3 + ",dl_dst=" + MAC_VM1);
        long framesPerRound = 2L * PacketBatch.MAX_BURST + 1;
        run(2_000, fromVm1, fromTrunk, fromVm3);
        long rounds = 2_000;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        run(rounds, fromVm1, fromTrunk, fromVm3);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        long frames = rounds * framesPerRound;

        assertThat(frames).isGreaterThanOrEqualTo(100_000);
        assertThat(allocated).as("bytes allocated over %d frames", frames).isLessThan(4096);
        assertThat(ports[TRUNK].sentFrames()).isPositive();
    }

    private void run(long rounds, byte[][] fromVm1, byte[][] fromTrunk, byte[] fromVm3) {
        for (long r = 0; r < rounds; r++) {
            now += 1_000;
            for (int k = 0; k < PacketBatch.MAX_BURST; k++) {
                ports[VM1].inject(fromVm1[k % fromVm1.length]);
                ports[TRUNK].inject(fromTrunk[k % fromTrunk.length]);
            }
            ports[VM3].inject(fromVm3);
            agent.doWork();
            agent.doWork();
        }
    }
}

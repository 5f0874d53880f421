package io.jvswitch.datapath.pmd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.jvswitch.datapath.exec.OutputSink;
import io.jvswitch.datapath.packet.TestFrames;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.port.PortIo;
import io.jvswitch.datapath.port.PortIoStats;
import io.jvswitch.datapath.port.memory.MemoryPortIo;
import io.jvswitch.datapath.stats.DatapathCounter;
import io.jvswitch.datapath.stats.PortCounter;
import org.junit.jupiter.api.Test;

class PmdAgentTest {
    private long now = 1_000;
    private final List<String> seen = new ArrayList<>();

    /** Records (time, in port, frame count) of each batch and sends every frame to port 9. */
    private final BatchProcessor recorder = (batch, nowNs, sink) -> {
        seen.add(nowNs + "@" + batch.inPort(0) + "x" + batch.count());
        for (int i = 0; i < batch.count(); i++) {
            sink.output(batch, i, 9, OutputSink.VLAN_AS_IS);
        }
    };

    private final PmdAgent agent = new PmdAgent(0, 16, () -> now, recorder, 2048, null);
    private final PmdProxy proxy = new PmdProxy(agent, ThreadingMode.DEDICATED);

    @Test
    void shouldRunCommandsOnPmdThreadWhenDoWorkDrainsThem() {
        MemoryPortIo port = new MemoryPortIo("p1");
        CompletableFuture<Void> added = proxy.addPort(1, port);
        assertThat(added).isNotDone();
        assertThat(agent.doWork()).isEqualTo(1);
        assertThat(added).isCompleted();
        assertThat(agent.portCount()).isEqualTo(1);
    }

    @Test
    void shouldDrainBoundedNumberOfCommandsWhenManyQueued() {
        for (int k = 0; k < PmdAgent.COMMAND_DRAIN_LIMIT + 5; k++) {
            proxy.submit(() -> 1);
        }
        assertThat(agent.doWork()).isEqualTo(PmdAgent.COMMAND_DRAIN_LIMIT);
        assertThat(agent.doWork()).isEqualTo(5);
        assertThat(agent.doWork()).isZero();
        assertThat(agent.stats().get(DatapathCounter.IDLE_CYCLES)).isEqualTo(1);
    }

    @Test
    void shouldProcessEachRxBatchAndFlushOutputsWhenFramesWaiting() {
        MemoryPortIo in = new MemoryPortIo("in");
        MemoryPortIo out = new MemoryPortIo("out");
        proxy.addPort(1, in);
        proxy.addPort(9, out);
        agent.doWork();
        byte[] frame = TestFrames.frame().payload(100).build();
        for (int k = 0; k < 40; k++) {
            in.inject(frame);
        }
        now = 2_000;

        assertThat(agent.doWork()).isEqualTo(32);
        assertThat(out.sentFrames()).isEqualTo(32);
        assertThat(agent.doWork()).isEqualTo(8);
        assertThat(seen).containsExactly("2000@1x32", "2000@1x8");
        assertThat(agent.stats().getPort(1, PortCounter.RX_PACKETS)).isEqualTo(40);
        assertThat(agent.stats().getPort(1, PortCounter.RX_BYTES)).isEqualTo(40L * frame.length);
        assertThat(agent.stats().getPort(9, PortCounter.TX_PACKETS)).isEqualTo(40);
        assertThat(agent.stats().get(DatapathCounter.RX_BATCHES)).isEqualTo(2);
    }

    @Test
    void shouldChargeTimeToBusyOrIdleByWhatPreviousCycleDid() {
        MemoryPortIo in = new MemoryPortIo("in");
        proxy.addPort(1, in);
        proxy.addPort(9, new MemoryPortIo("out"));
        now = 10_000;
        agent.doWork();
        now = 10_300;
        agent.doWork();
        in.inject(TestFrames.frame().build());
        now = 10_500;
        agent.doWork();
        now = 11_200;
        agent.doWork();
        now = 12_000;
        agent.doWork();
        // 10000 ran the add-port commands (busy 300), 10300 found nothing (idle 200), 10500 switched a
        // frame (busy 700), 11200 found nothing (idle 800).
        assertThat(agent.stats().get(DatapathCounter.BUSY_NS)).isEqualTo(300 + 700);
        assertThat(agent.stats().get(DatapathCounter.IDLE_NS)).isEqualTo(200 + 800);
    }

    @Test
    void shouldRotateFirstPolledPortWhenCyclesRepeat() {
        MemoryPortIo[] ports = new MemoryPortIo[3];
        for (int p = 0; p < 3; p++) {
            ports[p] = new MemoryPortIo("p" + p);
            proxy.addPort(p, ports[p]);
        }
        proxy.addPort(9, new MemoryPortIo("sink"));
        agent.doWork();
        for (int cycle = 0; cycle < 3; cycle++) {
            for (MemoryPortIo p : ports) {
                p.inject(TestFrames.frame().build());
            }
            agent.doWork();
        }
        List<String> firsts = List.of(seen.get(0), seen.get(3), seen.get(6));
        assertThat(firsts).extracting(s -> s.substring(s.indexOf('@'))).doesNotHaveDuplicates();
    }

    @Test
    void shouldStopUsingPortWhenRemoved() {
        MemoryPortIo in = new MemoryPortIo("in");
        proxy.addPort(1, in);
        agent.doWork();
        CompletableFuture<Void> removed = proxy.removePort(1);
        in.inject(TestFrames.frame().build());
        agent.doWork();
        assertThat(removed).isCompleted();
        assertThat(seen).isEmpty();
        assertThat(in.pending()).isEqualTo(1);
    }

    @Test
    void shouldCountNoSuchPortWhenOutputPortMissing() {
        MemoryPortIo in = new MemoryPortIo("in");
        proxy.addPort(1, in);
        agent.doWork();
        in.inject(TestFrames.frame().build());
        agent.doWork();
        assertThat(agent.stats().get(io.jvswitch.datapath.stats.DropReason.NO_SUCH_PORT)).isEqualTo(1);
        assertThat(agent.stats().getPort(1, PortCounter.RX_DROPPED)).isEqualTo(1);
    }

    @Test
    void shouldRunInlineWhenInvokerMode() {
        PmdProxy inline = new PmdProxy(agent, ThreadingMode.INVOKER);
        assertThat(inline.addPort(1, new MemoryPortIo("x"))).isCompleted();
        assertThat(agent.portCount()).isEqualTo(1);
        assertThat(inline.submit(() -> 42).join()).isEqualTo(42);
    }

    @Test
    void shouldWakeWaiterAndTrackNoFdWhenCommandPosted() {
        PortWaitingIdleStrategyTest.CountingWaiter waiter = new PortWaitingIdleStrategyTest.CountingWaiter();
        PmdAgent withWaiter = new PmdAgent(1, 4, () -> now, recorder, 2048, waiter);
        new PmdProxy(withWaiter, ThreadingMode.DEDICATED).submit(() -> null);
        assertThat(waiter.wakeups).isEqualTo(1);
        assertThat(withWaiter.roleName()).isEqualTo("pmd-1");
    }

    /** A memory port whose poll counts as a system call, counting the receive calls made on it. */
    private static final class SlowPort implements PortIo {
        private final MemoryPortIo inner = new MemoryPortIo("slow");
        private int polls;

        @Override
        public int receive(PacketBatch batch) {
            polls++;
            return inner.receive(batch);
        }

        @Override
        public int send(PacketBatch batch) {
            return inner.send(batch);
        }

        @Override
        public int pollFd() {
            return -1;
        }

        @Override
        public boolean isLinkUp() {
            return true;
        }

        @Override
        public PortIoStats stats() {
            return inner.stats();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void shouldPollAnEmptySystemCallPortAtMostEverySlowIntervalAndABusyOneEveryCycle() {
        SlowPort slow = new SlowPort();
        MemoryPortIo cheap = new MemoryPortIo("cheap");
        proxy.addPort(1, slow);
        proxy.addPort(2, cheap);
        agent.doWork();
        int before = slow.polls;
        for (int k = 0; k < 10; k++) {
            now += 1_000;
            agent.doWork();
        }
        assertThat(slow.polls - before).as("empty: none within 10 us of its last poll").isZero();
        now += PmdAgent.SLOW_PORT_IDLE_POLL_NS;
        agent.doWork();
        assertThat(slow.polls - before).isEqualTo(1);

        slow.inner.inject(TestFrames.frame().payload(100).build());
        now += PmdAgent.SLOW_PORT_IDLE_POLL_NS;
        agent.doWork();
        int afterFrame = slow.polls;
        now += 100;
        agent.doWork();
        assertThat(slow.polls).as("a port that just had frames is polled on the next cycle").isEqualTo(afterFrame + 1);
    }
}

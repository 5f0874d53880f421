package io.jvswitch.datapath.pmd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.jvswitch.datapath.exec.OutputSink;
import io.jvswitch.datapath.port.memory.MemoryPortIo;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;

/** A PMD on its own thread: control commands cross only through the proxy. */
class PmdThreadTest {
    @Test
    void shouldRunCommandsOnPmdThreadWhenDedicated() throws Exception {
        AtomicLong processed = new AtomicLong();
        BatchProcessor counting = (batch, nowNs, sink) -> {
            processed.addAndGet(batch.count());
            for (int i = 0; i < batch.count(); i++) {
                sink.output(batch, i, 2, OutputSink.VLAN_AS_IS);
            }
        };
        PmdAgent agent = new PmdAgent(3, 4, SystemNanoClock.INSTANCE, counting, 2048, null);
        PmdProxy proxy = new PmdProxy(agent, ThreadingMode.DEDICATED);
        AgentRunner runner = new AgentRunner(PmdIdleStrategies.adaptive(null), Throwable::printStackTrace,
            null, agent);
        Thread thread = AgentRunner.startOnThread(runner);
        try {
            MemoryPortIo out = new MemoryPortIo("out");
            proxy.addPort(2, out).get(5, TimeUnit.SECONDS);
            String pmdThread = proxy.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
            assertThat(pmdThread).isEqualTo(thread.getName()).isNotEqualTo(Thread.currentThread().getName());
            int frames = proxy.submit(() -> {
                MemoryPortIo in = new MemoryPortIo("in");
                in.inject(new byte[64]);
                in.inject(new byte[64]);
                agent.onAddPort(1, in);
                return in.pending();
            }).get(5, TimeUnit.SECONDS);
            assertThat(frames).isEqualTo(2);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (processed.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(processed.get()).isEqualTo(2);
            assertThat(proxy.submit(out::sentFrames).get(5, TimeUnit.SECONDS)).isEqualTo(2);
        } finally {
            runner.close();
        }
        assertThat(thread.isAlive()).isFalse();
    }
}

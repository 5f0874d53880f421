package io.jvswitch.datapath.sflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SflowAgentTest {
    private static final long SECOND = 1_000_000_000L;

    private final CachedNanoClock clock = new CachedNanoClock();
    private final SflowSampleRing ring = new SflowSampleRing(1 << 16);
    private final TestCounterSource counters = new TestCounterSource();
    private final List<SflowAgent> agents = new ArrayList<>();
    private DatagramSocket collector;

    @BeforeEach
    void openCollector() throws IOException {
        collector = listener();
        clock.update(1_000 * SECOND);
    }

    @AfterEach
    void closeAll() {
        agents.forEach(SflowAgent::close);
        collector.close();
    }

    static DatagramSocket listener() throws IOException {
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(2_000);
        return socket;
    }

    private static String target(DatagramSocket socket) {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private SflowAgent agent(SflowConfig config) {
        SflowAgent agent = new SflowAgent(config, ring, counters, clock, 42);
        agents.add(agent);
        return agent;
    }

    static SflowTestDecoder.Datagram receive(DatagramSocket socket) throws IOException {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        return SflowTestDecoder.decode(Arrays.copyOf(buffer, packet.getLength()));
    }

    private static boolean nothingWaiting(DatagramSocket socket) throws IOException {
        socket.setSoTimeout(100);
        try {
            receive(socket);
            return false;
        } catch (SocketTimeoutException expected) {
            return true;
        } finally {
            socket.setSoTimeout(2_000);
        }
    }

    private void offer(SflowSampler sampler, byte[] frame, int input) {
        assertThat(sampler.sample()).isTrue();
        assertThat(ring.offer(sampler, new UnsafeBuffer(frame), 0, frame.length, input, SflowInterfaces.single(9),
            7, (1 << 13) | 7)).isTrue();
    }

    private void tick(SflowAgent agent) {
        clock.advance(SECOND);
        agent.doWork();
    }

    @Test
    void shouldSendFlowSamplesOnTheNextTickWithSequenceNumbersFromOne() throws IOException {
        SflowAgent agent = agent(SflowConfig.withTargets(target(collector)).withPollingInterval(0).withSubAgentId(2));
        SflowSampler a = new SflowSampler(1, 1);
        SflowSampler b = new SflowSampler(1, 2);
        byte[] arp = TestFrames.arpRequest();
        offer(a, arp, 1001);
        offer(b, arp, 1002);
        offer(a, arp, 1001);
        agent.doWork();
        assertThat(nothingWaiting(collector)).isTrue();

        clock.advance(SECOND / 2);
        agent.doWork();
        assertThat(nothingWaiting(collector)).isTrue();
        clock.advance(SECOND / 2);
        agent.doWork();

        SflowTestDecoder.Datagram d = receive(collector);
        assertThat(d.version()).isEqualTo(5);
        assertThat(d.agent()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(d.subAgentId()).isEqualTo(2);
        assertThat(d.sequence()).isEqualTo(1);
        assertThat(d.uptimeMs()).isEqualTo(1000);
        assertThat(d.flowSamples()).extracting(SflowTestDecoder.FlowSample::sequence).containsExactly(1, 2, 3);
        assertThat(d.flowSamples()).extracting(SflowTestDecoder.FlowSample::sourceId).containsOnly(0x0200_03EA);
        assertThat(d.flowSamples()).extracting(SflowTestDecoder.FlowSample::input).containsExactly(1001, 1002, 1001);
        // The bridge-wide pool sums the port samplers' pools: 1, then 1 + 1, then 2 + 1.
        assertThat(d.flowSamples()).extracting(SflowTestDecoder.FlowSample::samplePool).containsExactly(1, 2, 3);
        SflowTestDecoder.FlowSample first = d.flowSamples().get(0);
        assertThat(first.output()).isEqualTo(9);
        assertThat(new int[] {first.inVlan(), first.inPriority(), first.outVlan(), first.outPriority()})
            .containsExactly(7, 0, 7, 1);
        assertThat(first.frameLength()).isEqualTo(46);
        assertThat(first.header()).isEqualTo(arp);
        assertThat(agent.flowSamples()).isEqualTo(3);
        assertThat(agent.datagramsSent()).isEqualTo(1);

        offer(b, arp, 1002);
        tick(agent);
        SflowTestDecoder.Datagram next = receive(collector);
        assertThat(next.sequence()).isEqualTo(2);
        assertThat(next.flowSamples().get(0).sequence()).isEqualTo(4);
        assertThat(next.flowSamples().get(0).samplePool()).isEqualTo(4);
    }

    @Test
    void shouldFlushBeforeTickWhenNextSampleWouldExceed1400Bytes() throws IOException {
        SflowAgent agent = agent(SflowConfig.withTargets(target(collector)).withPollingInterval(0));
        SflowSampler sampler = new SflowSampler(1, 1);
        byte[] frame = TestFrames.icmpEcho("50:54:00:00:00:01", "50:54:00:00:00:02", -1, 1000);
        for (int i = 0; i < 20; i++) {
            offer(sampler, frame, 1);
        }
        agent.doWork();
        int perDatagram = (1400 - 28) / SflowDatagramEncoder.flowSampleLength(128);
        int received = 0;
        int expectedSequence = 1;
        while (received < 20 / perDatagram * perDatagram) {
            SflowTestDecoder.Datagram d = receive(collector);
            assertThat(d.length()).isLessThanOrEqualTo(1400);
            assertThat(d.sequence()).isEqualTo(expectedSequence++);
            assertThat(d.flowSamples()).hasSize(perDatagram);
            assertThat(d.flowSamples().get(0).header()).hasSize(128);
            received += perDatagram;
        }
        assertThat(nothingWaiting(collector)).isTrue();
        tick(agent);
        assertThat(receive(collector).flowSamples()).hasSize(20 - received);
    }

    @Test
    void shouldSendCounterSamplesOfEveryPortEveryPollingInterval() throws IOException {
        counters.port(5, 1000).port(6, 2000);
        SflowAgent agent = agent(SflowConfig.withTargets(target(collector)).withPollingInterval(2));
        List<SflowTestDecoder.CounterSample> samples = new ArrayList<>();
        List<Integer> ticksOfPort5 = new ArrayList<>();
        for (int t = 1; t <= 8; t++) {
            tick(agent);
        }
        // Drain what arrived: one datagram per tick that had counter samples.
        collector.setSoTimeout(200);
        try {
            while (true) {
                SflowTestDecoder.Datagram d = receive(collector);
                for (SflowTestDecoder.CounterSample c : d.counterSamples()) {
                    samples.add(c);
                    if (c.sourceId() == 5) {
                        ticksOfPort5.add(d.uptimeMs() / 1000);
                    }
                }
            }
        } catch (SocketTimeoutException done) {
            // all received
        }
        assertThat(samples).extracting(SflowTestDecoder.CounterSample::sourceId).containsOnly(5, 6);
        assertThat(ticksOfPort5).hasSize(4);
        for (int i = 1; i < ticksOfPort5.size(); i++) {
            assertThat(ticksOfPort5.get(i) - ticksOfPort5.get(i - 1)).isEqualTo(2);
        }
        List<SflowTestDecoder.CounterSample> port5 = samples.stream().filter(c -> c.sourceId() == 5).toList();
        assertThat(port5).extracting(SflowTestDecoder.CounterSample::sequence).containsExactly(1, 2, 3, 4);
        assertThat(port5).extracting(SflowTestDecoder.CounterSample::inUcast).containsExactly(1000L, 1010L, 1020L,
            1030L);
        SflowTestDecoder.CounterSample c = port5.get(0);
        assertThat(c.ifIndex()).isEqualTo(5);
        assertThat(c.ifSpeed()).isEqualTo(10_000_000_000L);
        assertThat(c.ifStatus()).isEqualTo(3);
        assertThat(c.inOctets()).isEqualTo(100_000);
        assertThat(c.outCounters()[0]).isEqualTo(500);
        assertThat(agent.counterSamples()).isEqualTo(samples.size());

        counters.remove(6);
        for (int t = 0; t < 4; t++) {
            tick(agent);
        }
        collector.setSoTimeout(200);
        List<Integer> sources = new ArrayList<>();
        try {
            while (true) {
                receive(collector).counterSamples().forEach(s -> sources.add(s.sourceId()));
            }
        } catch (SocketTimeoutException done) {
            // all received
        }
        assertThat(sources).containsOnly(5).hasSize(2);
    }

    @Test
    void shouldSendToNewTargetsAndKeepHeaderLengthWhenReconfigured() throws IOException {
        SflowAgent agent = agent(SflowConfig.withTargets(target(collector)).withPollingInterval(0));
        SflowSampler sampler = new SflowSampler(1, 1);
        byte[] frame = TestFrames.icmpEcho("50:54:00:00:00:01", "50:54:00:00:00:02", -1, 500);
        offer(sampler, frame, 1);
        tick(agent);
        assertThat(receive(collector).flowSamples().get(0).header()).hasSize(128);

        try (DatagramSocket second = listener(); DatagramSocket third = listener()) {
            agent.reconfigure(SflowConfig.fromColumns("198.18.0.77", List.of(target(second), target(third)), 64, 1,
                0, 0));
            assertThat(ring.headerLength()).isEqualTo(64);
            offer(sampler, frame, 1);
            tick(agent);
            for (DatagramSocket socket : List.of(second, third)) {
                SflowTestDecoder.Datagram d = receive(socket);
                assertThat(d.agent()).isEqualTo(InetAddress.getByName("198.18.0.77"));
                assertThat(d.flowSamples().get(0).header()).hasSize(64);
            }
            assertThat(nothingWaiting(collector)).isTrue();
        }
    }

    @Test
    void shouldCountFailuresWithoutBlockingSamplersWhenCollectorIsNotListening() throws IOException {
        int closedPort;
        try (DatagramSocket probe = listener()) {
            closedPort = probe.getLocalPort();
        }
        SflowAgent agent = new SflowAgent(SflowConfig.withTargets("127.0.0.1:" + closedPort).withPollingInterval(1),
            ring, counters.port(3, 1), clock, 1);
        agents.add(agent);
        SflowSampler sampler = new SflowSampler(1, 1);
        byte[] frame = TestFrames.arpRequest();
        UnsafeBuffer memory = new UnsafeBuffer(frame);
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 10; i++) {
                sampler.sample();
                ring.offer(sampler, memory, 0, frame.length, 1, 0, 0, 0);
            }
            long start = System.nanoTime();
            tick(agent);
            assertThat(System.nanoTime() - start).isLessThan(SECOND / 2);
        }
        // Ten flow samples and a counter sample do not fit one datagram: two per tick.
        assertThat(agent.datagrams()).isEqualTo(40);
        // Linux reports the ICMP port unreachable of one send on the next: about every other send fails.
        assertThat(agent.sendFailures()).isGreaterThanOrEqualTo(10);
        assertThat(agent.sendFailures() + agent.datagramsSent()).isEqualTo(40);
        assertThat(agent.flowSamples()).isEqualTo(200);
        assertThat(sampler.drops()).isZero();
    }

    @Test
    void shouldKeepServingOtherTargetsWhenOneCannotBeOpened() throws IOException {
        // A link-local IPv6 address without a scope cannot be connected to (EINVAL): nothing is sent.
        SflowAgent agent = agent(SflowConfig.fromColumns("", List.of(target(collector), "[fe80::1]:6343"), null, 1,
            0, 0));
        SflowSampler sampler = new SflowSampler(1, 1);
        for (int i = 0; i < 3; i++) {
            offer(sampler, TestFrames.arpRequest(), 1);
            tick(agent);
            assertThat(receive(collector).sequence()).isEqualTo(i + 1);
        }
        assertThat(agent.datagramsSent()).isEqualTo(3);
        assertThat(agent.sendFailures()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldSendIpv6AgentAddressWhenCollectorIsIpv6() throws IOException {
        DatagramSocket v6;
        try {
            v6 = new DatagramSocket(0, InetAddress.getByName("::1"));
        } catch (IOException e) {
            Assumptions.assumeTrue(false, "no IPv6 loopback: " + e);
            return;
        }
        try (v6) {
            v6.setSoTimeout(2_000);
            SflowAgent agent = agent(SflowConfig.withTargets("[::1]:" + v6.getLocalPort()).withPollingInterval(0));
            offer(new SflowSampler(1, 1), TestFrames.arpRequest(), 1);
            tick(agent);
            SflowTestDecoder.Datagram d = receive(v6);
            assertThat(d.agent()).isEqualTo(InetAddress.getByName("::1"));
            assertThat(d.flowSamples()).hasSize(1);
        }
    }

    @Test
    void shouldDiscardSamplesUntilAnAgentAddressIsKnown() throws IOException {
        SflowConfig config = SflowConfig.withTargets(target(collector)).withPollingInterval(0);
        SflowAgent agent = agent(config);
        tick(agent);
        assertThat(agent.agentAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        // No device, literal or route can give an address for this one: the link-local target has no scope.
        agent.reconfigure(SflowConfig.fromColumns("no-such-dev0", List.of("[fe80::1]:6343"), null, 1, 0, 0));
        SflowSampler sampler = new SflowSampler(1, 1);
        offer(sampler, TestFrames.arpRequest(), 1);
        tick(agent);
        assertThat(agent.agentAddress()).isNull();
        assertThat(agent.discardedSamples()).isEqualTo(1);
        assertThat(agent.flowSamples()).isZero();

        agent.reconfigure(config);
        offer(sampler, TestFrames.arpRequest(), 1);
        tick(agent);
        SflowTestDecoder.Datagram d = receive(collector);
        assertThat(d.flowSamples()).hasSize(1);
        // The pool still counts the packet whose sample was discarded.
        assertThat(d.flowSamples().get(0).samplePool()).isEqualTo(2);
    }

    @Test
    void shouldRunOnItsOwnThreadAndStopCleanlyWhenClosed() throws Exception {
        SflowAgent agent = new SflowAgent(SflowConfig.withTargets(target(collector)).withPollingInterval(1), ring,
            counters.port(4, 10));
        agent.start();
        SflowTestDecoder.Datagram d = receive(collector);
        assertThat(d.counterSamples()).extracting(SflowTestDecoder.CounterSample::sourceId).containsExactly(4);
        Thread thread = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("sflow-agent-0")).findFirst().orElseThrow();
        agent.close();
        assertThat(thread.isAlive()).isFalse();
    }
}

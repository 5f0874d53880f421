package io.jvswitch.datapath.sflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import com.sun.management.ThreadMXBean;

class SflowSampleRingTest {
    private record Seen(int samplerId, int input, int output, int inTci, int outTci, int frameLength, int rate,
                        int drops, long pool, byte[] header) {
    }

    private static List<Seen> drain(SflowSampleRing ring) {
        List<Seen> seen = new ArrayList<>();
        FlowSampleFlyweight f = new FlowSampleFlyweight();
        MessageHandler handler = (type, buffer, index, length) -> {
            assertThat(type).isEqualTo(FlowSampleFlyweight.MSG_TYPE_ID);
            f.wrap(buffer, index);
            assertThat(length).isEqualTo(FlowSampleFlyweight.length(f.headerLength()));
            byte[] header = new byte[f.headerLength()];
            f.buffer().getBytes(f.headerOffset(), header);
            seen.add(new Seen(f.samplerId(), f.input(), f.output(), f.inVlanTci(), f.outVlanTci(), f.frameLength(),
                f.samplingRate(), f.drops(), f.samplePool(), header));
        };
        // One read stops at the end of the buffer, so a wrapped ring takes two.
        for (int i = 0; i < 4; i++) {
            ring.read(handler, Integer.MAX_VALUE);
        }
        return seen;
    }

    @Test
    void shouldHandOverMetadataAndHeaderBytesWhenOffered() {
        SflowSampleRing ring = new SflowSampleRing(SflowSampleRing.MIN_CAPACITY);
        ring.setHeaderLength(64);
        SflowSampler sampler = new SflowSampler(1, 1);
        assertThat(sampler.sample()).isTrue();
        byte[] frame = TestFrames.icmpEcho("50:54:00:00:00:01", "50:54:00:00:00:02", (3 << 13) | 10, 200);
        UnsafeBuffer memory = new UnsafeBuffer(new byte[frame.length + 100]);
        memory.putBytes(100, frame);

        assertThat(ring.offer(sampler, memory, 100, frame.length, 7, SflowInterfaces.multiple(2), (3 << 13) | 10, 20))
            .isTrue();

        List<Seen> seen = drain(ring);
        assertThat(seen).hasSize(1);
        Seen s = seen.get(0);
        assertThat(s.samplerId()).isEqualTo(sampler.id());
        assertThat(s.input()).isEqualTo(7);
        assertThat(s.output()).isEqualTo(0x8000_0002);
        assertThat(s.inTci()).isEqualTo((3 << 13) | 10);
        assertThat(s.outTci()).isEqualTo(20);
        assertThat(s.frameLength()).isEqualTo(frame.length);
        assertThat(s.rate()).isEqualTo(1);
        assertThat(s.pool()).isEqualTo(1);
        assertThat(s.header()).isEqualTo(Arrays.copyOf(frame, 64));
    }

    @Test
    void shouldCopyWholeFrameWhenShorterThanHeaderLength() {
        SflowSampleRing ring = new SflowSampleRing(SflowSampleRing.MIN_CAPACITY);
        SflowSampler sampler = new SflowSampler(1, 1);
        byte[] arp = TestFrames.arpRequest();
        ring.offer(sampler, new UnsafeBuffer(arp), 0, arp.length, 1, 0, 0, 0);
        assertThat(drain(ring).get(0).header()).isEqualTo(arp);
    }

    @Test
    void shouldDropAndCountOnSamplerWhenRingIsFullAndReportDropsInNextSample() {
        SflowSampleRing ring = new SflowSampleRing(SflowSampleRing.MIN_CAPACITY);
        SflowSampler sampler = new SflowSampler(1, 1);
        byte[] frame = new byte[1500];
        UnsafeBuffer memory = new UnsafeBuffer(frame);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 1000; i++) {
            sampler.sample();
            if (ring.offer(sampler, memory, 0, frame.length, 1, 0, 0, 0)) {
                accepted++;
            } else {
                refused++;
            }
        }
        assertThat(accepted).isPositive().isLessThan(1000);
        assertThat(sampler.drops()).isEqualTo(refused);
        drain(ring);
        sampler.sample();
        assertThat(ring.offer(sampler, memory, 0, frame.length, 1, 0, 0, 0)).isTrue();
        Seen last = drain(ring).get(0);
        assertThat(last.drops()).isEqualTo(refused);
        assertThat(last.pool()).isEqualTo(1001);
        assertThat(ring.size()).isZero();
    }

    @Test
    void shouldKeepHeaderAsClaimedAndPublishOutputLaterWhenTwoStep() {
        SflowSampleRing ring = new SflowSampleRing(SflowSampleRing.MIN_CAPACITY);
        SflowSampler sampler = new SflowSampler(1, 1);
        byte[] frame = TestFrames.icmpEcho("50:54:00:00:00:01", "50:54:00:00:00:02", 10, 20);
        byte[] asReceived = frame.clone();
        UnsafeBuffer memory = new UnsafeBuffer(frame);
        sampler.sample();
        int first = ring.claim(sampler, memory, 0, frame.length, 3, 10);
        sampler.sample();
        int second = ring.claim(sampler, memory, 0, frame.length, 3, 10);
        sampler.sample();
        int third = ring.claim(sampler, memory, 0, frame.length, 3, 10);
        assertThat(first).isNotNegative();
        // The actions rewrite the frame after the claim (here: the VLAN id).
        memory.putByte(15, (byte) 99);

        ring.publish(second, SflowInterfaces.single(5), 20);
        assertThat(drain(ring)).as("nothing readable before the first claim is settled").isEmpty();
        ring.publish(first, SflowInterfaces.DISCARDED_UNKNOWN_REASON, 0);
        ring.abort(third);

        List<Seen> seen = drain(ring);
        assertThat(seen).extracting(Seen::output).containsExactly(SflowInterfaces.DISCARDED_UNKNOWN_REASON, 5);
        assertThat(seen).extracting(Seen::outTci).containsExactly(0, 20);
        assertThat(seen).extracting(Seen::pool).containsExactly(1L, 2L);
        assertThat(seen.get(1).header()).isEqualTo(asReceived);
    }

    @Test
    void shouldNotAllocateWhenOffering() {
        SflowSampleRing ring = new SflowSampleRing(1 << 16);
        SflowSampler sampler = new SflowSampler(1, 1);
        byte[] frame = new byte[300];
        UnsafeBuffer memory = new UnsafeBuffer(frame);
        FlowSampleFlyweight f = new FlowSampleFlyweight();
        int[] counted = new int[1];
        MessageHandler consumer = (type, buffer, index, length) -> {
            counted[0] += f.wrap(buffer, index).headerLength();
        };
        for (int i = 0; i < 20_000; i++) {
            sampler.sample();
            ring.offer(sampler, memory, 0, frame.length, 1, 0, 0, 0);
            ring.read(consumer, 10);
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            sampler.sample();
            ring.offer(sampler, memory, 0, frame.length, 1, 0, 0, 0);
            ring.read(consumer, 10);
        }
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(1024);
        assertThat(counted[0]).isPositive();
    }
}

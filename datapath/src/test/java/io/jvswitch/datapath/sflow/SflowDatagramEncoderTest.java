package io.jvswitch.datapath.sflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class SflowDatagramEncoderTest {
    /**
     * The datagram Open vSwitch 3.1 sent (ovs-compat.md §4.4), up to the header bytes: 6 samples
     * in the original, the first being this flow sample of a 42-byte ARP frame.
     */
    private static final String OVS_DATAGRAM_HEADER =
        "00000005 00000001 7f000001 00000000 0000001f 00007530 00000006";
    private static final String OVS_FLOW_SAMPLE =
        "00000001 0000007c 00000005 020003e8 00000001 00000005 00000000 000003ea 80000001 00000002"
        + "000003e9 00000010 00000000 00000000 00000000 00000000"
        + "00000001 0000003c 00000001 0000002e 00000004 0000002a";

    private final SflowDatagramEncoder encoder = new SflowDatagramEncoder();

    private static FlowSampleFlyweight sampleOf(byte[] frame, int headerLength) {
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[FlowSampleFlyweight.length(headerLength)]);
        return new FlowSampleFlyweight().wrap(buffer, 0)
            .samplerId(7).input(1002).output(SflowInterfaces.multiple(1)).inVlanTci(0).outVlanTci(0)
            .frameLength(frame.length).samplingRate(1).drops(0).samplePool(5)
            .header(new UnsafeBuffer(frame), 0, Math.min(frame.length, headerLength));
    }

    @Test
    void shouldReproduceObservedOpenVswitchFlowSampleWhenGivenTheSameValues() throws Exception {
        byte[] arp = TestFrames.arpRequest();
        encoder.reset(InetAddress.getByName("127.0.0.1"), 0);
        int sourceId = SflowDatagramEncoder.sourceId(2, 1000);
        encoder.appendFlowSample(5, sourceId, 5, 0, sampleOf(arp, 128));
        byte[] datagram = SflowTestDecoder.copy(encoder.finish(0x1f, 30_000));

        byte[] header = SflowTestDecoder.unhex(OVS_DATAGRAM_HEADER);
        byte[] flow = SflowTestDecoder.unhex(OVS_FLOW_SAMPLE);
        assertThat(datagram).hasSize(header.length + flow.length + 44);
        // Same header but for the sample count (one here, six in the observed datagram).
        assertThat(Arrays.copyOfRange(datagram, 0, 24)).isEqualTo(Arrays.copyOfRange(header, 0, 24));
        assertThat(Arrays.copyOfRange(datagram, 24, 28)).isEqualTo(new byte[] {0, 0, 0, 1});
        assertThat(SflowTestDecoder.hex(Arrays.copyOfRange(datagram, 28, 28 + flow.length)))
            .isEqualTo(SflowTestDecoder.hex(flow));
        assertThat(Arrays.copyOfRange(datagram, 28 + flow.length, 28 + flow.length + 42)).isEqualTo(arp);
        // Open vSwitch leaves whatever was in memory; sFlow asks for zero padding.
        assertThat(Arrays.copyOfRange(datagram, datagram.length - 2, datagram.length)).containsExactly(0, 0);
    }

    @Test
    void shouldEncodeVlansPrioritiesAndTruncatedHeaderWhenFrameIsLongerThanHeader() throws Exception {
        byte[] frame = TestFrames.icmpEcho("50:54:00:00:00:07", "50:54:00:00:00:05", (5 << 13) | 7, 100);
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[FlowSampleFlyweight.length(61)]);
        FlowSampleFlyweight sample = new FlowSampleFlyweight().wrap(buffer, 0)
            .input(3).output(SflowInterfaces.single(4)).inVlanTci((5 << 13) | 7).outVlanTci((2 << 13) | 20)
            .frameLength(frame.length).samplingRate(64).header(new UnsafeBuffer(frame), 0, 61);
        encoder.reset(InetAddress.getByName("198.18.0.9"), 3);
        encoder.appendFlowSample(1, SflowDatagramEncoder.sourceId(2, 1003), 640, 2, sample);
        byte[] bytes = SflowTestDecoder.copy(encoder.finish(1, 1234));

        assertThat(bytes).hasSize(28 + SflowDatagramEncoder.flowSampleLength(61)).hasSize(28 + 88 + 64);
        SflowTestDecoder.Datagram d = SflowTestDecoder.decode(bytes);
        assertThat(d.agent().getHostAddress()).isEqualTo("198.18.0.9");
        assertThat(d.subAgentId()).isEqualTo(3);
        assertThat(d.uptimeMs()).isEqualTo(1234);
        SflowTestDecoder.FlowSample f = d.flowSamples().get(0);
        assertThat(f.sourceId()).isEqualTo(0x0200_03EB);
        assertThat(f.samplingRate()).isEqualTo(64);
        assertThat(f.samplePool()).isEqualTo(640);
        assertThat(f.drops()).isEqualTo(2);
        assertThat(f.input()).isEqualTo(3);
        assertThat(f.output()).isEqualTo(4);
        assertThat(new int[] {f.inVlan(), f.inPriority(), f.outVlan(), f.outPriority()}).containsExactly(7, 5, 20, 2);
        assertThat(f.frameLength()).isEqualTo(frame.length + 4);
        assertThat(f.stripped()).isEqualTo(4);
        assertThat(f.header()).isEqualTo(Arrays.copyOf(frame, 61));
    }

    @Test
    void shouldEncodeIpv6AgentAddressWithLongerHeaderWhenAgentIsIpv6() throws Exception {
        encoder.reset(InetAddress.getByName("2001:db8::1"), 0);
        encoder.appendFlowSample(1, 1, 1, 0, sampleOf(TestFrames.arpRequest(), 128));
        byte[] bytes = SflowTestDecoder.copy(encoder.finish(9, 0));

        assertThat(ByteBuffer.wrap(bytes).getInt(4)).isEqualTo(SflowDatagramEncoder.ADDRESS_TYPE_IPV6);
        assertThat(bytes).hasSize(40 + 88 + 44);
        assertThat(SflowTestDecoder.decode(bytes).agent()).isEqualTo(InetAddress.getByName("2001:db8::1"));
    }

    @Test
    void shouldEncodeCounterSampleWithEthernetThenGenericRecordAndUnknownsAsAllOnes() throws Exception {
        PortCounters c = new PortCounters();
        c.ifIndex = 1003;
        c.speed = 10_000_000_000L;
        c.direction = PortCounters.DIRECTION_FULL_DUPLEX;
        c.adminUp = true;
        c.operUp = true;
        c.rxOctets = 5_000_000_000L;
        c.rxPackets = 100;
        c.rxMulticast = 3;
        c.rxDiscards = 1;
        c.rxErrors = 0;
        c.txOctets = 4200;
        c.txPackets = 42;
        c.txDiscards = 0;
        c.txErrors = 0;
        c.fcsErrors = 9;
        encoder.reset(InetAddress.getByName("127.0.0.1"), 0);
        encoder.appendCounterSample(14, SflowDatagramEncoder.sourceId(0, 1003), c);
        byte[] bytes = SflowTestDecoder.copy(encoder.finish(27, 0));

        assertThat(bytes).hasSize(28 + SflowDatagramEncoder.COUNTER_SAMPLE_LENGTH);
        ByteBuffer raw = ByteBuffer.wrap(bytes);
        assertThat(raw.getInt(28)).isEqualTo(2);
        assertThat(raw.getInt(32)).isEqualTo(168);
        SflowTestDecoder.CounterSample s = SflowTestDecoder.decode(bytes).counterSamples().get(0);
        assertThat(s.sequence()).isEqualTo(14);
        assertThat(s.sourceId()).isEqualTo(1003);
        assertThat(s.dot3()[1]).isEqualTo(9);
        assertThat(s.dot3()[0]).isEqualTo(0xFFFF_FFFFL);
        assertThat(s.dot3()[12]).isEqualTo(0xFFFF_FFFFL);
        assertThat(s.ifIndex()).isEqualTo(1003);
        assertThat(s.ifType()).isEqualTo(6);
        assertThat(s.ifSpeed()).isEqualTo(10_000_000_000L);
        assertThat(s.ifDirection()).isEqualTo(1);
        assertThat(s.ifStatus()).isEqualTo(3);
        assertThat(s.inOctets()).isEqualTo(5_000_000_000L);
        assertThat(s.inCounters()).containsExactly(100, 3, 0xFFFF_FFFFL, 1, 0, 0xFFFF_FFFFL);
        assertThat(s.outOctets()).isEqualTo(4200);
        assertThat(s.outCounters()).containsExactly(42, 0xFFFF_FFFFL, 0xFFFF_FFFFL, 0, 0);
        assertThat(s.promiscuous()).isZero();
    }

    @Test
    void shouldReportDefaultSpeedWhenSpeedUnknown() throws Exception {
        PortCounters c = new PortCounters();
        c.ifIndex = 5;
        encoder.reset(InetAddress.getByName("127.0.0.1"), 0);
        encoder.appendCounterSample(1, 5, c);
        SflowTestDecoder.CounterSample s = SflowTestDecoder.decode(SflowTestDecoder.copy(encoder.finish(1, 0)))
            .counterSamples().get(0);
        assertThat(s.ifSpeed()).isEqualTo(100_000_000L);
        assertThat(s.ifStatus()).isZero();
        assertThat(s.inOctets()).isEqualTo(-1L);
    }

    @Test
    void shouldRefuseSampleWhenDatagramWouldExceed1400Bytes() throws Exception {
        encoder.reset(InetAddress.getByName("127.0.0.1"), 0);
        FlowSampleFlyweight sample = sampleOf(new byte[300], 300);
        int length = SflowDatagramEncoder.flowSampleLength(300);
        int fitted = 0;
        while (encoder.hasRoom(length)) {
            encoder.appendFlowSample(fitted + 1, 1, 1, 0, sample);
            fitted++;
        }
        assertThat(fitted).isEqualTo((1400 - 28) / length);
        assertThatThrownBy(() -> encoder.appendFlowSample(99, 1, 1, 0, sample))
            .isInstanceOf(IllegalStateException.class);
        byte[] bytes = SflowTestDecoder.copy(encoder.finish(1, 0));
        assertThat(bytes.length).isLessThanOrEqualTo(1400);
        assertThat(SflowTestDecoder.decode(bytes).sampleCount()).isEqualTo(fitted);
        assertThat(encoder.isEmpty()).isTrue();
    }
}

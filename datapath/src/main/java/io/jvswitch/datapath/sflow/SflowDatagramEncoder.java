package io.jvswitch.datapath.sflow;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Builds one sFlow version 5 datagram at a time in a reusable buffer: the samples are appended
 * first and the datagram header is written by {@link #finish(int, int)}, once the sample count and
 * sequence number are known. All fields are big-endian 32-bit (XDR) unless noted u64; opaque bytes
 * are zero-padded to a multiple of 4. The layouts are Open vSwitch's (compact sample formats):
 *
 * <pre>
 * datagram:       version=5 | agent address type (1 IPv4, 2 IPv6) | agent address (4 or 16)
 *                 | sub-agent id | sequence number | uptime ms | sample count | samples...
 * sample, record: data format ((enterprise &lt;&lt; 12) | format) | length of what follows | data
 * flow sample     (0,1): sequence | source id ((class &lt;&lt; 24) | index) | sampling rate
 *                 | sample pool | drops | input | output | record count (2)
 *                 | extended switch (0,1001): src vlan | src priority | dst vlan | dst priority
 *                 | raw header (0,1): protocol (1 Ethernet) | frame length (+ FCS) | stripped (4)
 *                   | header length | header bytes padded to 4
 * counter sample  (0,2): sequence | source id | record count (2)
 *                 | Ethernet (0,2): 13 dot3Stats u32
 *                 | generic interface (0,1): ifIndex | ifType | ifSpeed u64 | ifDirection | ifStatus
 *                   | ifInOctets u64 | 6 u32 in-counters | ifOutOctets u64 | 5 u32 out-counters
 *                   | ifPromiscuousMode
 * </pre>
 *
 * <p>Counter samples carry only these two records: Open vSwitch adds OpenFlow port (1004) and port
 * name (1005) records, which tshark 4.0 cannot skip and flags as malformed.
 *
 * <p>Threading: owned by the agent thread. Nothing allocates after {@link #reset}.
 */
public final class SflowDatagramEncoder {
    /** Largest datagram, as Open vSwitch's {@code SFL_DEFAULT_DATAGRAM_SIZE}. */
    public static final int MAX_DATAGRAM_LENGTH = 1400;
    /** sFlow version. */
    public static final int VERSION = 5;
    /** Agent address type IPv4. */
    public static final int ADDRESS_TYPE_IPV4 = 1;
    /** Agent address type IPv6. */
    public static final int ADDRESS_TYPE_IPV6 = 2;
    /** Sample format: compact flow sample. */
    public static final int FORMAT_FLOW_SAMPLE = 1;
    /** Sample format: compact counter sample. */
    public static final int FORMAT_COUNTER_SAMPLE = 2;
    /** Flow record format: raw packet header. */
    public static final int RECORD_RAW_HEADER = 1;
    /** Flow record format: extended switch data. */
    public static final int RECORD_EXTENDED_SWITCH = 1001;
    /** Counter record format: generic interface counters. */
    public static final int RECORD_GENERIC_COUNTERS = 1;
    /** Counter record format: Ethernet counters. */
    public static final int RECORD_ETHERNET_COUNTERS = 2;
    /** Raw header protocol: ETHERNET-ISO88023. */
    public static final int HEADER_PROTOCOL_ETHERNET = 1;
    /** Bytes of FCS counted in frame length and reported as stripped. */
    public static final int FCS_LENGTH = 4;
    /** Source id class of a physical entity (Open vSwitch's bridge-wide flow sampler). */
    public static final int SOURCE_CLASS_ENTITY = 2;
    /** Source id class of an interface (ifIndex). */
    public static final int SOURCE_CLASS_IFINDEX = 0;
    /** ifType reported in generic counters (ethernetCsmacd). */
    public static final int IF_TYPE_ETHERNET = 6;

    /** Bytes of a flow sample without header bytes: 8 + 32 body + 24 switch record + 24 header record. */
    static final int FLOW_SAMPLE_FIXED_LENGTH = 88;
    /** Bytes of a counter sample: 8 + 12 body + 60 Ethernet record + 96 generic record. */
    public static final int COUNTER_SAMPLE_LENGTH = 176;
    private static final int GENERIC_COUNTERS_LENGTH = 88;
    private static final int ETHERNET_COUNTERS_LENGTH = 52;
    private static final int DOT3_COUNTER_COUNT = 13;
    private static final long UNKNOWN_U32 = 0xFFFF_FFFFL;

    private final ByteBuffer byteBuffer;
    private final UnsafeBuffer buffer;
    private byte[] agentAddress = new byte[4];
    private int subAgentId;
    private int headerLength = 28;
    private int position = headerLength;
    private int sampleCount;

    /** An encoder with an empty datagram and agent address 0.0.0.0. */
    public SflowDatagramEncoder() {
        byteBuffer = BufferUtil.allocateDirectAligned(MAX_DATAGRAM_LENGTH, 64).order(ByteOrder.BIG_ENDIAN);
        buffer = new UnsafeBuffer(byteBuffer);
    }

    /** Empties the datagram and sets the agent address and sub-agent id of the ones to come. */
    public void reset(InetAddress agent, int subAgent) {
        agentAddress = agent.getAddress();
        subAgentId = subAgent;
        headerLength = 6 * 4 + agentAddress.length;
        clear();
    }

    /** Forgets the samples appended since the last {@link #finish} or {@link #reset}. */
    public void clear() {
        position = headerLength;
        sampleCount = 0;
    }

    /** Samples in the datagram being built. */
    public int sampleCount() {
        return sampleCount;
    }

    /** Whether no sample has been appended. */
    public boolean isEmpty() {
        return sampleCount == 0;
    }

    /** Whether a sample of {@code sampleLength} bytes still fits in this datagram. */
    public boolean hasRoom(int sampleLength) {
        return position + sampleLength <= MAX_DATAGRAM_LENGTH;
    }

    /** Whether a sample of {@code sampleLength} bytes would fit in an empty datagram. */
    public boolean fitsEmpty(int sampleLength) {
        return headerLength + sampleLength <= MAX_DATAGRAM_LENGTH;
    }

    /** Bytes a flow sample with {@code headerBytes} bytes of sampled header takes. */
    public static int flowSampleLength(int headerBytes) {
        return FLOW_SAMPLE_FIXED_LENGTH + align4(headerBytes);
    }

    /** An sFlow data source id: {@code (class << 24) | index}. */
    public static int sourceId(int sourceClass, int index) {
        return (sourceClass << 24) | (index & 0x00FF_FFFF);
    }

    /**
     * Appends a compact flow sample for {@code sample}, with the agent-side sequence number, source
     * id and the (bridge-wide) pool and drops. The caller has checked {@link #hasRoom}.
     */
    public void appendFlowSample(int sequence, int sourceId, int samplePool, int drops, FlowSampleFlyweight sample) {
        int headerBytes = sample.headerLength();
        int sampleLength = flowSampleLength(headerBytes);
        checkRoom(sampleLength);
        putU32(FORMAT_FLOW_SAMPLE);
        putU32(sampleLength - 8);
        putU32(sequence);
        putU32(sourceId);
        putU32(sample.samplingRate());
        putU32(samplePool);
        putU32(drops);
        putU32(sample.input());
        putU32(sample.output());
        putU32(2);

        putU32(RECORD_EXTENDED_SWITCH);
        putU32(16);
        int inTci = sample.inVlanTci();
        int outTci = sample.outVlanTci();
        putU32(inTci & 0x0FFF);
        putU32(inTci >>> 13);
        putU32(outTci & 0x0FFF);
        putU32(outTci >>> 13);

        int padded = align4(headerBytes);
        putU32(RECORD_RAW_HEADER);
        putU32(16 + padded);
        putU32(HEADER_PROTOCOL_ETHERNET);
        putU32(sample.frameLength() + FCS_LENGTH);
        putU32(FCS_LENGTH);
        putU32(headerBytes);
        buffer.putBytes(position, sample.buffer(), sample.headerOffset(), headerBytes);
        buffer.setMemory(position + headerBytes, padded - headerBytes, (byte) 0);
        position += padded;
        sampleCount++;
    }

    /** Appends a compact counter sample of one port. The caller has checked {@link #hasRoom}. */
    public void appendCounterSample(int sequence, int sourceId, PortCounters c) {
        checkRoom(COUNTER_SAMPLE_LENGTH);
        putU32(FORMAT_COUNTER_SAMPLE);
        putU32(COUNTER_SAMPLE_LENGTH - 8);
        putU32(sequence);
        putU32(sourceId);
        putU32(2);

        putU32(RECORD_ETHERNET_COUNTERS);
        putU32(ETHERNET_COUNTERS_LENGTH);
        putCounter(c.alignmentErrors);
        putCounter(c.fcsErrors);
        for (int i = 2; i < DOT3_COUNTER_COUNT; i++) {
            // SingleCollision .. Symbol: index 10 is FrameTooLongs, the others a virtual port lacks.
            putCounter(i == 10 ? c.frameTooLongs : PortCounters.UNKNOWN);
        }

        putU32(RECORD_GENERIC_COUNTERS);
        putU32(GENERIC_COUNTERS_LENGTH);
        putU32(c.ifIndex);
        putU32(IF_TYPE_ETHERNET);
        putU64(c.speed < 0 ? PortCounters.DEFAULT_SPEED : c.speed);
        putU32(c.direction);
        putU32(c.ifStatus());
        putU64(c.rxOctets);
        putCounter(c.rxPackets);
        putCounter(c.rxMulticast);
        putCounter(c.rxBroadcast);
        putCounter(c.rxDiscards);
        putCounter(c.rxErrors);
        putCounter(PortCounters.UNKNOWN);
        putU64(c.txOctets);
        putCounter(c.txPackets);
        putCounter(c.txMulticast);
        putCounter(c.txBroadcast);
        putCounter(c.txDiscards);
        putCounter(c.txErrors);
        putU32(c.promiscuous ? 1 : 0);
        sampleCount++;
    }

    /**
     * Writes the datagram header and returns the datagram, ready to send (position 0, limit its
     * length). Valid until the next append or reset; then starts a new, empty datagram.
     */
    public ByteBuffer finish(int sequenceNumber, int uptimeMs) {
        int end = position;
        position = 0;
        putU32(VERSION);
        putU32(agentAddress.length == 4 ? ADDRESS_TYPE_IPV4 : ADDRESS_TYPE_IPV6);
        buffer.putBytes(position, agentAddress);
        position += agentAddress.length;
        putU32(subAgentId);
        putU32(sequenceNumber);
        putU32(uptimeMs);
        putU32(sampleCount);
        byteBuffer.limit(end).position(0);
        clear();
        return byteBuffer;
    }

    private void checkRoom(int length) {
        if (!hasRoom(length)) {
            throw new IllegalStateException("sample of " + length + " bytes does not fit the datagram");
        }
    }

    private void putU32(int value) {
        buffer.putInt(position, value, ByteOrder.BIG_ENDIAN);
        position += 4;
    }

    private void putCounter(long value) {
        putU32(value < 0 ? (int) UNKNOWN_U32 : (int) value);
    }

    private void putU64(long value) {
        buffer.putLong(position, value, ByteOrder.BIG_ENDIAN);
        position += 8;
    }

    private static int align4(int length) {
        return (length + 3) & ~3;
    }
}

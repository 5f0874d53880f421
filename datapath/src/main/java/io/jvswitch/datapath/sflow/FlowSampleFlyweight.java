package io.jvswitch.datapath.sflow;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A flow sample as it crosses from a PMD to the {@link SflowAgent} in the {@link SflowSampleRing}:
 * fixed metadata followed by the first bytes of the frame. Host byte order; never on the wire.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                   sampler id (unique per sampler)             |  0
 *  |                   input ifIndex (0 = unknown)                 |  4
 *  |                   output (sFlow compact interface encoding)   |  8
 *  |        reserved               |      input VLAN TCI           | 12
 *  |        reserved               |      output VLAN TCI          | 16
 *  |                   frame length (bytes, without FCS)           | 20
 *  |                   sampling rate                               | 24
 *  |                   drops (sampler's running count)             | 28
 *  |                   sample pool (sampler's running count, u64)  | 32
 *  |                                                               | 36
 *  |                   header length                               | 40
 *  |                   header bytes ...                            | 44
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>A VLAN TCI is {@code pcp << 13 | vid}; 0 for an untagged frame (VLAN 0, priority 0), as
 * sFlow's extended switch record reports it.
 */
public final class FlowSampleFlyweight {
    /** Ring message type of a flow sample. */
    public static final int MSG_TYPE_ID = 1;

    static final int SAMPLER_ID_OFFSET = 0;
    static final int INPUT_OFFSET = 4;
    static final int OUTPUT_OFFSET = 8;
    static final int IN_TCI_OFFSET = 12;
    static final int OUT_TCI_OFFSET = 16;
    static final int FRAME_LENGTH_OFFSET = 20;
    static final int RATE_OFFSET = 24;
    static final int DROPS_OFFSET = 28;
    static final int POOL_OFFSET = 32;
    static final int HEADER_LENGTH_OFFSET = 40;
    /** Offset of the first header byte; also the length of a sample without header bytes. */
    public static final int HEADER_OFFSET = 44;

    private MutableDirectBuffer buffer;
    private int offset;

    /** Points this flyweight at a sample stored at {@code offset} of {@code buffer}. */
    public FlowSampleFlyweight wrap(MutableDirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /** Bytes a sample with {@code headerLength} header bytes occupies. */
    public static int length(int headerLength) {
        return HEADER_OFFSET + headerLength;
    }

    /** Id of the sampler that took the sample (see {@link SflowSampler#id()}). */
    public int samplerId() {
        return buffer.getInt(offset + SAMPLER_ID_OFFSET);
    }

    /** Sets the sampler id. */
    public FlowSampleFlyweight samplerId(int value) {
        buffer.putInt(offset + SAMPLER_ID_OFFSET, value);
        return this;
    }

    /** ifIndex of the port the frame came in on, 0 when unknown. */
    public int input() {
        return buffer.getInt(offset + INPUT_OFFSET);
    }

    /** Sets the input ifIndex. */
    public FlowSampleFlyweight input(int ifIndex) {
        buffer.putInt(offset + INPUT_OFFSET, ifIndex);
        return this;
    }

    /** Output in sFlow's compact interface encoding (see {@link SflowInterfaces}). */
    public int output() {
        return buffer.getInt(offset + OUTPUT_OFFSET);
    }

    /** Sets the encoded output. */
    public FlowSampleFlyweight output(int encoded) {
        buffer.putInt(offset + OUTPUT_OFFSET, encoded);
        return this;
    }

    /** VLAN TCI the frame arrived with (0 untagged). */
    public int inVlanTci() {
        return buffer.getInt(offset + IN_TCI_OFFSET);
    }

    /** Sets the incoming VLAN TCI. */
    public FlowSampleFlyweight inVlanTci(int tci) {
        buffer.putInt(offset + IN_TCI_OFFSET, tci & 0xFFFF);
        return this;
    }

    /** VLAN TCI after input processing (0 untagged). */
    public int outVlanTci() {
        return buffer.getInt(offset + OUT_TCI_OFFSET);
    }

    /** Sets the outgoing VLAN TCI. */
    public FlowSampleFlyweight outVlanTci(int tci) {
        buffer.putInt(offset + OUT_TCI_OFFSET, tci & 0xFFFF);
        return this;
    }

    /** Length of the whole frame as received, without FCS. */
    public int frameLength() {
        return buffer.getInt(offset + FRAME_LENGTH_OFFSET);
    }

    /** Sets the frame length. */
    public FlowSampleFlyweight frameLength(int length) {
        buffer.putInt(offset + FRAME_LENGTH_OFFSET, length);
        return this;
    }

    /** Sampling rate in force when the sample was taken. */
    public int samplingRate() {
        return buffer.getInt(offset + RATE_OFFSET);
    }

    /** Sets the sampling rate. */
    public FlowSampleFlyweight samplingRate(int rate) {
        buffer.putInt(offset + RATE_OFFSET, rate);
        return this;
    }

    /** The sampler's running count of dropped samples. */
    public int drops() {
        return buffer.getInt(offset + DROPS_OFFSET);
    }

    /** Sets the drop count. */
    public FlowSampleFlyweight drops(int count) {
        buffer.putInt(offset + DROPS_OFFSET, count);
        return this;
    }

    /** The sampler's running sample pool. */
    public long samplePool() {
        return buffer.getLong(offset + POOL_OFFSET);
    }

    /** Sets the sample pool. */
    public FlowSampleFlyweight samplePool(long pool) {
        buffer.putLong(offset + POOL_OFFSET, pool);
        return this;
    }

    /** Number of header bytes that follow. */
    public int headerLength() {
        return buffer.getInt(offset + HEADER_LENGTH_OFFSET);
    }

    /** Copies {@code length} header bytes from {@code source} and records the length. */
    public FlowSampleFlyweight header(DirectBuffer source, int sourceOffset, int length) {
        buffer.putInt(offset + HEADER_LENGTH_OFFSET, length);
        buffer.putBytes(offset + HEADER_OFFSET, source, sourceOffset, length);
        return this;
    }

    /** The buffer holding the sample (header bytes at {@link #headerOffset()}). */
    public MutableDirectBuffer buffer() {
        return buffer;
    }

    /** Offset in {@link #buffer()} of the first header byte. */
    public int headerOffset() {
        return offset + HEADER_OFFSET;
    }
}

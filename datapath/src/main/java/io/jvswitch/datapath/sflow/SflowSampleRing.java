package io.jvswitch.datapath.sflow;

import java.nio.ByteBuffer;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The hand-off of sampled frames from the PMDs of one bridge to its {@link SflowAgent}: a
 * preallocated ring in direct memory (Agrona's {@link ManyToOneRingBuffer}, so any number of PMD
 * threads may offer) of {@link FlowSampleFlyweight} records.
 *
 * <h2>Threading</h2>
 * {@link #offer} (or {@link #claim} then {@link #publish}) is called by PMD threads; it never
 * blocks, allocates or throws: when the ring is full the sample is dropped and counted on its
 * sampler ({@link SflowSampler#countDrop()}), and the count reaches the collector in the
 * {@code drops} field of that sampler's next sample.
 * {@link #read} is called only by the agent thread. {@link #setHeaderLength(int)} may be called by
 * any thread (a volatile write read once per sample).
 */
public final class SflowSampleRing {
    /** Default ring size: room for about 5000 samples of 128 header bytes. */
    public static final int DEFAULT_CAPACITY = 1 << 20;
    /** Smallest ring: Agrona caps a record at an eighth of the ring, and the largest sample must fit. */
    public static final int MIN_CAPACITY = 1 << 14;

    private final ManyToOneRingBuffer ring;
    private volatile int headerLength = SflowConfig.DEFAULT_HEADER_LENGTH;

    /** A ring of {@link #DEFAULT_CAPACITY} bytes. */
    public SflowSampleRing() {
        this(DEFAULT_CAPACITY);
    }

    /** A ring of {@code capacity} bytes (a power of two, at least {@link #MIN_CAPACITY}). */
    public SflowSampleRing(int capacity) {
        if (capacity < MIN_CAPACITY || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException(
                "ring capacity " + capacity + " must be a power of two >= " + MIN_CAPACITY);
        }
        ByteBuffer memory = BufferUtil.allocateDirectAligned(capacity + RingBufferDescriptor.TRAILER_LENGTH, 64);
        this.ring = new ManyToOneRingBuffer(new UnsafeBuffer(memory));
    }

    /** Sets how many leading bytes of each sampled frame are kept (sFlow {@code header}). */
    public void setHeaderLength(int length) {
        if (length < 1 || length > SflowConfig.MAX_HEADER_LENGTH) {
            throw new IllegalArgumentException("header length " + length + " out of range");
        }
        headerLength = length;
    }

    /** Leading bytes kept of each sampled frame. */
    public int headerLength() {
        return headerLength;
    }

    /**
     * Hands one sampled frame to the agent: copies its first {@link #headerLength()} bytes and the
     * metadata into the ring. Call right after {@code sampler.sample()} returned true, once the
     * packet's output is known and with the frame still as received (else use {@link #claim} before
     * modifying it and {@link #publish} after). Never blocks or allocates.
     *
     * @param sampler     the port's sampler (gives the rate, pool, drops and id)
     * @param frame       buffer holding the frame as received
     * @param frameOffset offset of the frame's first byte
     * @param frameLength length of the frame without FCS
     * @param input       ifIndex of the input port (0 = unknown)
     * @param output      output in compact interface encoding ({@link SflowInterfaces})
     * @param inVlanTci   VLAN TCI as received ({@code pcp << 13 | vid}; 0 = untagged)
     * @param outVlanTci  VLAN TCI after input processing (0 = untagged)
     * @return false if the ring was full and the sample was dropped (and counted)
     */
    public boolean offer(SflowSampler sampler, DirectBuffer frame, int frameOffset, int frameLength,
                         int input, int output, int inVlanTci, int outVlanTci) {
        int claim = claim(sampler, frame, frameOffset, frameLength, input, inVlanTci);
        if (claim < 0) {
            return false;
        }
        publish(claim, output, outVlanTci);
        return true;
    }

    /**
     * First half of a two-step hand-off, for a PMD that samples a frame before its actions modify it
     * and learns the output only afterwards: copies the header and input-side metadata now and
     * returns a claim to {@link #publish} (or {@link #abort}) on the same thread soon after; the
     * agent reads nothing past an unpublished claim, so every claim must be settled, e.g. at the
     * end of the same batch. Never blocks or allocates.
     *
     * @return the claim, or -1 when the ring was full and the sample was dropped (and counted)
     */
    public int claim(SflowSampler sampler, DirectBuffer frame, int frameOffset, int frameLength, int input,
                     int inVlanTci) {
        int copied = Math.min(frameLength, headerLength);
        int index = ring.tryClaim(FlowSampleFlyweight.MSG_TYPE_ID, FlowSampleFlyweight.length(copied));
        if (index < 0) {
            sampler.countDrop();
            return -1;
        }
        AtomicBuffer buffer = ring.buffer();
        buffer.putInt(index + FlowSampleFlyweight.SAMPLER_ID_OFFSET, sampler.id());
        buffer.putInt(index + FlowSampleFlyweight.INPUT_OFFSET, input);
        buffer.putInt(index + FlowSampleFlyweight.OUTPUT_OFFSET, SflowInterfaces.UNKNOWN);
        buffer.putInt(index + FlowSampleFlyweight.IN_TCI_OFFSET, inVlanTci & 0xFFFF);
        buffer.putInt(index + FlowSampleFlyweight.OUT_TCI_OFFSET, 0);
        buffer.putInt(index + FlowSampleFlyweight.FRAME_LENGTH_OFFSET, frameLength);
        buffer.putInt(index + FlowSampleFlyweight.RATE_OFFSET, sampler.samplingRate());
        buffer.putInt(index + FlowSampleFlyweight.DROPS_OFFSET, (int) sampler.drops());
        buffer.putLong(index + FlowSampleFlyweight.POOL_OFFSET, sampler.samplePool());
        buffer.putInt(index + FlowSampleFlyweight.HEADER_LENGTH_OFFSET, copied);
        buffer.putBytes(index + FlowSampleFlyweight.HEADER_OFFSET, frame, frameOffset, copied);
        return index;
    }

    /** Second half of the hand-off: records the output side of a {@link #claim}, releasing it to the agent. */
    public void publish(int claim, int output, int outVlanTci) {
        AtomicBuffer buffer = ring.buffer();
        buffer.putInt(claim + FlowSampleFlyweight.OUTPUT_OFFSET, output);
        buffer.putInt(claim + FlowSampleFlyweight.OUT_TCI_OFFSET, outVlanTci & 0xFFFF);
        ring.commit(claim);
    }

    /** Gives up a {@link #claim} (the packet was not forwarded after all); the agent skips it. */
    public void abort(int claim) {
        ring.abort(claim);
    }

    /**
     * Agent thread: passes up to {@code limit} waiting samples to {@code handler}
     * ({@code msgTypeId} {@link FlowSampleFlyweight#MSG_TYPE_ID}); returns how many.
     */
    public int read(MessageHandler handler, int limit) {
        return ring.read(handler, limit);
    }

    /** Bytes currently waiting in the ring. */
    public int size() {
        return ring.size();
    }
}

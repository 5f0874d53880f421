package io.jvswitch.datapath.packet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A reusable batch of up to {@link #MAX_BURST} Ethernet frames in one region of direct memory: the
 * unit that every stage of the datapath (receive, lookup, execute, transmit) works on.
 *
 * <pre>
 *  memory: | slot 0                                | slot 1 ...
 *          | headroom ... | frame bytes ... | free |
 *          ^ slotOffset(i) ^ frameOffset(i)  (frameOffset - slotOffset starts at HEADROOM)
 * </pre>
 *
 * <p>Each slot keeps {@link #HEADROOM} bytes in front of the frame so a VLAN tag can be pushed in
 * place (the frame start moves back by 4). Beside each frame the batch keeps the input port's
 * datapath index and the frame's virtio-net header (10 bytes, host byte order as the kernel
 * writes it), which carries checksum-offload and GSO metadata between ports that speak it.
 *
 * <p>A slot may instead refer to a frame that lives in another batch ({@link #appendReference}):
 * a transmit batch queues an unchanged frame that way instead of copying it. Such a frame is read
 * through {@link #frameAddress}, {@link #frameMemory} and {@link #frameMemoryOffset} (which every
 * port's send path uses) and stays valid only while the other batch keeps it unchanged; the owner
 * copies it in with {@link #internalize} before that batch changes it.
 *
 * <p>Threading: a batch belongs to one thread (a PMD) and is never shared. Nothing here allocates
 * after construction.
 */
public final class PacketBatch {
    /** Frames per batch, as Open vSwitch's NETDEV_MAX_BURST. */
    public static final int MAX_BURST = 32;
    /** Bytes kept free in front of every frame for pushing headers. */
    public static final int HEADROOM = 64;
    /** Size of struct virtio_net_hdr (without num_buffers). */
    public static final int VNET_HDR_LENGTH = 10;
    /** Default frame capacity: a 64 KiB GSO super-frame plus an Ethernet and a VLAN header. */
    public static final int DEFAULT_FRAME_CAPACITY = 65_536 + 18;

    private final int frameCapacity;
    private final int slotSize;
    private final ByteBuffer memoryBuffer;
    private final UnsafeBuffer memory;
    private final UnsafeBuffer vnetHeaders;
    private final int[] frameOffset = new int[MAX_BURST];
    private final int[] frameLength = new int[MAX_BURST];
    private final int[] inPort = new int[MAX_BURST];
    /** For a slot that refers to another batch's frame: that batch (else null) and the frame's offset in it. */
    private final PacketBatch[] referenced = new PacketBatch[MAX_BURST];
    private final int[] referencedOffset = new int[MAX_BURST];
    private int count;

    /** Creates a batch whose slots hold frames of up to {@link #DEFAULT_FRAME_CAPACITY} bytes. */
    public PacketBatch() {
        this(DEFAULT_FRAME_CAPACITY);
    }

    /** Creates a batch whose slots hold frames of up to {@code frameCapacity} bytes. */
    public PacketBatch(int frameCapacity) {
        if (frameCapacity < 64) {
            throw new IllegalArgumentException("frame capacity too small: " + frameCapacity);
        }
        this.frameCapacity = frameCapacity;
        this.slotSize = align(HEADROOM + frameCapacity, 64);
        this.memoryBuffer = BufferUtil.allocateDirectAligned(slotSize * MAX_BURST, 64);
        this.memory = new UnsafeBuffer(memoryBuffer);
        this.vnetHeaders = new UnsafeBuffer(
            ByteBuffer.allocateDirect(VNET_HDR_LENGTH * MAX_BURST).order(ByteOrder.nativeOrder()));
        clear();
    }

    private static int align(int value, int alignment) {
        return (value + alignment - 1) & -alignment;
    }

    /** Number of frames in the batch. */
    public int count() {
        return count;
    }

    /** Whether the batch holds {@link #MAX_BURST} frames. */
    public boolean isFull() {
        return count == MAX_BURST;
    }

    /** Largest frame a slot holds. */
    public int frameCapacity() {
        return frameCapacity;
    }

    /**
     * Empties the batch; every slot's frame start goes back to just after the headroom. The virtio-net
     * headers are zeroed as slots are claimed, not here: an empty batch has none to read.
     */
    public void clear() {
        for (int i = 0; i < MAX_BURST; i++) {
            frameOffset[i] = slotOffset(i) + HEADROOM;
            frameLength[i] = 0;
            inPort[i] = -1;
            referenced[i] = null;
        }
        count = 0;
    }

    /**
     * Zeroes the 10-byte virtio-net header of slot {@code i} with two plain stores: Unsafe.setMemory
     * is a call into the VM, not an intrinsic, and at one per frame it was 13 % of a PMD's cycles.
     */
    private void zeroVnetHeader(int i) {
        int at = i * VNET_HDR_LENGTH;
        vnetHeaders.putLong(at, 0L);
        vnetHeaders.putShort(at + 8, (short) 0);
    }

    /** The whole batch memory; frame {@code i} lives at {@link #frameOffset(int)} in it. */
    public UnsafeBuffer memory() {
        return memory;
    }

    /** Native address of byte 0 of {@link #memory()}, for system calls. */
    public long memoryAddress() {
        return memory.addressOffset();
    }

    /** Offset in {@link #memory()} where slot {@code i} (its headroom) begins. */
    public int slotOffset(int i) {
        return i * slotSize;
    }

    /** Offset in {@link #memory()} of the first byte of frame {@code i}. */
    public int frameOffset(int i) {
        return frameOffset[i];
    }

    /** Length in bytes of frame {@code i}. */
    public int frameLength(int i) {
        return frameLength[i];
    }

    /** Datapath port index the frame arrived on, or -1. */
    public int inPort(int i) {
        return inPort[i];
    }

    /**
     * Claims the next free slot (its frame starts just after the headroom, length 0, vnet header
     * zeroed) and returns its index; the caller writes the frame and calls
     * {@link #setFrame(int, int, int)}. Returns -1 when the batch is full.
     */
    public int claim() {
        if (count == MAX_BURST) {
            return -1;
        }
        int i = count++;
        frameOffset[i] = slotOffset(i) + HEADROOM;
        frameLength[i] = 0;
        inPort[i] = -1;
        referenced[i] = null;
        zeroVnetHeader(i);
        return i;
    }

    /** Records where frame {@code i} lives and how long it is, and the port it came in on. */
    public void setFrame(int i, int offset, int length) {
        if (referenced[i] != null) {
            throw new IllegalStateException("frame " + i + " refers to another batch: internalize it first");
        }
        if (offset < slotOffset(i) || offset + length > slotOffset(i) + slotSize) {
            throw new IllegalArgumentException("frame outside its slot: " + offset + "+" + length);
        }
        frameOffset[i] = offset;
        frameLength[i] = length;
    }

    /** Sets the length of frame {@code i}, keeping its start. */
    public void setFrameLength(int i, int length) {
        setFrame(i, frameOffset[i], length);
    }

    /** Records the datapath port index frame {@code i} arrived on. */
    public void setInPort(int i, int port) {
        inPort[i] = port;
    }

    /**
     * Moves the start of frame {@code i} by {@code delta} bytes (negative grows the frame at the
     * front, into the headroom) without moving any byte; the length changes by {@code -delta}.
     */
    public void adjustFrameStart(int i, int delta) {
        setFrame(i, frameOffset[i] + delta, frameLength[i] - delta);
    }

    /** Drops the last {@code n} frames (e.g. a receive that failed half way). */
    public void truncate(int newCount) {
        if (newCount < 0 || newCount > count) {
            throw new IllegalArgumentException("bad count " + newCount);
        }
        count = newCount;
    }

    /**
     * The virtio-net headers of all slots, {@link #VNET_HDR_LENGTH} bytes each at
     * {@code i * VNET_HDR_LENGTH}, in host byte order: flags(u8) gso_type(u8) hdr_len(u16)
     * gso_size(u16) csum_start(u16) csum_offset(u16). All zero for an ordinary frame.
     */
    public UnsafeBuffer vnetHeaders() {
        return vnetHeaders;
    }

    /** Native address of the first byte of frame {@code i}, wherever it lives (system calls use this). */
    public long frameAddress(int i) {
        PacketBatch other = referenced[i];
        return other == null ? memory.addressOffset() + frameOffset[i] : other.memory.addressOffset()
            + referencedOffset[i];
    }

    /** The memory frame {@code i}'s bytes are in: this batch's, or the batch it refers to. */
    public UnsafeBuffer frameMemory(int i) {
        PacketBatch other = referenced[i];
        return other == null ? memory : other.memory;
    }

    /** Offset of frame {@code i}'s first byte in {@link #frameMemory(int)}. */
    public int frameMemoryOffset(int i) {
        return referenced[i] == null ? frameOffset[i] : referencedOffset[i];
    }

    /** Whether frame {@code i} refers to another batch's bytes. */
    public boolean isReference(int i) {
        return referenced[i] != null;
    }

    /** Whether frame {@code i} refers to frame {@code j} of {@code source} as that frame is now. */
    public boolean refersTo(int i, PacketBatch source, int j) {
        return referenced[i] == source && referencedOffset[i] == source.frameOffset[j];
    }

    /**
     * Adds frame {@code i} of {@code source} by reference: its input port and vnet header are
     * copied, its bytes are not. Returns the new slot, -1 when full (or the frame too long for a
     * slot, so that {@link #internalize} can always succeed).
     */
    public int appendReference(PacketBatch source, int i) {
        int length = source.frameLength(i);
        if (length > frameCapacity || source.referenced[i] != null) {
            return -1;
        }
        int j = claim();
        if (j < 0) {
            return -1;
        }
        referenced[j] = source;
        referencedOffset[j] = source.frameOffset(i);
        frameLength[j] = length;
        inPort[j] = source.inPort(i);
        vnetHeaders.putBytes(j * VNET_HDR_LENGTH, source.vnetHeaders, i * VNET_HDR_LENGTH, VNET_HDR_LENGTH);
        return j;
    }

    /** Copies the bytes of frame {@code i}, if it is a reference, into its own slot (after the headroom). */
    public void internalize(int i) {
        PacketBatch other = referenced[i];
        if (other == null) {
            return;
        }
        frameOffset[i] = slotOffset(i) + HEADROOM;
        memory.putBytes(frameOffset[i], other.memory, referencedOffset[i], frameLength[i]);
        referenced[i] = null;
    }

    /** Copies frame {@code i} of {@code source} (bytes, input port, vnet header) into a new slot; -1 when full. */
    public int appendCopy(PacketBatch source, int i) {
        int length = source.frameLength(i);
        if (length > frameCapacity) {
            return -1;
        }
        int j = claim();
        if (j < 0) {
            return -1;
        }
        memory.putBytes(frameOffset[j], source.frameMemory(i), source.frameMemoryOffset(i), length);
        frameLength[j] = length;
        inPort[j] = source.inPort(i);
        vnetHeaders.putBytes(j * VNET_HDR_LENGTH, source.vnetHeaders, i * VNET_HDR_LENGTH, VNET_HDR_LENGTH);
        return j;
    }
}

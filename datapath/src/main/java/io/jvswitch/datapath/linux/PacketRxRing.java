package io.jvswitch.datapath.linux;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * The receive ring of a packet socket (PACKET_MMAP, TPACKET_V2): frames the kernel writes into
 * memory we share with it, so a poll that finds frames costs no system call and the kernel neither
 * queues an skb per frame nor takes the socket-queue lock against our reads.
 *
 * <p>Layout: {@link #frameCount()} slots of {@link #frameSize()} bytes. Each starts with a
 * {@code struct tpacket2_hdr} whose status word says who owns the slot (kernel: 0, us:
 * {@link #TP_STATUS_USER}); the frame starts at {@code tp_mac} within the slot, with its
 * virtio-net header just in front of it (PACKET_VNET_HDR), and the {@code sockaddr_ll} sits at
 * {@link #SLL_OFFSET}. A frame longer than a slot arrives truncated, marked {@link #TP_STATUS_COPY},
 * and the kernel queues a whole copy on the socket for an ordinary receive call
 * (PACKET_COPY_THRESH), so small frames take the ring and super-frames the copying path.
 *
 * <p>Threading: the slots are read by one PMD; the status word is read with acquire and written
 * back with release semantics, which is all the kernel's side needs. {@link #close()} unmaps the
 * memory: the owner calls it only after the PMD has let go of the port (any later access would
 * fault).
 */
public final class PacketRxRing implements AutoCloseable {
    /** Slot status: owned by the kernel (free for a new frame). */
    public static final int TP_STATUS_KERNEL = 0;
    /** Slot status bit: a frame for us is in the slot. */
    public static final int TP_STATUS_USER = 1;
    /** Slot status bit: the frame was truncated to the slot; the whole frame waits on the socket queue. */
    public static final int TP_STATUS_COPY = 2;
    /** Slot status bit: {@code tp_vlan_tci} holds the tag the kernel stripped. */
    public static final int TP_STATUS_VLAN_VALID = 0x10;
    /** Slot status bit: {@code tp_vlan_tpid} holds that tag's TPID. */
    public static final int TP_STATUS_VLAN_TPID_VALID = 0x40;

    /** Offsets in {@code struct tpacket2_hdr}. */
    public static final int STATUS_OFFSET = 0;
    /** Original length of the frame. */
    public static final int LEN_OFFSET = 4;
    /** Bytes of it in the slot. */
    public static final int SNAPLEN_OFFSET = 8;
    /** Offset of the Ethernet header from the slot start (u16). */
    public static final int MAC_OFFSET = 12;
    /** Stripped VLAN TCI (u16). */
    public static final int VLAN_TCI_OFFSET = 24;
    /** Stripped VLAN TPID (u16). */
    public static final int VLAN_TPID_OFFSET = 26;
    /** Offset of the {@code struct sockaddr_ll} in a slot: TPACKET_ALIGN(sizeof(struct tpacket2_hdr)). */
    public static final int SLL_OFFSET = 32;

    static final int PACKET_RX_RING = 5;
    static final int PACKET_COPY_THRESH = 7;
    static final int PACKET_VERSION = 10;
    static final int TPACKET_V2 = 1;
    private static final int TPACKET_REQ_SIZE = 16;

    private final UnsafeBuffer slots;
    private final int frameSize;
    private final int frameCount;
    private long address;

    private PacketRxRing(long address, int frameSize, int frameCount) {
        this.address = address;
        this.frameSize = frameSize;
        this.frameCount = frameCount;
        this.slots = new UnsafeBuffer(address, frameSize * frameCount);
    }

    /**
     * Gives packet socket {@code fd} a TPACKET_V2 receive ring of {@code frameCount} slots of
     * {@code frameSize} bytes in blocks of {@code blockSize} and maps it. Must come after
     * PACKET_VNET_HDR is set (the kernel fixes the slot layout when the ring is made) and before
     * any other ring option. {@code blockSize} is a power-of-two multiple of the page size and of
     * {@code frameSize}; {@code frameCount} a multiple of the frames per block.
     */
    public static PacketRxRing map(int fd, int frameSize, int frameCount, int blockSize, String subject)
        throws NativeIoException {
        if (frameSize % 16 != 0 || blockSize % frameSize != 0 || frameCount % (blockSize / frameSize) != 0) {
            throw new IllegalArgumentException("bad ring geometry " + frameSize + "x" + frameCount + "/" + blockSize);
        }
        Syscalls.setsockoptInt(fd, PacketSocket.SOL_PACKET, PACKET_VERSION, TPACKET_V2, "PACKET_VERSION");
        Syscalls.setsockoptInt(fd, PacketSocket.SOL_PACKET, PACKET_COPY_THRESH, 1, "PACKET_COPY_THRESH");
        UnsafeBuffer request = NativeMemory.allocate(TPACKET_REQ_SIZE);
        request.putInt(0, blockSize);
        request.putInt(4, frameCount / (blockSize / frameSize));
        request.putInt(8, frameSize);
        request.putInt(12, frameCount);
        Syscalls.setsockopt(fd, PacketSocket.SOL_PACKET, PACKET_RX_RING, request.addressOffset(),
            TPACKET_REQ_SIZE, "PACKET_RX_RING");
        long address;
        try {
            address = Syscalls.mmapShared(fd, (long) frameSize * frameCount, subject);
        } catch (NativeIoException e) {
            // An unmapped ring would still swallow every frame: take it away again (all-zero request).
            request.setMemory(0, TPACKET_REQ_SIZE, (byte) 0);
            Syscalls.setsockopt(fd, PacketSocket.SOL_PACKET, PACKET_RX_RING, request.addressOffset(),
                TPACKET_REQ_SIZE, "PACKET_RX_RING");
            throw e;
        }
        return new PacketRxRing(address, frameSize, frameCount);
    }

    /** The whole ring; slot {@code k} starts at {@code k * frameSize()}. */
    public UnsafeBuffer slots() {
        return slots;
    }

    /** Bytes per slot. */
    public int frameSize() {
        return frameSize;
    }

    /** Number of slots. */
    public int frameCount() {
        return frameCount;
    }

    /** The status word of the slot at {@code slotOffset}, read with acquire semantics. */
    public int status(int slotOffset) {
        return slots.getIntVolatile(slotOffset + STATUS_OFFSET);
    }

    /** Hands the slot at {@code slotOffset} back to the kernel (release semantics). */
    public void release(int slotOffset) {
        slots.putIntOrdered(slotOffset + STATUS_OFFSET, TP_STATUS_KERNEL);
    }

    /** Unmaps the ring. Idempotent; see the class comment for when it may be called. */
    @Override
    public void close() {
        long toUnmap = address;
        address = 0;
        if (toUnmap != 0) {
            Syscalls.munmap(toUnmap, (long) frameSize * frameCount);
        }
    }
}

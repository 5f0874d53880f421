package io.jvswitch.datapath.port;

import io.jvswitch.datapath.packet.PacketBatch;

/**
 * Frame I/O of one port: the only thing the forwarding engine knows about a device. Implemented
 * for TAP devices, AF_PACKET sockets on existing devices, and in memory for engine tests.
 *
 * <p>Threading: an instance is used by one PMD thread at a time; {@link #close()} is called by
 * the control plane only after the PMD has let go of the port. Other PMDs send to the same device
 * through handles from {@link #openSender()}, one each.
 */
public interface PortIo extends AutoCloseable {

    /**
     * Receives frames into the free slots of {@code batch}, appending after its current frames.
     *
     * <p>Never blocks. Returns the number of frames appended (0 when nothing is waiting, when
     * the device is down or gone). Each appended frame starts after the slot's headroom, so a
     * VLAN tag can be pushed in place; its input port is left for the caller to set, and its
     * virtio-net header slot holds the kernel's offload metadata when the port has it (else
     * zeros). Frames longer than the batch's frame capacity are dropped and counted by the
     * port, never truncated. Receive errors are counted, never thrown.
     */
    int receive(PacketBatch batch);

    /**
     * Transmits every frame of {@code batch} (with its virtio-net header where the port speaks
     * it, else checksums and segmentation completed first) and returns how many were accepted
     * by the device. Never blocks: frames the device cannot take now are dropped and counted.
     * The batch is left as it was; the caller clears it.
     */
    int send(PacketBatch batch);

    /**
     * A file descriptor that becomes readable when {@link #receive} has something, for an idle
     * PMD to wait on with epoll; -1 when there is none (in-memory ports).
     */
    int pollFd();

    /**
     * Whether {@link #receive} finds nothing without a system call (a mapped ring, memory): such a
     * port is polled every duty cycle, others at most every few microseconds while they are empty.
     */
    default boolean pollIsCheap() {
        return false;
    }

    /**
     * Opens a send-only handle on the same device for another PMD thread: its {@link #send} may run at
     * the same time as this port's (it has its own system-call scratch memory and, where the kernel
     * accounts sends per socket, its own socket), its {@link #receive} finds nothing, it has no
     * {@link #pollFd()}, and it shares this port's {@link #stats()}. Close it before this port.
     *
     * @throws Exception with a one-line reason when the device cannot take a second sender
     */
    default PortIo openSender() throws Exception {
        throw new UnsupportedOperationException(this + " cannot be sent to from a second PMD");
    }

    /** Whether the device exists and its link is up. */
    boolean isLinkUp();

    /** Counters kept by the port itself (frames it dropped or failed to move). */
    PortIoStats stats();

    /** Releases the device (closes the fd; deletes a TAP this port created). Idempotent. */
    @Override
    void close();
}

package io.jvswitch.datapath.port.system;

import io.jvswitch.datapath.linux.Links;
import io.jvswitch.datapath.linux.NativeIoException;
import io.jvswitch.datapath.linux.PacketSocket;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.port.PortIo;
import io.jvswitch.datapath.port.PortIoStats;

/**
 * {@link PortIo} of a {@code system} port: an existing device (veth end, NIC, a VM's tap) read and
 * written through an AF_PACKET socket ({@link PacketSocket}): received from its memory-mapped ring
 * with no system call while frames are waiting ({@code recvmmsg} when the socket has no ring, and
 * for frames too long for a ring slot), sent 32 per {@code sendmmsg}. Frames carry their virtio-net
 * header both ways; VLAN tags the kernel stripped are put back; our own transmissions are not read
 * back.
 *
 * <p>Device lifecycle: a link set down, or a device deleted, makes receive return 0 and send drop
 * and count, never throw; {@link #isLinkUp()} then answers false. The socket is bound to the
 * ifindex, so when a device of the same name comes back the owner closes this port and opens a
 * new one (the link monitor says when).
 */
public final class AfPacketPortIo implements PortIo {
    private final PacketSocket socket;
    private final PortIoStats stats = new PortIoStats();
    private final AfPacketReceiver receiver = new AfPacketReceiver(stats);
    private final AfPacketRingReceiver ringReceiver;
    private final AfPacketSender sender = new AfPacketSender(stats);

    private AfPacketPortIo(PacketSocket socket) {
        this.socket = socket;
        this.ringReceiver = socket.rxRing() == null ? null : new AfPacketRingReceiver(socket.rxRing(), receiver, stats);
    }

    /** Opens a promiscuous packet socket on the existing device {@code name} (receive ring unless turned off). */
    public static AfPacketPortIo open(String name) throws NativeIoException {
        return new AfPacketPortIo(PacketSocket.open(name));
    }

    /** Opens a port on {@code name}, receiving through a ring when {@code withRxRing} and the kernel allow. */
    public static AfPacketPortIo open(String name, boolean withRxRing) throws NativeIoException {
        return new AfPacketPortIo(PacketSocket.open(name, withRxRing));
    }

    /** Whether frames are received through a memory-mapped ring (else one receive call per batch). */
    public boolean receivesFromRing() {
        return ringReceiver != null;
    }

    /** The socket underneath (device name, ifindex). */
    public PacketSocket socket() {
        return socket;
    }

    @Override
    public int receive(PacketBatch batch) {
        if (ringReceiver != null) {
            return ringReceiver.receive(socket.fd(), batch);
        }
        return receiver.receive(socket.fd(), batch, PacketBatch.MAX_BURST);
    }

    @Override
    public int send(PacketBatch batch) {
        return sender.send(socket.txFd(), batch);
    }

    /**
     * A sender for another PMD with its own send-only socket: the kernel's per-socket write accounting
     * and its send scratch memory then belong to one thread each.
     */
    @Override
    public PortIo openSender() throws NativeIoException {
        return new AfPacketSenderPort(this, socket.openExtraTransmitSocket(), stats);
    }

    @Override
    public boolean pollIsCheap() {
        return ringReceiver != null;
    }

    @Override
    public int pollFd() {
        return socket.fd();
    }

    /**
     * Whether the device we are bound to still exists under its name, is up and has carrier. Asks
     * the kernel (an ioctl): call at control-plane rate, not per packet.
     */
    @Override
    public boolean isLinkUp() {
        if (socket.fd() < 0) {
            return false;
        }
        String name = socket.name();
        return Links.ifindex(name) == socket.ifindex() && Links.isUp(name);
    }

    /**
     * Frames the kernel dropped before we could read them (socket queue full), cumulative; not
     * part of {@link #stats()} because it is read with a system call, at control-plane rate.
     */
    public long kernelRxDrops() {
        return socket.kernelDrops();
    }

    @Override
    public PortIoStats stats() {
        return stats;
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return "system:" + socket.name() + (ringReceiver != null ? " (mmap ring)" : " (recvmmsg)");
    }
}

package io.jvswitch.datapath.port.system;

import io.jvswitch.datapath.linux.Links;
import io.jvswitch.datapath.linux.NativeIoException;
import io.jvswitch.datapath.linux.PacketSocket;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.port.PortIo;
import io.jvswitch.datapath.port.PortIoStats;

/**
 * {@link PortIo} of a {@code system} port: an existing device (veth end, NIC, a VM's tap) read and
 * written through an AF_PACKET socket ({@link PacketSocket}), 32 frames per system call each way
 * ({@code recvmmsg}/{@code sendmmsg}). Frames carry their virtio-net header both ways; VLAN tags
 * the kernel stripped are put back; our own transmissions are not read back.
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
    private final AfPacketSender sender = new AfPacketSender(stats);

    private AfPacketPortIo(PacketSocket socket) {
        this.socket = socket;
    }

    /** Opens a promiscuous packet socket on the existing device {@code name}. */
    public static AfPacketPortIo open(String name) throws NativeIoException {
        return new AfPacketPortIo(PacketSocket.open(name));
    }

    /** The socket underneath (device name, ifindex). */
    public PacketSocket socket() {
        return socket;
    }

    @Override
    public int receive(PacketBatch batch) {
        return receiver.receive(socket.fd(), batch);
    }

    @Override
    public int send(PacketBatch batch) {
        return sender.send(socket.fd(), batch);
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
        return "system:" + socket.name();
    }
}

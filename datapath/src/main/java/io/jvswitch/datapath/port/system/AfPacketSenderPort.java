package io.jvswitch.datapath.port.system;

import io.jvswitch.datapath.linux.Syscalls;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.port.PortIo;
import io.jvswitch.datapath.port.PortIoStats;

/**
 * A send-only handle on an {@link AfPacketPortIo}'s device for a PMD that does not poll it: its own
 * send-only AF_PACKET socket and {@code sendmmsg} scratch, the owner's counters. Receives nothing.
 *
 * <p>Threading: one PMD sends; the control plane closes it before the owner.
 */
final class AfPacketSenderPort implements PortIo {
    private final AfPacketPortIo owner;
    private final AfPacketSender sender;
    private volatile int fd;

    AfPacketSenderPort(AfPacketPortIo owner, int fd, PortIoStats stats) {
        this.owner = owner;
        this.fd = fd;
        this.sender = new AfPacketSender(stats);
    }

    @Override
    public int receive(PacketBatch batch) {
        return 0;
    }

    @Override
    public int send(PacketBatch batch) {
        return sender.send(fd, batch);
    }

    @Override
    public int pollFd() {
        return -1;
    }

    @Override
    public boolean isLinkUp() {
        return owner.isLinkUp();
    }

    @Override
    public PortIoStats stats() {
        return owner.stats();
    }

    @Override
    public void close() {
        int toClose = fd;
        fd = -1;
        if (toClose >= 0) {
            Syscalls.close(toClose);
        }
    }

    @Override
    public String toString() {
        return owner + " (sender)";
    }
}

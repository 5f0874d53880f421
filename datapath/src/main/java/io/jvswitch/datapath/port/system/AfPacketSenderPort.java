package io.jvswitch.datapath.port.system;

import io.jvswitch.datapath.linux.Syscalls;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.port.PortIoStats;
import io.jvswitch.datapath.port.SendOnlyPort;

/**
 * A send-only handle on an {@link AfPacketPortIo}'s device for a PMD that does not poll it: its own
 * send-only AF_PACKET socket and {@code sendmmsg} scratch, the owner's counters. Receives nothing.
 *
 * <p>Threading: one PMD sends; the control plane closes it before the owner.
 */
final class AfPacketSenderPort extends SendOnlyPort {
    private final AfPacketSender sender;
    private volatile int fd;

    AfPacketSenderPort(AfPacketPortIo owner, int fd, PortIoStats stats) {
        super(owner);
        this.fd = fd;
        this.sender = new AfPacketSender(stats);
    }

    @Override
    public int send(PacketBatch batch) {
        return sender.send(fd, batch);
    }

    @Override
    public void close() {
        int toClose = fd;
        fd = -1;
        if (toClose >= 0) {
            Syscalls.close(toClose);
        }
    }
}

package io.jvswitch.datapath.port.system;

import io.jvswitch.datapath.packet.VnetHeader;
import io.jvswitch.datapath.linux.Errno;
import io.jvswitch.datapath.linux.IoVecArray;
import io.jvswitch.datapath.linux.MmsgHdrArray;
import io.jvswitch.datapath.linux.Syscalls;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.port.PortIoStats;

/**
 * The transmit side of an AF_PACKET port: one {@code sendmmsg} for the whole batch, each message
 * gathering the frame's virtio-net header and its bytes straight from the batch. A short count
 * means the next message failed: a frame the kernel rejects (bad offload header, too long) is
 * counted and skipped, a full socket buffer or a downed device drops the rest, so the call never
 * blocks and loops at most once per frame. Threading: one PMD; nothing allocates.
 */
final class AfPacketSender {
    private static final int BURST = PacketBatch.MAX_BURST;

    private final MmsgHdrArray messages = new MmsgHdrArray(BURST);
    private final IoVecArray iov = new IoVecArray(2 * BURST);
    private final PortIoStats stats;

    AfPacketSender(PortIoStats stats) {
        this.stats = stats;
        for (int k = 0; k < BURST; k++) {
            messages.setIov(k, iov.address(2 * k), 2);
        }
    }

    int send(int fd, PacketBatch batch) {
        int count = batch.count();
        if (count == 0) {
            return 0;
        }
        if (fd < 0) {
            stats.addTxDropped(count);
            return 0;
        }
        long headers = batch.vnetHeaders().addressOffset();
        for (int k = 0; k < count; k++) {
            iov.set(2 * k, headers + (long) k * VnetHeader.LENGTH, VnetHeader.LENGTH);
            iov.set(2 * k + 1, batch.frameAddress(k), batch.frameLength(k));
        }
        int done = 0;
        int sent = 0;
        boolean retried = false;
        while (done < count) {
            int n = Syscalls.sendmmsg(fd, messages.address(done), count - done, 0);
            if (n > 0) {
                done += n;
                sent += n;
                continue;
            }
            int errno = -n;
            if (errno == Errno.ENETDOWN && !retried) {
                // A link that went down and came back leaves ENETDOWN pending on the socket, and
                // the next call reports (and clears) it; only a second ENETDOWN means "down now".
                retried = true;
                continue;
            }
            if (n == 0 || errno == Errno.ENOBUFS || Errno.meansLinkDown(errno)) {
                stats.addTxDropped(count - done);
                break;
            }
            stats.addTxErrors(1);
            done++;
        }
        return sent;
    }
}

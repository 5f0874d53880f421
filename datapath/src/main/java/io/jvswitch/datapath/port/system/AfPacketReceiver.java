package io.jvswitch.datapath.port.system;

import io.jvswitch.datapath.packet.VlanTags;
import io.jvswitch.datapath.packet.VnetHeader;
import org.agrona.concurrent.UnsafeBuffer;

import io.jvswitch.datapath.linux.Errno;
import io.jvswitch.datapath.linux.IoVecArray;
import io.jvswitch.datapath.linux.MmsgHdrArray;
import io.jvswitch.datapath.linux.NativeMemory;
import io.jvswitch.datapath.linux.PacketSocket;
import io.jvswitch.datapath.linux.SockaddrLl;
import io.jvswitch.datapath.linux.Syscalls;
import io.jvswitch.datapath.linux.TpacketAuxdata;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.port.PortIoStats;

/**
 * The receive side of an AF_PACKET port: one {@code recvmmsg} fills every free slot of a batch.
 *
 * <p>What: message {@code k} of the vector scatters into two places — the 10-byte virtio-net header
 * into a scratch row, the frame straight into slot {@code start + k} of the batch, after its
 * headroom — with its {@code sockaddr_ll} (for the packet type) and its PACKET_AUXDATA control
 * message (for the VLAN tag the kernel stripped) beside it. Kept frames are then claimed in order;
 * a dropped frame (too long, or our own transmission) makes the later frames move down one slot,
 * which costs a copy only in that rare case. A stripped tag is pushed back into the headroom
 * ({@link VlanTags#push}, as the ring receiver does).
 *
 * <p>Threading: one PMD. The vector is rebuilt only when the batch or its fill level differs from
 * the previous call, so an idle poll costs the system call and little else. Nothing allocates
 * after construction.
 */
final class AfPacketReceiver {
    private static final int BURST = PacketBatch.MAX_BURST;
    private static final int NAME_STRIDE = 32;
    private static final int CONTROL_STRIDE = 64;

    private final MmsgHdrArray messages = new MmsgHdrArray(BURST);
    private final IoVecArray iov = new IoVecArray(2 * BURST);
    private final UnsafeBuffer vnetScratch = NativeMemory.allocate(VnetHeader.LENGTH * BURST);
    private final UnsafeBuffer names = NativeMemory.allocate(NAME_STRIDE * BURST);
    private final UnsafeBuffer controls = NativeMemory.allocate(CONTROL_STRIDE * BURST);
    private final PortIoStats stats;

    private PacketBatch preparedBatch;
    private int preparedStart = -1;

    AfPacketReceiver(PortIoStats stats) {
        this.stats = stats;
        for (int k = 0; k < BURST; k++) {
            messages.setIov(k, iov.address(2 * k), 2);
            messages.setName(k, names.addressOffset() + (long) k * NAME_STRIDE, SockaddrLl.SIZE);
            messages.setControl(k, controls.addressOffset() + (long) k * CONTROL_STRIDE, CONTROL_STRIDE);
            iov.set(2 * k, vnetScratch.addressOffset() + (long) k * VnetHeader.LENGTH, VnetHeader.LENGTH);
        }
    }

    /** Receives up to {@code max} frames into the free slots of {@code batch}; returns how many were kept. */
    int receive(int fd, PacketBatch batch, int max) {
        int start = batch.count();
        int free = Math.min(BURST - start, max);
        if (free <= 0 || fd < 0) {
            return 0;
        }
        if (batch != preparedBatch || start != preparedStart) {
            prepare(batch, start);
        }
        int n = Syscalls.recvmmsg(fd, messages.address(0), free, MmsgHdrArray.MSG_TRUNC);
        if (n <= 0) {
            if (n < 0) {
                int errno = -n;
                if (!Errno.meansLinkDown(errno)) {
                    stats.rxErrors++;
                }
            }
            return 0;
        }
        int kept = 0;
        for (int k = 0; k < n; k++) {
            if (accept(batch, start, k)) {
                kept++;
            }
            messages.resetLengths(k, SockaddrLl.SIZE, CONTROL_STRIDE);
        }
        return kept;
    }

    private void prepare(PacketBatch batch, int start) {
        long memory = batch.memoryAddress();
        int capacity = batch.frameCapacity();
        for (int k = 0; start + k < BURST; k++) {
            int slot = start + k;
            iov.set(2 * k + 1, memory + batch.slotOffset(slot) + PacketBatch.HEADROOM, capacity);
            messages.resetLengths(k, SockaddrLl.SIZE, CONTROL_STRIDE);
        }
        preparedBatch = batch;
        preparedStart = start;
    }

    /** Moves message {@code k} into the batch as its next frame, or drops it; true when kept. */
    private boolean accept(PacketBatch batch, int start, int k) {
        int frameLength = messages.length(k) - VnetHeader.LENGTH;
        if ((messages.flags(k) & MmsgHdrArray.MSG_TRUNC) != 0 || frameLength > batch.frameCapacity()
            || frameLength <= 0) {
            stats.rxDropped++;
            return false;
        }
        if ((names.getByte(k * NAME_STRIDE + SockaddrLl.PKTTYPE_OFFSET) & 0xFF) == PacketSocket.PACKET_OUTGOING) {
            return false;
        }
        int i = batch.claim();
        int received = batch.slotOffset(start + k) + PacketBatch.HEADROOM;
        UnsafeBuffer memory = batch.memory();
        if (batch.frameOffset(i) != received) {
            memory.putBytes(batch.frameOffset(i), memory, received, frameLength);
        }
        batch.setFrameLength(i, frameLength);
        batch.vnetHeaders().putBytes(i * VnetHeader.LENGTH, vnetScratch, k * VnetHeader.LENGTH,
            VnetHeader.LENGTH);
        restoreVlanTag(batch, i, k);
        return true;
    }

    /** Pushes back the 802.1Q header the kernel took off and reported in PACKET_AUXDATA. */
    private void restoreVlanTag(PacketBatch batch, int i, int k) {
        int control = k * CONTROL_STRIDE;
        if (messages.controlLength(k) < TpacketAuxdata.CMSG_LENGTH
            || controls.getInt(control + TpacketAuxdata.CMSG_LEVEL_OFFSET) != PacketSocket.SOL_PACKET
            || controls.getInt(control + TpacketAuxdata.CMSG_TYPE_OFFSET) != PacketSocket.PACKET_AUXDATA) {
            return;
        }
        int status = controls.getInt(control + TpacketAuxdata.STATUS_OFFSET);
        if ((status & TpacketAuxdata.TP_STATUS_VLAN_VALID) == 0) {
            return;
        }
        int tci = controls.getShort(control + TpacketAuxdata.VLAN_TCI_OFFSET) & 0xFFFF;
        int tpid = (status & TpacketAuxdata.TP_STATUS_VLAN_TPID_VALID) != 0
            ? controls.getShort(control + TpacketAuxdata.VLAN_TPID_OFFSET) & 0xFFFF
            : VlanTags.TPID_8021Q;
        VlanTags.push(batch, i, tpid, tci);
    }
}

package io.jvswitch.datapath.port.system;

import org.agrona.concurrent.UnsafeBuffer;

import io.jvswitch.datapath.linux.PacketRxRing;
import io.jvswitch.datapath.linux.PacketSocket;
import io.jvswitch.datapath.linux.SockaddrLl;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.packet.VlanTags;
import io.jvswitch.datapath.packet.VnetHeader;
import io.jvswitch.datapath.port.PortIoStats;

/**
 * The receive side of an AF_PACKET port with a {@link PacketRxRing}: frames are taken from the
 * ring's slots in order, with no system call, until the slot at the head is the kernel's again or
 * the batch is full.
 *
 * <p>What: each ready slot's frame and virtio-net header are copied into the batch (a 64-byte
 * frame costs a cache line or two; the slot goes back to the kernel at once, so the ring never
 * waits on the pipeline), the VLAN tag the kernel stripped is pushed back from the slot header. A
 * slot marked {@link PacketRxRing#TP_STATUS_COPY} holds only the head of a frame too long for it:
 * the whole frame is on the socket queue, and one receive call of {@link AfPacketReceiver} takes
 * it, in the same order. A frame truncated without a copy (the socket's buffer was full) or longer
 * than the batch's slots is dropped and counted.
 *
 * <p>Threading: one PMD. Nothing allocates after construction.
 */
final class AfPacketRingReceiver {
    private final PacketRxRing ring;
    private final UnsafeBuffer slots;
    private final int frameSize;
    private final int ringBytes;
    private final AfPacketReceiver copies;
    private final PortIoStats stats;
    private int head;

    AfPacketRingReceiver(PacketRxRing ring, AfPacketReceiver copies, PortIoStats stats) {
        this.ring = ring;
        this.slots = ring.slots();
        this.frameSize = ring.frameSize();
        this.ringBytes = ring.frameSize() * ring.frameCount();
        this.copies = copies;
        this.stats = stats;
    }

    int receive(int fd, PacketBatch batch) {
        if (fd < 0) {
            return 0;
        }
        int kept = 0;
        while (!batch.isFull()) {
            int slot = head;
            int status = ring.status(slot);
            if ((status & PacketRxRing.TP_STATUS_USER) == 0) {
                break;
            }
            if ((status & PacketRxRing.TP_STATUS_COPY) != 0) {
                ring.release(slot);
                advance();
                kept += copies.receive(fd, batch, 1);
                continue;
            }
            if (accept(batch, slot, status)) {
                kept++;
            }
            ring.release(slot);
            advance();
        }
        return kept;
    }

    private void advance() {
        int next = head + frameSize;
        head = next == ringBytes ? 0 : next;
    }

    /** Copies the frame in slot {@code slot} into the batch as its next frame, or drops it; true when kept. */
    private boolean accept(PacketBatch batch, int slot, int status) {
        int length = slots.getInt(slot + PacketRxRing.LEN_OFFSET);
        int captured = slots.getInt(slot + PacketRxRing.SNAPLEN_OFFSET);
        if (captured != length || length > batch.frameCapacity() || length <= 0) {
            stats.rxDropped++;
            return false;
        }
        if ((slots.getByte(slot + PacketRxRing.SLL_OFFSET + SockaddrLl.PKTTYPE_OFFSET) & 0xFF)
            == PacketSocket.PACKET_OUTGOING) {
            return false;
        }
        int mac = slot + (slots.getShort(slot + PacketRxRing.MAC_OFFSET) & 0xFFFF);
        int i = batch.claim();
        UnsafeBuffer memory = batch.memory();
        memory.putBytes(batch.frameOffset(i), slots, mac, length);
        batch.setFrameLength(i, length);
        batch.vnetHeaders().putBytes(i * VnetHeader.LENGTH, slots, mac - VnetHeader.LENGTH, VnetHeader.LENGTH);
        if ((status & PacketRxRing.TP_STATUS_VLAN_VALID) != 0) {
            int tci = slots.getShort(slot + PacketRxRing.VLAN_TCI_OFFSET) & 0xFFFF;
            int tpid = (status & PacketRxRing.TP_STATUS_VLAN_TPID_VALID) != 0
                ? slots.getShort(slot + PacketRxRing.VLAN_TPID_OFFSET) & 0xFFFF
                : VlanTags.TPID_8021Q;
            VlanTags.push(batch, i, tpid, tci);
        }
        return true;
    }
}

package io.jvswitch.datapath.linux;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * {@code struct sockaddr_ll} (20 bytes): family u16 at 0, protocol (network order) u16 at 2,
 * ifindex i32 at 4, hatype u16 at 8, pkttype u8 at 10, halen u8 at 11, addr[8] at 12.
 */
public final class SockaddrLl {
    /** sizeof(struct sockaddr_ll). */
    public static final int SIZE = 20;
    /** Offset of sll_pkttype (PACKET_HOST, PACKET_OUTGOING, ...). */
    public static final int PKTTYPE_OFFSET = 10;

    private SockaddrLl() {
    }

    static void fill(UnsafeBuffer memory, short protocolBigEndian, int ifindex) {
        memory.putShort(0, (short) PacketSocket.AF_PACKET);
        memory.putShort(2, protocolBigEndian);
        memory.putInt(4, ifindex);
    }
}

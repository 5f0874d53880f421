package io.jvswitch.datapath.sflow;

import java.nio.ByteBuffer;

/** Hand-built Ethernet frames for sFlow tests. */
final class TestFrames {
    private TestFrames() {
    }

    /** A broadcast ARP request, 42 bytes (the frame of the observed Open vSwitch datagram). */
    static byte[] arpRequest() {
        ByteBuffer b = ByteBuffer.allocate(42);
        b.put(mac("ff:ff:ff:ff:ff:ff")).put(mac("50:54:00:00:00:07")).putShort((short) 0x0806);
        b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1);
        b.put(mac("50:54:00:00:00:07")).put(ip(198, 18, 0, 2)).put(new byte[6]).put(ip(198, 18, 0, 1));
        return b.array();
    }

    /**
     * An ICMP echo request from 198.18.0.2 to 198.18.0.1, {@code payload} bytes of payload, with an
     * 802.1Q tag when {@code vlanTci >= 0}.
     */
    static byte[] icmpEcho(String srcMac, String dstMac, int vlanTci, int payload) {
        int ipLength = 20 + 8 + payload;
        ByteBuffer b = ByteBuffer.allocate(14 + (vlanTci >= 0 ? 4 : 0) + ipLength);
        b.put(mac(dstMac)).put(mac(srcMac));
        if (vlanTci >= 0) {
            b.putShort((short) 0x8100).putShort((short) vlanTci);
        }
        b.putShort((short) 0x0800);
        int ipStart = b.position();
        b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 1).putShort((short) 0x4000);
        b.put((byte) 64).put((byte) 1).putShort((short) 0).put(ip(198, 18, 0, 2)).put(ip(198, 18, 0, 1));
        b.putShort(ipStart + 10, checksum(b.array(), ipStart, 20));
        int icmpStart = b.position();
        b.put((byte) 8).put((byte) 0).putShort((short) 0).putShort((short) 0x1234).putShort((short) 1);
        for (int i = 0; i < payload; i++) {
            b.put((byte) i);
        }
        b.putShort(icmpStart + 2, checksum(b.array(), icmpStart, 8 + payload));
        return b.array();
    }

    static byte[] mac(String text) {
        String[] parts = text.split(":");
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    static byte[] ip(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }

    static short checksum(byte[] data, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            int hi = data[offset + i] & 0xFF;
            int lo = i + 1 < length ? data[offset + i + 1] & 0xFF : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (short) ~sum;
    }
}

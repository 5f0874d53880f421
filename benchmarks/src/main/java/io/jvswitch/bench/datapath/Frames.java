package io.jvswitch.bench.datapath;

import io.jvswitch.datapath.packet.MacAddresses;
import io.jvswitch.datapath.packet.PacketBatch;
import org.agrona.concurrent.UnsafeBuffer;

/** Builds 64-byte UDP/IPv4 frames (60 bytes without the FCS) as the benchmarks' traffic. */
final class Frames {
    /** Frame length without the FCS: a 64-byte frame on the wire. */
    static final int LENGTH = 60;

    private Frames() {
    }

    /**
     * Fills {@code batch} with {@link PacketBatch#MAX_BURST} frames from port {@code inPort}: flows
     * {@code first .. first+31}.
     */
    static void fill(PacketBatch batch, int inPort, FrameSpec spec, int first) {
        batch.clear();
        for (int i = 0; i < PacketBatch.MAX_BURST; i++) {
            int slot = batch.claim();
            write(batch.memory(), batch.frameOffset(slot), spec, first + i);
            batch.setFrameLength(slot, LENGTH);
            batch.setInPort(slot, inPort);
        }
    }

    /** Frame {@code i} as a byte array (for in-memory ports). */
    static byte[] bytes(FrameSpec spec, int i) {
        UnsafeBuffer b = new UnsafeBuffer(new byte[LENGTH]);
        write(b, 0, spec, i);
        return b.byteArray();
    }

    /** What varies between the frames of a batch (all go from v1's MAC to v2's, to 198.18.0.2:9). */
    interface FrameSpec {
        /** Source IPv4 address of frame i. */
        int nwSrc(int i);

        /** Source UDP port of frame i. */
        int tpSrc(int i);
    }

    /** Frame i from 198.18.0.1, UDP port 1000 + i: 32 flows for NORMAL/exact-match tables. */
    static final FrameSpec SIMPLE = new FrameSpec() {
        @Override
        public int nwSrc(int i) {
            return FlowSet.IP1;
        }

        @Override
        public int tpSrc(int i) {
            return 1000 + i;
        }
    };

    /** Frame i hits rule (i % 8, i / 8) of {@link FlowSet}: 32 rules, 4 in each of the 8 masks. */
    static final FrameSpec FLOW_SET = new FrameSpec() {
        @Override
        public int nwSrc(int i) {
            return FlowSet.source(i % FlowSet.MASKS, i / FlowSet.MASKS);
        }

        @Override
        public int tpSrc(int i) {
            return FlowSet.sourcePort(i % FlowSet.MASKS, i / FlowSet.MASKS);
        }
    };

    private static final long MAC1 = MacAddresses.parse(FlowSet.MAC1);
    private static final long MAC2 = MacAddresses.parse(FlowSet.MAC2);

    private static void write(UnsafeBuffer b, int p, FrameSpec spec, int i) {
        b.setMemory(p, LENGTH, (byte) 0);
        putMac(b, p, MAC2);
        putMac(b, p + 6, MAC1);
        putShort(b, p + 12, 0x0800);
        int ip = p + 14;
        b.putByte(ip, (byte) 0x45);
        putShort(b, ip + 2, LENGTH - 14);
        putShort(b, ip + 6, 0x4000);
        b.putByte(ip + 8, (byte) 64);
        b.putByte(ip + 9, (byte) 17);
        putInt(b, ip + 12, spec.nwSrc(i));
        putInt(b, ip + 16, FlowSet.IP2);
        putShort(b, ip + 10, ipChecksum(b, ip));
        int udp = ip + 20;
        putShort(b, udp, spec.tpSrc(i));
        putShort(b, udp + 2, FlowSet.DPORT);
        putShort(b, udp + 4, LENGTH - 34);
    }

    private static int ipChecksum(UnsafeBuffer b, int ip) {
        int sum = 0;
        for (int k = 0; k < 20; k += 2) {
            sum += ((b.getByte(ip + k) & 0xff) << 8) | (b.getByte(ip + k + 1) & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }

    private static void putMac(UnsafeBuffer b, int p, long mac) {
        for (int k = 0; k < 6; k++) {
            b.putByte(p + k, (byte) (mac >>> (40 - 8 * k)));
        }
    }

    private static void putShort(UnsafeBuffer b, int p, int v) {
        b.putByte(p, (byte) (v >>> 8));
        b.putByte(p + 1, (byte) v);
    }

    private static void putInt(UnsafeBuffer b, int p, int v) {
        putShort(b, p, v >>> 16);
        putShort(b, p + 2, v);
    }
}

package io.jvswitch.it.sflow;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes UDP payloads sent from 127.0.0.1 to 127.0.0.1:{@code dstPort} as a classic pcap file (microsecond
 * timestamps, link type Ethernet), each wrapped in synthetic Ethernet, IPv4 and UDP headers, so offline decoders
 * ({@code tshark -r}, {@code sfacctd -I}) see them as if captured on the wire. A copy of the datapath module's
 * test helper of the same name (test code is not shared between modules).
 */
final class PcapWriter implements AutoCloseable {
    private static final int MAGIC = 0xA1B2_C3D4;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final byte[] LOOPBACK = {127, 0, 0, 1};
    private static final byte[] DST_MAC = {2, 0, 0, 0, 0, 1};
    private static final byte[] SRC_MAC = {2, 0, 0, 0, 0, 2};

    private final OutputStream out;
    private final int dstPort;
    private int ipId;

    PcapWriter(Path file, int dstPort) throws IOException {
        this.out = Files.newOutputStream(file);
        this.dstPort = dstPort;
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65_535)
            .putInt(LINKTYPE_ETHERNET);
        out.write(header.array());
    }

    /** Appends one UDP datagram carrying {@code payload}, stamped {@code timeMicros} since the epoch. */
    void write(byte[] payload, long timeMicros) throws IOException {
        int udpLength = 8 + payload.length;
        int ipLength = 20 + udpLength;
        ByteBuffer frame = ByteBuffer.allocate(14 + ipLength);
        frame.put(DST_MAC).put(SRC_MAC).putShort((short) 0x0800);
        frame.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) ipId++)
            .putShort((short) 0x4000).put((byte) 64).put((byte) 17).putShort((short) 0).put(LOOPBACK).put(LOOPBACK);
        frame.putShort(14 + 10, ipChecksum(frame.array(), 14, 20));
        // UDP checksum 0: "not computed", allowed over IPv4.
        frame.putShort((short) 40_000).putShort((short) dstPort).putShort((short) udpLength).putShort((short) 0);
        frame.put(payload);

        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt((int) (timeMicros / 1_000_000)).putInt((int) (timeMicros % 1_000_000))
            .putInt(frame.capacity()).putInt(frame.capacity());
        out.write(record.array());
        out.write(frame.array());
    }

    private static short ipChecksum(byte[] bytes, int offset, int length) {
        int sum = 0;
        for (int i = offset; i < offset + length; i += 2) {
            sum += ((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (short) ~sum;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

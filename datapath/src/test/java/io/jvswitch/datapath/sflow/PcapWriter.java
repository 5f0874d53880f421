package io.jvswitch.datapath.sflow;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes UDP payloads as a classic pcap file (microsecond timestamps, link type Ethernet), each
 * wrapped in synthetic Ethernet, IPv4 and UDP headers, so offline decoders (tshark -r,
 * sfacctd -I) see them as if captured on the wire. Shared with integration-tests (test-jar).
 */
public final class PcapWriter implements AutoCloseable {
    private static final int MAGIC = 0xA1B2_C3D4;
    private static final int LINKTYPE_ETHERNET = 1;

    private final OutputStream out;
    private final byte[] srcIp;
    private final byte[] dstIp;
    private final int dstPort;
    private int ipId;

    /** A pcap file at {@code file} of UDP datagrams from {@code source} to {@code destination}:{@code dstPort}. */
    public PcapWriter(Path file, InetAddress source, InetAddress destination, int dstPort) throws IOException {
        if (!(source instanceof Inet4Address) || !(destination instanceof Inet4Address)) {
            throw new IllegalArgumentException("IPv4 only");
        }
        this.out = Files.newOutputStream(file);
        this.srcIp = source.getAddress();
        this.dstIp = destination.getAddress();
        this.dstPort = dstPort;
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65_535)
            .putInt(LINKTYPE_ETHERNET);
        out.write(header.array());
    }

    /** Appends one UDP datagram carrying {@code payload}, stamped {@code timeMicros} since the epoch. */
    public void write(byte[] payload, long timeMicros) throws IOException {
        int udpLength = 8 + payload.length;
        int ipLength = 20 + udpLength;
        ByteBuffer frame = ByteBuffer.allocate(14 + ipLength);
        frame.put(TestFrames.mac("02:00:00:00:00:02")).put(TestFrames.mac("02:00:00:00:00:01"))
            .putShort((short) 0x0800);
        frame.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) ipId++)
            .putShort((short) 0x4000).put((byte) 64).put((byte) 17).putShort((short) 0).put(srcIp).put(dstIp);
        frame.putShort(14 + 10, TestFrames.checksum(frame.array(), 14, 20));
        // UDP checksum 0: "not computed", allowed over IPv4.
        frame.putShort((short) 40_000).putShort((short) dstPort).putShort((short) udpLength).putShort((short) 0);
        frame.put(payload);

        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt((int) (timeMicros / 1_000_000)).putInt((int) (timeMicros % 1_000_000))
            .putInt(frame.capacity()).putInt(frame.capacity());
        out.write(record.array());
        out.write(frame.array());
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

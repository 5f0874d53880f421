package io.jvswitch.datapath.sflow;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict test-only sFlow v5 decoder for what {@link SflowDatagramEncoder} writes (in the spirit
 * of Open vSwitch's tests/test-sflow.c): every length field is checked against what follows, so a
 * layout mistake fails loudly.
 */
final class SflowTestDecoder {
    private SflowTestDecoder() {
    }

    /** A decoded datagram. */
    record Datagram(int version, InetAddress agent, int subAgentId, int sequence, int uptimeMs,
                    List<FlowSample> flowSamples, List<CounterSample> counterSamples, int length) {
        int sampleCount() {
            return flowSamples.size() + counterSamples.size();
        }
    }

    /** A decoded compact flow sample with its extended switch and raw header records. */
    record FlowSample(int sequence, int sourceId, int samplingRate, int samplePool, int drops, int input,
                      int output, int inVlan, int inPriority, int outVlan, int outPriority, int headerProtocol,
                      int frameLength, int stripped, byte[] header) {
    }

    /** A decoded compact counter sample with its Ethernet and generic records. */
    record CounterSample(int sequence, int sourceId, long[] dot3, int ifIndex, int ifType, long ifSpeed,
                         int ifDirection, int ifStatus, long inOctets, long[] inCounters, long outOctets,
                         long[] outCounters, int promiscuous) {
        long inUcast() {
            return inCounters[0];
        }
    }

    static Datagram decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int version = b.getInt();
        int addressType = b.getInt();
        byte[] address = new byte[addressType == 1 ? 4 : 16];
        if (addressType != 1 && addressType != 2) {
            throw new IllegalArgumentException("bad address type " + addressType);
        }
        b.get(address);
        InetAddress agent;
        try {
            agent = InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        int subAgent = b.getInt();
        int sequence = b.getInt();
        int uptime = b.getInt();
        int count = b.getInt();
        List<FlowSample> flows = new ArrayList<>();
        List<CounterSample> counters = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int format = b.getInt();
            int length = b.getInt();
            int end = b.position() + length;
            if (format == 1) {
                flows.add(flowSample(b));
            } else if (format == 2) {
                counters.add(counterSample(b));
            } else {
                throw new IllegalArgumentException("unexpected sample format " + format);
            }
            expect(b.position() == end, "sample length " + length + " but read " + (b.position() - end + length));
        }
        expect(!b.hasRemaining(), "trailing bytes: " + b.remaining());
        return new Datagram(version, agent, subAgent, sequence, uptime, flows, counters, bytes.length);
    }

    private static FlowSample flowSample(ByteBuffer b) {
        int seq = b.getInt();
        int source = b.getInt();
        int rate = b.getInt();
        int pool = b.getInt();
        int drops = b.getInt();
        int input = b.getInt();
        int output = b.getInt();
        int records = b.getInt();
        expect(records == 2, "records " + records);
        expect(b.getInt() == 1001, "first record must be extended switch");
        expect(b.getInt() == 16, "extended switch length");
        int inVlan = b.getInt();
        int inPri = b.getInt();
        int outVlan = b.getInt();
        int outPri = b.getInt();
        expect(b.getInt() == 1, "second record must be raw header");
        int recordLength = b.getInt();
        int protocol = b.getInt();
        int frameLength = b.getInt();
        int stripped = b.getInt();
        int headerLength = b.getInt();
        int padded = (headerLength + 3) & ~3;
        expect(recordLength == 16 + padded, "raw header record length " + recordLength);
        byte[] header = new byte[headerLength];
        b.get(header);
        for (int i = headerLength; i < padded; i++) {
            expect(b.get() == 0, "pad byte not zero");
        }
        return new FlowSample(seq, source, rate, pool, drops, input, output, inVlan, inPri, outVlan, outPri, protocol,
            frameLength, stripped, header);
    }

    private static CounterSample counterSample(ByteBuffer b) {
        int seq = b.getInt();
        int source = b.getInt();
        int records = b.getInt();
        expect(records == 2, "records " + records);
        expect(b.getInt() == 2, "first record must be Ethernet");
        expect(b.getInt() == 52, "Ethernet record length");
        long[] dot3 = new long[13];
        for (int i = 0; i < dot3.length; i++) {
            dot3[i] = Integer.toUnsignedLong(b.getInt());
        }
        expect(b.getInt() == 1, "second record must be generic");
        expect(b.getInt() == 88, "generic record length");
        int ifIndex = b.getInt();
        int ifType = b.getInt();
        long speed = b.getLong();
        int direction = b.getInt();
        int status = b.getInt();
        long inOctets = b.getLong();
        long[] in = new long[6];
        for (int i = 0; i < in.length; i++) {
            in[i] = Integer.toUnsignedLong(b.getInt());
        }
        long outOctets = b.getLong();
        long[] out = new long[5];
        for (int i = 0; i < out.length; i++) {
            out[i] = Integer.toUnsignedLong(b.getInt());
        }
        int promiscuous = b.getInt();
        return new CounterSample(seq, source, dot3, ifIndex, ifType, speed, direction, status, inOctets, in,
            outOctets, out, promiscuous);
    }

    private static void expect(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("bad sFlow datagram: " + message);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte x : bytes) {
            s.append(String.format("%02x", x));
        }
        return s.toString();
    }

    static byte[] unhex(String text) {
        String clean = text.replaceAll("[^0-9a-fA-F]", "");
        byte[] out = new byte[clean.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(clean.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static byte[] copy(ByteBuffer datagram) {
        ByteBuffer d = datagram.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}

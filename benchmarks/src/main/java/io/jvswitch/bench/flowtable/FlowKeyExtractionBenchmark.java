package io.jvswitch.bench.flowtable;

import io.jvswitch.flowtable.match.FlowKey;
import io.jvswitch.flowtable.match.FlowKeyExtractor;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Nanoseconds to extract a {@link FlowKey} from typical frames held in a direct buffer. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FlowKeyExtractionBenchmark {

    /** Which kind of frame to parse. */
    @Param({"tcp4", "udp4_vlan", "tcp6", "arp"})
    public String frame;

    private final FlowKeyExtractor extractor = new FlowKeyExtractor();
    private final FlowKey key = new FlowKey();
    private ByteBuffer buffer;
    private int length;

    /** Builds the frame once. */
    @Setup
    public void setUp() {
        buffer = ByteBuffer.allocateDirect(2048);
        int p = 0;
        p = putMacs(p);
        switch (frame) {
            case "tcp4":
                p = putShort(p, 0x0800);
                p = putIpv4(p, 6, 20);
                p = putTcp(p);
                break;
            case "udp4_vlan":
                p = putShort(p, 0x8100);
                p = putShort(p, 0x2064);
                p = putShort(p, 0x0800);
                p = putIpv4(p, 17, 8 + 18);
                p = putShort(p, 5000);
                p = putShort(p, 53);
                p = putShort(p, 26);
                p = putShort(p, 0);
                p += 18;
                break;
            case "tcp6":
                p = putShort(p, 0x86dd);
                buffer.putInt(p, 0x60000000 | 0x12345);
                buffer.putShort(p + 4, (short) 20);
                buffer.put(p + 6, (byte) 6);
                buffer.put(p + 7, (byte) 64);
                buffer.putLong(p + 8, 0x20010db800000000L);
                buffer.putLong(p + 16, 1);
                buffer.putLong(p + 24, 0x20010db800000000L);
                buffer.putLong(p + 32, 2);
                p = putTcp(p + 40);
                break;
            case "arp":
                p = putShort(p, 0x0806);
                p = putShort(p, 1);
                p = putShort(p, 0x0800);
                buffer.put(p++, (byte) 6);
                buffer.put(p++, (byte) 4);
                p = putShort(p, 1);
                p += 6;
                buffer.putInt(p, 0xc6120001);
                p += 10;
                buffer.putInt(p, 0xc6120002);
                p += 4 + 18;
                break;
            default:
                throw new IllegalArgumentException(frame);
        }
        length = Math.max(p, 60);
    }

    private int putMacs(int p) {
        buffer.putLong(p, 0x0a0b0c0d0e0f0200L);
        buffer.putInt(p + 8, 0x00000001);
        return p + 12;
    }

    private int putShort(int p, int v) {
        buffer.putShort(p, (short) v);
        return p + 2;
    }

    private int putIpv4(int p, int proto, int payload) {
        buffer.put(p, (byte) 0x45);
        buffer.putShort(p + 2, (short) (20 + payload));
        buffer.putShort(p + 6, (short) 0x4000);
        buffer.put(p + 8, (byte) 64);
        buffer.put(p + 9, (byte) proto);
        buffer.putInt(p + 12, 0xc6120001);
        buffer.putInt(p + 16, 0xc6120002);
        return p + 20;
    }

    private int putTcp(int p) {
        buffer.putShort(p, (short) 40000);
        buffer.putShort(p + 2, (short) 80);
        buffer.putShort(p + 12, (short) 0x5012);
        return p + 20;
    }

    /** One extraction. */
    @Benchmark
    public FlowKey extract() {
        return extractor.extract(buffer, 0, length, 1, key);
    }
}

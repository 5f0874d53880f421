package io.jvswitch.datapath.linux;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * {@code struct ifreq} (40 bytes on x86-64) in direct memory: the interface name in the first 16
 * bytes, then a union read as flags (short), MTU or index (int), or a hardware address
 * ({@code struct sockaddr}: family u16, then the address bytes).
 */
final class Ifreq {
    static final int SIZE = 40;
    static final int NAME_OFFSET = 0;
    /** IFNAMSIZ: 15 characters and the terminating zero. */
    static final int NAME_SIZE = 16;
    static final int UNION_OFFSET = 16;
    static final int HWADDR_DATA_OFFSET = UNION_OFFSET + 2;

    private final UnsafeBuffer memory = NativeMemory.allocate(SIZE);

    /** A zeroed ifreq naming {@code name}. */
    static Ifreq named(String name) {
        Ifreq ifreq = new Ifreq();
        byte[] bytes = Links.checkName(name).getBytes(StandardCharsets.US_ASCII);
        ifreq.memory.putBytes(NAME_OFFSET, bytes);
        return ifreq;
    }

    long address() {
        return memory.addressOffset();
    }

    String name() {
        StringBuilder name = new StringBuilder(NAME_SIZE);
        for (int i = 0; i < NAME_SIZE; i++) {
            byte b = memory.getByte(NAME_OFFSET + i);
            if (b == 0) {
                break;
            }
            name.append((char) b);
        }
        return name.toString();
    }

    short flags() {
        return memory.getShort(UNION_OFFSET);
    }

    Ifreq flags(int flags) {
        memory.putShort(UNION_OFFSET, (short) flags);
        return this;
    }

    int intValue() {
        return memory.getInt(UNION_OFFSET);
    }

    Ifreq intValue(int value) {
        memory.putInt(UNION_OFFSET, value);
        return this;
    }

    byte[] hardwareAddress() {
        byte[] mac = new byte[6];
        memory.getBytes(HWADDR_DATA_OFFSET, mac);
        return mac;
    }
}

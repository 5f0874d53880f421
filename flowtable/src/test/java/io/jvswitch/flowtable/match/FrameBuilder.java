package io.jvswitch.flowtable.match;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Builds raw frames byte by byte for extractor tests. */
final class FrameBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    FrameBuilder u8(int v) {
        out.write(v & 0xff);
        return this;
    }

    FrameBuilder u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    FrameBuilder u32(int v) {
        return u16(v >>> 16).u16(v);
    }

    FrameBuilder u48(long v) {
        return u16((int) (v >>> 32)).u32((int) v);
    }

    FrameBuilder u64(long v) {
        return u32((int) (v >>> 32)).u32((int) v);
    }

    FrameBuilder zeros(int n) {
        for (int i = 0; i < n; i++) {
            u8(0);
        }
        return this;
    }

    FrameBuilder eth(long dst, long src) {
        return u48(dst).u48(src);
    }

    /** IPv4 header without options; total length covers {@code payload} bytes. */
    FrameBuilder ipv4(int tos, int fragField, int ttl, int proto, int src, int dst, int payload) {
        return u8(0x45).u8(tos).u16(20 + payload).u16(0x1234).u16(fragField).u8(ttl).u8(proto).u16(0)
                .u32(src).u32(dst);
    }

    FrameBuilder ipv6(int tc, int label, int payload, int next, int hlim, long srcHi, long srcLo,
                      long dstHi, long dstLo) {
        return u32((6 << 28) | (tc << 20) | label).u16(payload).u8(next).u8(hlim).u64(srcHi).u64(srcLo)
                .u64(dstHi).u64(dstLo);
    }

    FrameBuilder tcp(int src, int dst, int flags) {
        return u16(src).u16(dst).u32(1).u32(0).u16((5 << 12) | flags).u16(1000).u16(0).u16(0);
    }

    FrameBuilder udp(int src, int dst, int payload) {
        return u16(src).u16(dst).u16(8 + payload).u16(0);
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** The frame copied into a direct buffer at {@code offset}, with some garbage around it. */
    ByteBuffer direct(int offset) {
        byte[] b = bytes();
        ByteBuffer buf = ByteBuffer.allocateDirect(offset + b.length + 16);
        for (int i = 0; i < buf.capacity(); i++) {
            buf.put(i, (byte) 0x5a);
        }
        for (int i = 0; i < b.length; i++) {
            buf.put(offset + i, b[i]);
        }
        return buf;
    }
}

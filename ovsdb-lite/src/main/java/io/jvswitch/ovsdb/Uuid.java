package io.jvswitch.ovsdb;

import java.security.SecureRandom;
import java.util.Random;

/**
 * A 128-bit row identifier, printed as RFC 4122 text ({@code 8-4-4-4-12} lower-case hex). New ids are
 * random version-4 UUIDs. Ordering is unsigned, most significant half first, which is the same as comparing
 * the printed text: that is how OVSDB orders uuid atoms.
 */
public final class Uuid implements Comparable<Uuid> {
    /** The all-zero UUID (the default value of a uuid atom). */
    public static final Uuid ZERO = new Uuid(0, 0);

    private static final Random RANDOM = new SecureRandom();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final long msb;
    private final long lsb;

    private Uuid(long msb, long lsb) {
        this.msb = msb;
        this.lsb = lsb;
    }

    /** The UUID with these two halves. */
    public static Uuid of(long msb, long lsb) {
        return new Uuid(msb, lsb);
    }

    /** A fresh random (version 4, variant 1) UUID. */
    public static Uuid random() {
        long hi;
        long lo;
        synchronized (RANDOM) {
            hi = RANDOM.nextLong();
            lo = RANDOM.nextLong();
        }
        hi = (hi & ~0xF000L) | 0x4000L;
        lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new Uuid(hi, lo);
    }

    /** Whether {@code s} is exactly a UUID in 8-4-4-4-12 hex form (either case). */
    public static boolean isUuid(CharSequence s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses 8-4-4-4-12 hex text.
     *
     * @throws IllegalArgumentException naming the text when it is not a UUID
     */
    public static Uuid parse(CharSequence s) {
        if (!isUuid(s)) {
            throw new IllegalArgumentException("\"" + s + "\" is not a valid UUID");
        }
        long hi = 0;
        long lo = 0;
        int n = 0;
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (c == '-') {
                continue;
            }
            int d = Character.digit(c, 16);
            if (n < 16) {
                hi = (hi << 4) | d;
            } else {
                lo = (lo << 4) | d;
            }
            n++;
        }
        return new Uuid(hi, lo);
    }

    /** Most significant 64 bits. */
    public long msb() {
        return msb;
    }

    /** Least significant 64 bits. */
    public long lsb() {
        return lsb;
    }

    @Override
    public int compareTo(Uuid o) {
        int c = Long.compareUnsigned(msb, o.msb);
        return c != 0 ? c : Long.compareUnsigned(lsb, o.lsb);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Uuid u && u.msb == msb && u.lsb == lsb;
    }

    @Override
    public int hashCode() {
        long x = msb ^ lsb;
        return (int) (x ^ (x >>> 32));
    }

    @Override
    public String toString() {
        char[] out = new char[36];
        int p = 0;
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20) {
                out[p++] = '-';
            }
            long half = i < 16 ? msb : lsb;
            int shift = 60 - 4 * (i % 16);
            out[p++] = HEX[(int) ((half >>> shift) & 0xF)];
        }
        return new String(out);
    }
}

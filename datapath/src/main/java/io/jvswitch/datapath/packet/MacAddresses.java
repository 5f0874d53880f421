package io.jvswitch.datapath.packet;

/**
 * Ethernet addresses as 48-bit values in a {@code long} (the first byte on the wire is the most
 * significant of the 48 bits), so that the hot path never holds a MAC in an object.
 */
public final class MacAddresses {
    /** The broadcast address ff:ff:ff:ff:ff:ff. */
    public static final long BROADCAST = 0xFFFF_FFFF_FFFFL;
    private static final long MULTICAST_BIT = 0x0100_0000_0000L;
    private static final long RESERVED_PREFIX = 0x0180_C200_0000L;

    private MacAddresses() {
    }

    /** Whether the group bit (least significant bit of the first byte) is set: multicast or broadcast. */
    public static boolean isMulticast(long mac) {
        return (mac & MULTICAST_BIT) != 0;
    }

    /**
     * Whether {@code mac} is one of the IEEE 802.1D reserved addresses 01:80:c2:00:00:00 to
     * 01:80:c2:00:00:0f (STP, LACP, 802.1X...), which a bridge must never forward.
     */
    public static boolean isReserved(long mac) {
        return (mac & ~0xFL) == RESERVED_PREFIX;
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff} (hex, either case, ':' or '-' separated). */
    public static long parse(String text) {
        String[] parts = text.split("[:-]");
        if (parts.length != 6) {
            throw new IllegalArgumentException("invalid MAC address: " + text);
        }
        long mac = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 2) {
                throw new IllegalArgumentException("invalid MAC address: " + text);
            }
            mac = (mac << 8) | Integer.parseInt(part, 16);
        }
        return mac;
    }

    /** Formats as lower-case {@code aa:bb:cc:dd:ee:ff}, as Open vSwitch prints MACs. */
    public static String format(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            int b = (int) (mac >>> shift) & 0xFF;
            sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xF, 16));
            if (shift > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}

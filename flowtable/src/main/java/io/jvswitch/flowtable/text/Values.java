package io.jvswitch.flowtable.text;

import java.util.Locale;

/**
 * Scalar value syntax shared by matches and actions: integers (decimal or {@code 0x} hex), MAC addresses,
 * IPv4 and IPv6 addresses, in both directions. Parse methods return a sentinel or throw
 * {@link FlowSyntaxException} with Open vSwitch's wording; callers add the field context.
 */
final class Values {
    private Values() {
    }

    /**
     * An unsigned integer as {@code strtoull} with base 0 reads it (Open vSwitch's field and keyword
     * values): {@code 0x} hex, a leading {@code 0} octal ({@code 010} is 8, {@code 0800} is invalid), else
     * decimal; -1 when the text is not one or does not fit in 63 bits.
     */
    static long parseUnsigned(String s) {
        if (s.startsWith("0x") || s.startsWith("0X")) {
            return parseRadix(s.substring(2), 16, 16);
        }
        if (s.length() > 1 && s.charAt(0) == '0') {
            return parseRadix(s.substring(1), 8, 21);
        }
        return parseDecimal(s);
    }

    /** A decimal unsigned integer (ports and table numbers, which Open vSwitch reads in base 10), or -1. */
    static long parseDecimal(String s) {
        return parseRadix(s, 10, 18);
    }

    private static long parseRadix(String s, int radix, int maxDigits) {
        if (s.isEmpty() || s.length() > maxDigits) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), radix) < 0) {
                return -1;
            }
        }
        long v = Long.parseUnsignedLong(s, radix);
        return v < 0 ? -1 : v;
    }

    /** A full 64-bit unsigned integer (cookies, base 0), or throws with OVS's "invalid numeric format". */
    static long parseU64(String s) {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                String hex = s.substring(2);
                if (!hex.isEmpty() && hex.length() <= 16 && isHex(hex)) {
                    return Long.parseUnsignedLong(hex, 16);
                }
            } else if (!s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return s.length() > 1 && s.charAt(0) == '0' ? Long.parseUnsignedLong(s.substring(1), 8)
                        : Long.parseUnsignedLong(s);
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new FlowSyntaxException("invalid numeric format " + s);
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** A MAC address {@code xx:xx:xx:xx:xx:xx} (1 or 2 hex digits per byte) as 48 bits, or -1. */
    static long parseMac(String s) {
        String[] parts = s.split(":", -1);
        if (parts.length != 6) {
            return -1;
        }
        long mac = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 2 || !isHex(p)) {
                return -1;
            }
            mac = (mac << 8) | Integer.parseInt(p, 16);
        }
        return mac;
    }

    /** Lower-case {@code xx:xx:xx:xx:xx:xx}. */
    static String formatMac(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            int b = (int) (mac >>> shift) & 0xff;
            sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
            if (shift > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    /** A dotted-quad IPv4 address as an unsigned 32-bit value, or -1. */
    static long parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long addr = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return -1;
            }
            int b = Integer.parseInt(p);
            if (b > 255) {
                return -1;
            }
            addr = (addr << 8) | b;
        }
        return addr;
    }

    /** Dotted-quad text of an unsigned 32-bit address. */
    static String formatIpv4(long addr) {
        return ((addr >>> 24) & 0xff) + "." + ((addr >>> 16) & 0xff) + "." + ((addr >>> 8) & 0xff) + "."
                + (addr & 0xff);
    }

    /** The CIDR prefix length of a 32-bit mask, or -1 when the mask is not a prefix. */
    static int prefixLength32(long mask) {
        int len = Long.numberOfLeadingZeros(~mask & 0xffffffffL) - 32;
        long expected = len == 0 ? 0 : (0xffffffffL << (32 - len)) & 0xffffffffL;
        return expected == (mask & 0xffffffffL) ? len : -1;
    }

    /** A 32-bit prefix mask of {@code len} bits. */
    static long prefixMask32(int len) {
        return len == 0 ? 0 : (0xffffffffL << (32 - len)) & 0xffffffffL;
    }

    /** An IPv6 address as {high, low}, or {@code null} when the text is not one. */
    static long[] parseIpv6(String s) {
        if (s.isEmpty() || s.indexOf(':') < 0) {
            return null;
        }
        int[] words = new int[8];
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] h = parseIpv6Groups(head, dbl < 0);
        int[] t = dbl >= 0 ? parseIpv6Groups(tail, true) : new int[0];
        if (h == null || t == null) {
            return null;
        }
        if (dbl < 0 ? h.length != 8 : h.length + t.length > 7) {
            return null;
        }
        System.arraycopy(h, 0, words, 0, h.length);
        System.arraycopy(t, 0, words, 8 - t.length, t.length);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = (high << 16) | words[i];
            low = (low << 16) | words[i + 4];
        }
        return new long[] {high, low};
    }

    private static int[] parseIpv6Groups(String s, boolean allowIpv4Tail) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int n = parts.length;
        boolean v4 = allowIpv4Tail && parts[n - 1].indexOf('.') >= 0;
        int[] out = new int[v4 ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            String p = parts[i];
            if (v4 && i == n - 1) {
                long a = parseIpv4(p);
                if (a < 0) {
                    return null;
                }
                out[i] = (int) (a >>> 16);
                out[i + 1] = (int) (a & 0xffff);
            } else {
                if (p.isEmpty() || p.length() > 4 || !isHex(p)) {
                    return null;
                }
                out[i] = Integer.parseInt(p, 16);
            }
        }
        return out;
    }

    /** An IPv6 address as {@code inet_ntop} (glibc) prints it: lower case, longest zero run as {@code ::}. */
    static String formatIpv6(long high, long low) {
        int[] w = new int[8];
        for (int i = 0; i < 4; i++) {
            w[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
            w[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xffff;
        }
        int bestBase = -1;
        int bestLen = 0;
        for (int i = 0; i < 8;) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestBase = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            boolean embeddedV4 = i == 6 && bestBase == 0
                    && (bestLen == 6 || (bestLen == 7 && w[7] != 1) || (bestLen == 5 && w[5] == 0xffff));
            if (embeddedV4) {
                sb.append(formatIpv4(low & 0xffffffffL));
                return sb.toString();
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }

    /** The prefix length of a 128-bit mask, or -1 when it is not a prefix. */
    static int prefixLength128(long maskHigh, long maskLow) {
        if (maskHigh == -1L) {
            int l = Long.numberOfLeadingZeros(~maskLow);
            return (l == 64 ? maskLow == -1L : maskLow == (l == 0 ? 0 : -1L << (64 - l))) ? 64 + l : -1;
        }
        int l = Long.numberOfLeadingZeros(~maskHigh);
        boolean prefix = maskHigh == (l == 0 ? 0 : -1L << (64 - l)) && maskLow == 0;
        return prefix ? l : -1;
    }

    /** Lower-case copy, for case-insensitive keywords. */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

package io.jvswitch.flowtable.text;

import io.jvswitch.flowtable.OfPort;

/**
 * Prints an OpenFlow port number as ovs-ofctl does: reserved ports by their upper-case name
 * ({@code LOCAL}, {@code ANY} for "none"), others as a number, or as the port's name when names were asked
 * for ({@code --names}), double-quoted when the name could be misread.
 */
final class PortFormatter {
    private final PortNames names;

    PortFormatter(PortNames names) {
        this.names = names;
    }

    String format(int port) {
        if (port == OfPort.NONE) {
            return "ANY";
        }
        String reserved = OfPort.reservedName(port);
        if (reserved != null) {
            return reserved;
        }
        String name = names.nameOf(port);
        if (name == null) {
            return Integer.toString(port);
        }
        return needsQuotes(name) ? quote(name) : name;
    }

    /** As Open vSwitch: a name needs quotes unless it is ASCII alphanumeric and starts with a letter. */
    private static boolean needsQuotes(String name) {
        if (name.isEmpty() || !isAsciiLetter(name.charAt(0))) {
            return true;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9')) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static String quote(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

package io.jvswitch.datapath.sflow;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * One sFlow collector address, parsed from the {@code targets} column as Open vSwitch writes it:
 * {@code IP}, {@code IP:PORT}, {@code [IPv6]} or {@code [IPv6]:PORT}; the port defaults to
 * {@link #DEFAULT_PORT}.
 *
 * <p>Only IP literals are accepted: the daemon never waits on DNS, and a name that does not parse
 * is rejected with a one-line message.
 *
 * @param text    the target as configured (for messages and equality)
 * @param address the collector's socket address (never unresolved)
 */
public record SflowTarget(String text, InetSocketAddress address) {
    /** Collector port used when a target names none ({@code SFL_DEFAULT_COLLECTOR_PORT}). */
    public static final int DEFAULT_PORT = 6343;

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    /**
     * Parses a target.
     *
     * @throws IllegalArgumentException with a one-line message naming the target
     */
    public static SflowTarget parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("sFlow target \"" + text + "\": empty");
        }
        String host;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw bad(text, "missing ']' after IPv6 address");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw bad(text, "expected ':PORT' after ']'");
                }
                port = rest.substring(1);
            }
            if (!host.contains(":")) {
                throw bad(text, "not an IPv6 address inside []");
            }
        } else {
            int colon = text.indexOf(':');
            if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
                throw bad(text, "write an IPv6 target as [ADDRESS]:PORT");
            }
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
            if (!IPV4.matcher(host).matches()) {
                throw bad(text, "not an IP address");
            }
        }
        return new SflowTarget(text, new InetSocketAddress(literal(text, host), parsePort(text, port)));
    }

    private static int parsePort(String text, String port) {
        if (port == null) {
            return DEFAULT_PORT;
        }
        if (!PORT.matcher(port).matches()) {
            throw bad(text, "bad port \"" + port + "\"");
        }
        int value = Integer.parseInt(port);
        if (value < 1 || value > 65_535) {
            throw bad(text, "port " + value + " out of range 1-65535");
        }
        return value;
    }

    private static InetAddress literal(String text, String host) {
        // Both forms reaching here are literals (dotted quad checked above, or containing ':'),
        // for which InetAddress.getByName never consults DNS.
        try {
            if (IPV4.matcher(host).matches()) {
                for (String part : host.split("\\.")) {
                    if (Integer.parseInt(part) > 255) {
                        throw bad(text, "not an IP address");
                    }
                }
            }
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw bad(text, "not an IP address");
        }
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("sFlow target \"" + text + "\": " + why);
    }

    @Override
    public String toString() {
        return text;
    }
}

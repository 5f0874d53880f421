package io.jvswitch.datapath.sflow;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Chooses the address an sFlow agent puts in its datagrams, in Open vSwitch's order: the
 * {@code agent} column as a device name (its IPv4 address, else its first global IPv6 address),
 * else the {@code agent} column as an IP literal, else the source address the kernel picks
 * towards the first target (found by connecting a UDP socket, which sends nothing).
 */
public final class AgentAddressResolver {
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private AgentAddressResolver() {
    }

    /** The agent address for these settings, or empty when none can be determined. */
    public static Optional<InetAddress> resolve(String agent, List<SflowTarget> targets) {
        if (agent != null && !agent.isEmpty()) {
            Optional<InetAddress> byDevice = deviceAddress(agent);
            if (byDevice.isPresent()) {
                return byDevice;
            }
            Optional<InetAddress> literal = literal(agent);
            if (literal.isPresent()) {
                return literal;
            }
        }
        for (SflowTarget target : targets) {
            Optional<InetAddress> routed = sourceAddressTowards(target.address());
            if (routed.isPresent()) {
                return routed;
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address of device {@code name} (else its first non-link-local IPv6), if it exists. */
    static Optional<InetAddress> deviceAddress(String name) {
        try {
            NetworkInterface device = NetworkInterface.getByName(name);
            if (device == null) {
                return Optional.empty();
            }
            InetAddress v6 = null;
            for (Enumeration<InetAddress> e = device.getInetAddresses(); e.hasMoreElements();) {
                InetAddress address = e.nextElement();
                if (address instanceof Inet4Address) {
                    return Optional.of(address);
                }
                if (v6 == null && address instanceof Inet6Address && !address.isLinkLocalAddress()) {
                    v6 = address;
                }
            }
            return Optional.ofNullable(v6).map(AgentAddressResolver::withoutScope);
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    /** {@code text} as an IPv4 or IPv6 literal; never a DNS lookup. */
    static Optional<InetAddress> literal(String text) {
        if (!IPV4_LITERAL.matcher(text).matches() && !text.contains(":")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The local address the kernel's routing picks for datagrams to {@code target}. */
    static Optional<InetAddress> sourceAddressTowards(InetSocketAddress target) {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.connect(target);
            InetAddress local = ((InetSocketAddress) probe.getLocalAddress()).getAddress();
            if (local.isAnyLocalAddress()) {
                return Optional.empty();
            }
            return Optional.of(withoutScope(local));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static InetAddress withoutScope(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            return address;
        }
    }
}

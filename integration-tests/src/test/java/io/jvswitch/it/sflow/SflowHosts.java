package io.jvswitch.it.sflow;

import io.jvswitch.it.l2.SwitchTopology;
import io.jvswitch.it.support.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;

/** What the sFlow ITs need to know about hosts and ports: ifindexes, MACs, addresses as hex. */
final class SflowHosts {
    private SflowHosts() {
    }

    /** The Linux ifindex of device {@code name} in the root namespace (a switch port). */
    static int ifIndex(String name) {
        try {
            return Integer.parseInt(Files.readString(Path.of("/sys/class/net", name, "ifindex")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The MAC address of the host's interface, as {@code aa:bb:cc:dd:ee:ff}. */
    static String mac(SwitchTopology.Host host) {
        return host.exec("cat", "/sys/class/net/" + host.iface() + "/address").orFail().stdout().trim().toLowerCase();
    }

    /** The MAC address of the host's interface as 12 lower-case hex digits. */
    static String macHex(SwitchTopology.Host host) {
        return mac(host).replace(":", "");
    }

    /** An IPv4 literal as 8 lower-case hex digits. */
    static String ipHex(String ip) {
        ByteBuffer bytes = ByteBuffer.allocate(4);
        for (String part : ip.split("\\.")) {
            bytes.put((byte) Integer.parseInt(part));
        }
        return HexFormat.of().formatHex(bytes.array());
    }

    /** Pings from {@code from} to {@code target} until the collector has received a flow sample. */
    static void awaitFlowSample(SflowCollector collector, SwitchTopology.Host from, String target) {
        Await.until(Duration.ofSeconds(10), () -> {
            from.ping(target, 1);
            return collector.datagrams().stream().anyMatch(SflowHosts::hasFlowSample);
        }, () -> "no flow sample arrived at 127.0.0.1:" + collector.port());
    }

    /** Whether an IPv4-agent sFlow v5 datagram holds a compact flow sample (enterprise 0, format 1). */
    static boolean hasFlowSample(byte[] datagram) {
        ByteBuffer d = ByteBuffer.wrap(datagram);
        if (d.limit() < 28 || d.getInt(0) != 5 || d.getInt(4) != 1) {
            return false;
        }
        int at = 28;
        for (int k = 0; k < d.getInt(24) && at + 8 <= d.limit(); k++) {
            if (d.getInt(at) == 1) {
                return true;
            }
            at += 8 + d.getInt(at + 4);
        }
        return false;
    }
}

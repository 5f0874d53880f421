package io.jvswitch.datapath.port.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.jvswitch.datapath.linux.NetDevices;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.port.PortIo;
import io.jvswitch.datapath.port.tap.TapPortIo;

/**
 * TCP between two namespaces through a trivial two-port forwarder built on the port I/O, with the
 * kernel's default offloads on: checksum-partial and GSO super-frames must travel with their
 * virtio-net headers (AF_PACKET to AF_PACKET, and AF_PACKET to TAP) for iperf3 to get through.
 */
@Tag("system")
class OffloadForwardingTest {
    private static final Pattern RECEIVED_BPS =
        Pattern.compile("\"sum_received\"\\s*:\\s*\\{[^}]*?\"bits_per_second\"\\s*:\\s*([0-9.eE+]+)");

    private final NetDevices devices = new NetDevices();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong gsoFrames = new AtomicLong();
    private String ns1;
    private String ns2;
    private Thread forwarder;
    private Process server;

    @BeforeAll
    static void sweep() {
        assumeTrue(NetDevices.systemTestsPossible(), "needs root and the ip tool");
        assumeTrue(NetDevices.tryRun("iperf3", "--version") == 0, "needs iperf3");
        NetDevices.sweepStale();
    }

    @AfterEach
    void tearDown() throws Exception {
        running.set(false);
        if (forwarder != null) {
            forwarder.join(2000);
        }
        if (server != null) {
            server.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
        }
        devices.close();
    }

    @Test
    void shouldCarryTcpWithDefaultOffloadsBetweenTwoVeths() throws Exception {
        String base = NetDevices.uniqueName("");
        ns1 = base + "n1";
        ns2 = base + "n2";
        devices.namespace(ns1);
        devices.namespace(ns2);
        String outside1 = vethInto(ns1, base + "a1", base + "b1", "198.18.0.1/24");
        String outside2 = vethInto(ns2, base + "a2", base + "b2", "198.18.0.2/24");
        try (PortIo one = AfPacketPortIo.open(outside1); PortIo two = AfPacketPortIo.open(outside2)) {
            startForwarding(one, two);
            double bps = iperf("veth-veth, default offloads");
            assertThat(bps).as("TCP goodput through the forwarder, bit/s").isGreaterThan(50e6);
            assertThat(gsoFrames.get()).as("GSO super-frames forwarded").isPositive();
        }
    }

    @Test
    void shouldCarryTcpWithOffloadsOffBetweenTwoVeths() throws Exception {
        assumeTrue(NetDevices.tryRun("ethtool", "--version") == 0, "needs ethtool");
        String base = NetDevices.uniqueName("");
        ns1 = base + "n1";
        ns2 = base + "n2";
        devices.namespace(ns1);
        devices.namespace(ns2);
        String outside1 = vethInto(ns1, base + "a1", base + "b1", "198.18.0.1/24");
        String outside2 = vethInto(ns2, base + "a2", base + "b2", "198.18.0.2/24");
        for (String[] end : new String[][] {{ns1, base + "b1"}, {ns2, base + "b2"}}) {
            inNamespace(end[0], "ethtool", "-K", end[1], "tx", "off", "rx", "off", "tso", "off", "gso", "off", "gro",
                "off");
        }
        try (PortIo one = AfPacketPortIo.open(outside1); PortIo two = AfPacketPortIo.open(outside2)) {
            startForwarding(one, two);
            double bps = iperf("veth-veth, offloads off");
            assertThat(bps).as("TCP goodput through the forwarder, bit/s").isGreaterThan(50e6);
            assertThat(gsoFrames.get()).as("GSO super-frames forwarded").isZero();
        }
    }

    @Test
    void shouldCarryTcpWithDefaultOffloadsBetweenAVethAndATap() throws Exception {
        String base = NetDevices.uniqueName("");
        ns1 = base + "n1";
        ns2 = base + "n2";
        devices.namespace(ns1);
        devices.namespace(ns2);
        String outside1 = vethInto(ns1, base + "a1", base + "b1", "198.18.0.1/24");
        String tapName = base + "t2";
        try (PortIo one = AfPacketPortIo.open(outside1); TapPortIo two = TapPortIo.open(tapName)) {
            NetDevices.run("ip", "link", "set", tapName, "netns", ns2);
            inNamespace(ns2, "ip", "link", "set", tapName, "up");
            inNamespace(ns2, "ip", "addr", "add", "198.18.0.2/24", "dev", tapName);
            startForwarding(one, two);
            double bps = iperf("veth-tap, default offloads");
            assertThat(bps).as("TCP goodput through the forwarder, bit/s").isGreaterThan(50e6);
            assertThat(gsoFrames.get()).as("GSO super-frames forwarded").isPositive();
        }
    }

    private String vethInto(String namespace, String outside, String inside, String address) {
        devices.own(outside);
        NetDevices.run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside, "netns", namespace);
        NetDevices.quiet(outside);
        NetDevices.run("ip", "link", "set", outside, "up");
        inNamespace(namespace, "ip", "link", "set", inside, "up");
        inNamespace(namespace, "ip", "addr", "add", address, "dev", inside);
        return outside;
    }

    private static void inNamespace(String namespace, String... command) {
        String[] full = new String[command.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = namespace;
        System.arraycopy(command, 0, full, 4, command.length);
        NetDevices.run(full);
    }

    private void startForwarding(PortIo one, PortIo two) {
        forwarder = new Thread(() -> {
            PacketBatch batch = new PacketBatch();
            while (running.get()) {
                int moved = forward(one, two, batch) + forward(two, one, batch);
                if (moved == 0) {
                    Thread.onSpinWait();
                }
            }
        }, "test-forwarder");
        forwarder.setDaemon(true);
        forwarder.start();
    }

    private int forward(PortIo from, PortIo to, PacketBatch batch) {
        batch.clear();
        int n = from.receive(batch);
        if (n > 0) {
            for (int i = 0; i < n; i++) {
                if ((batch.vnetHeaders().getByte(i * PacketBatch.VNET_HDR_LENGTH + 1) & 0x7F) != 0) {
                    gsoFrames.incrementAndGet();
                }
            }
            to.send(batch);
        }
        return n;
    }

    /** Waits until the iperf3 server in ns2 listens: a client that comes first is refused, yet exits 0 with -J. */
    private void awaitIperfServer() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            Process ss = new ProcessBuilder("ip", "netns", "exec", ns2, "ss", "-Hltn", "sport = :5201")
                .redirectErrorStream(true).start();
            String listening = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ss.waitFor(5, TimeUnit.SECONDS);
            if (!listening.isBlank()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("iperf3 server in " + ns2 + " did not listen within 5 s");
    }

    /** Runs a 1-second iperf3 TCP test from ns1 to ns2; returns the receiver's bit/s. */
    private double iperf(String label) throws IOException, InterruptedException {
        server = new ProcessBuilder("ip", "netns", "exec", ns2, "iperf3", "-s", "-1", "-B", "198.18.0.2")
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        awaitIperfServer();
        Process client = new ProcessBuilder("ip", "netns", "exec", ns1, "iperf3", "-c", "198.18.0.2", "-t", "1",
            "-J", "--connect-timeout", "2000").redirectErrorStream(true).start();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(client.waitFor(15, TimeUnit.SECONDS)).isTrue();
        Matcher matcher = RECEIVED_BPS.matcher(output);
        assertThat(matcher.find()).as("iperf3 output: %s", output).isTrue();
        double bps = Double.parseDouble(matcher.group(1));
        System.out.printf("%s: iperf3 TCP through the test forwarder %.2f Gbit/s, %d GSO frames%n", label,
            bps / 1e9, gsoFrames.get());
        return bps;
    }
}

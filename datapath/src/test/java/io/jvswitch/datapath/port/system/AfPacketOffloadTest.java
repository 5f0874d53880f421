package io.jvswitch.datapath.port.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.jvswitch.datapath.linux.ChecksumOffload;
import io.jvswitch.datapath.linux.NetDevices;
import io.jvswitch.datapath.linux.VirtioNetHeader;
import io.jvswitch.datapath.packet.PacketBatch;

/**
 * Frames a namespace's stack sends over a veth with default offloads arrive checksum-partial, and
 * the port hands them over with a NEEDS_CSUM virtio-net header that completes to a valid checksum.
 */
@Tag("system")
class AfPacketOffloadTest {
    private static final String NS_ADDRESS = "198.18.0.1";
    private static final String PEER_ADDRESS = "198.18.0.2";

    private final NetDevices devices = new NetDevices();
    private String namespace;
    private String inside;
    private AfPacketPortIo port;

    @BeforeAll
    static void sweep() {
        assumeTrue(NetDevices.systemTestsPossible(), "needs root and the ip tool");
        NetDevices.sweepStale();
    }

    @BeforeEach
    void setUp() throws Exception {
        namespace = NetDevices.uniqueName("n");
        String outside = namespace.substring(0, namespace.length() - 1) + "a";
        inside = namespace.substring(0, namespace.length() - 1) + "b";
        devices.namespace(namespace);
        devices.own(outside);
        NetDevices.run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside, "netns", namespace);
        NetDevices.quiet(outside);
        NetDevices.run("ip", "link", "set", outside, "up");
        inNamespace("ip", "link", "set", inside, "up");
        inNamespace("ip", "addr", "add", NS_ADDRESS + "/24", "dev", inside);
        inNamespace("ip", "neigh", "add", PEER_ADDRESS, "lladdr", "02:4a:56:00:00:02", "dev", inside, "nud",
            "permanent");
        port = AfPacketPortIo.open(outside);
    }

    @AfterEach
    void tearDown() {
        if (port != null) {
            port.close();
        }
        devices.close();
    }

    private void inNamespace(String... command) {
        String[] full = new String[command.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = namespace;
        System.arraycopy(command, 0, full, 4, command.length);
        NetDevices.run(full);
    }

    @Test
    void shouldMarkUdpFromAVethChecksumPartialAndCompleteItCorrectly() {
        inNamespace("bash", "-c", "echo hello-jvswitch > /dev/udp/" + PEER_ADDRESS + "/9999");
        PacketBatch batch = new PacketBatch();
        int i = receiveIpv4(batch, 17);
        assertThat(i).as("UDP frame from the namespace").isNotNegative();
        assertThat(VirtioNetHeader.needsChecksum(batch, i)).isTrue();
        assertThat(VirtioNetHeader.checksumStart(batch, i)).isEqualTo(34);
        assertThat(VirtioNetHeader.checksumOffset(batch, i)).isEqualTo(6);
        assertThat(ChecksumOffload.complete(batch, i)).isTrue();
        assertThat(l4ChecksumVerifies(batch, i)).isTrue();
    }

    @Test
    void shouldMarkATcpSynChecksumPartialWhenAStackConnects() {
        NetDevices.tryRun("ip", "netns", "exec", namespace, "timeout", "0.5", "bash", "-c",
            "exec 3<>/dev/tcp/" + PEER_ADDRESS + "/9999");
        PacketBatch batch = new PacketBatch();
        int i = receiveIpv4(batch, 6);
        assertThat(i).as("TCP SYN from the namespace").isNotNegative();
        assertThat(VirtioNetHeader.needsChecksum(batch, i)).isTrue();
        assertThat(VirtioNetHeader.checksumOffset(batch, i)).isEqualTo(16);
        assertThat(ChecksumOffload.complete(batch, i)).isTrue();
        assertThat(l4ChecksumVerifies(batch, i)).isTrue();
    }

    /** Polls for up to two seconds for an IPv4 frame of {@code protocol}; returns its index or -1. */
    private int receiveIpv4(PacketBatch batch, int protocol) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            batch.clear();
            port.receive(batch);
            for (int i = 0; i < batch.count(); i++) {
                int offset = batch.frameOffset(i);
                if (batch.frameLength(i) > 34 && batch.memory().getByte(offset + 12) == 0x08
                    && batch.memory().getByte(offset + 13) == 0x00
                    && batch.memory().getByte(offset + 23) == protocol) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** RFC 1071 check: the sum over pseudo header and segment, checksum included, folds to 0xFFFF. */
    private static boolean l4ChecksumVerifies(PacketBatch batch, int i) {
        byte[] frame = new byte[batch.frameLength(i)];
        batch.memory().getBytes(batch.frameOffset(i), frame);
        int ipLength = (frame[16] & 0xFF) << 8 | frame[17] & 0xFF;
        int segmentLength = ipLength - 20;
        long sum = frame[23] & 0xFF;
        sum += segmentLength;
        for (int k = 26; k < 34; k += 2) {
            sum += (frame[k] & 0xFF) << 8 | frame[k + 1] & 0xFF;
        }
        for (int k = 34; k < 34 + segmentLength; k += 2) {
            int low = k + 1 < 34 + segmentLength ? frame[k + 1] & 0xFF : 0;
            sum += (frame[k] & 0xFF) << 8 | low;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return sum == 0xFFFF;
    }
}

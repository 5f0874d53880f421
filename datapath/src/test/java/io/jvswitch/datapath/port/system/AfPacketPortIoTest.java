package io.jvswitch.datapath.port.system;

import io.jvswitch.datapath.exec.ChecksumOffload;
import io.jvswitch.datapath.packet.VnetHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.jvswitch.datapath.linux.NativeIoException;
import io.jvswitch.datapath.linux.NetDevices;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.port.PortIoContract;

/** The port contract on one end of a veth pair; the peer is a packet socket on the other end. */
@Tag("system")
class AfPacketPortIoTest extends PortIoContract {
    private final NetDevices devices = new NetDevices();
    private String a;
    private String b;

    @BeforeAll
    static void sweep() {
        assumeTrue(NetDevices.systemTestsPossible(), "needs root and the ip tool");
        NetDevices.sweepStale();
    }

    @Override
    protected void openPortAndPeer() throws Exception {
        a = NetDevices.uniqueName("a");
        b = a.substring(0, a.length() - 1) + "b";
        devices.vethPair(a, b);
        port = openPort(a);
        peer = AfPacketPortIo.open(b);
    }

    /** The port under test; the subclass checks the same contract without the receive ring. */
    protected AfPacketPortIo openPort(String name) throws NativeIoException {
        return AfPacketPortIo.open(name, true);
    }

    /** Whether {@link #openPort} should have given a port that reads from a mapped ring. */
    protected boolean expectsRing() {
        return true;
    }

    @Test
    void shouldReceiveThroughTheMappedRingExactlyWhenAskedTo() {
        assertThat(((AfPacketPortIo) port).receivesFromRing()).isEqualTo(expectsRing());
    }

    @Override
    protected String portDevice() {
        return a;
    }

    @Override
    protected void setMtu(int mtu) {
        NetDevices.setMtu(a, mtu);
        NetDevices.setMtu(b, mtu);
    }

    @Override
    protected void setPortLinkUp(boolean up) {
        NetDevices.setUp(a, up);
    }

    @Override
    protected void deletePortDevice() {
        NetDevices.run("ip", "link", "del", a);
    }

    @Override
    protected void cleanUp() {
        if (peer != null) {
            peer.close();
        }
        if (port != null) {
            port.close();
        }
        devices.close();
    }

    @Test
    void shouldRefuseWithTheSyscallNamedWhenTheDeviceDoesNotExist() {
        assertThatThrownBy(() -> AfPacketPortIo.open(NetDevices.uniqueName("x")))
            .isInstanceOf(NativeIoException.class)
            .hasMessageContaining("if_nametoindex");
    }

    @Test
    void shouldMoveTheChecksumStartWithTheVlanTagItPutsBack() {
        // A tagged UDP frame with a partial checksum, sent with its vnet header: the receiving veth
        // strips the tag into metadata, and the port must put it back and shift csum_start by 4.
        byte[] frame = vlanFrame(18 + 20 + 8 + 31, 7, 0, 1);
        frame[16] = 0x08;
        frame[17] = 0x00;
        frame[18] = 0x45;
        frame[19] = 0;
        int ipLength = frame.length - 18;
        frame[20] = (byte) (ipLength >>> 8);
        frame[21] = (byte) ipLength;
        frame[24] = 0x40;
        frame[25] = 0;
        frame[26] = 64;
        frame[27] = 17;
        frame[28] = 0;
        frame[29] = 0;
        int udpLength = ipLength - 20;
        frame[42] = (byte) (udpLength >>> 8);
        frame[43] = (byte) udpLength;
        long pseudo = 17 + udpLength;
        for (int k = 30; k < 38; k += 2) {
            pseudo += (frame[k] & 0xFF) << 8 | frame[k + 1] & 0xFF;
        }
        int folded = fold(pseudo);
        frame[44] = (byte) (folded >>> 8);
        frame[45] = (byte) folded;
        PacketBatch out = batchOf(frame);
        VnetHeader.set(out, 0, VnetHeader.F_NEEDS_CSUM, 0, 0, 0, 38, 6);
        assertThat(peer.send(out)).isEqualTo(1);

        PacketBatch in = new PacketBatch();
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (in.count() == 0 && System.nanoTime() < deadline) {
            port.receive(in);
        }
        assertThat(in.count()).isEqualTo(1);
        assertThat(in.frameLength(0)).isEqualTo(frame.length);
        assertThat(in.memory().getByte(in.frameOffset(0) + 12)).isEqualTo((byte) 0x81);
        assertThat(VnetHeader.needsChecksum(in, 0)).isTrue();
        assertThat(VnetHeader.checksumStart(in, 0)).isEqualTo(38);
        assertThat(VnetHeader.checksumOffset(in, 0)).isEqualTo(6);
        assertThat(ChecksumOffload.complete(in, 0)).isTrue();
        long sum = pseudo;
        for (int k = 38; k < in.frameLength(0); k += 2) {
            int high = in.memory().getByte(in.frameOffset(0) + k) & 0xFF;
            int low = k + 1 < in.frameLength(0) ? in.memory().getByte(in.frameOffset(0) + k + 1) & 0xFF : 0;
            sum += high << 8 | low;
        }
        assertThat(fold(sum)).as("UDP checksum verifies").isEqualTo(0xFFFF);
    }

    private static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    @Test
    void shouldCountKernelDropsWhenTheSocketQueueOverflows() {
        AfPacketPortIo afPacket = (AfPacketPortIo) port;
        assertThat(afPacket.kernelRxDrops()).isZero();
        PacketBatch burst = batchOf(frame(1400, 1));
        for (int i = 1; i < PacketBatch.MAX_BURST; i++) {
            burst.appendCopy(burst, 0);
        }
        int sent = 0;
        for (int round = 0; round < 400; round++) {
            sent += peer.send(burst);
        }
        // 4 MiB of receive buffer holds well under 12,800 frames of 1400 bytes (truesize ~2.3 KiB).
        assertThat(sent).isGreaterThan(5000);
        assertThat(afPacket.kernelRxDrops()).isPositive();
    }

    @Test
    void shouldStartCarryingFramesWhenOpenedOnADownDeviceThatComesUp() throws Exception {
        port.close();
        NetDevices.setUp(a, false);
        port = openPort(a);
        assertThat(port.isLinkUp()).isFalse();
        assertThat(port.receive(new PacketBatch(2048))).isZero();

        NetDevices.setUp(a, true);
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!port.isLinkUp() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        byte[] toPort = frame(100, 1);
        send(peer, toPort);
        expectReceived(port, new PacketBatch(), toPort);
        byte[] toPeer = frame(100, 2);
        assertThat(send(port, toPeer)).isEqualTo(1);
        expectReceived(peer, new PacketBatch(), toPeer);
    }

    @Test
    void shouldIgnoreOutgoingInTheKernelWhenItCan() {
        assertThat(((AfPacketPortIo) port).socket().ignoresOutgoing()).isTrue();
    }
}

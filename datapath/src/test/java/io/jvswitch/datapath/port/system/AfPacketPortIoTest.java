package io.jvswitch.datapath.port.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.jvswitch.datapath.linux.NativeIoException;
import io.jvswitch.datapath.linux.NetDevices;
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
        port = AfPacketPortIo.open(a);
        peer = AfPacketPortIo.open(b);
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
    void shouldIgnoreOutgoingInTheKernelWhenItCan() {
        assertThat(((AfPacketPortIo) port).socket().ignoresOutgoing()).isTrue();
    }
}

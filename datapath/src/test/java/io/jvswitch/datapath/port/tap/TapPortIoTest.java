package io.jvswitch.datapath.port.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.jvswitch.datapath.linux.Links;
import io.jvswitch.datapath.linux.NetDevices;
import io.jvswitch.datapath.port.PortIoContract;
import io.jvswitch.datapath.port.system.AfPacketPortIo;

/** The port contract on a TAP device; the peer is a packet socket on the TAP's kernel side. */
@Tag("system")
class TapPortIoTest extends PortIoContract {
    private final NetDevices devices = new NetDevices();
    private String name;

    @BeforeAll
    static void sweep() {
        assumeTrue(NetDevices.systemTestsPossible(), "needs root and /dev/net/tun");
        NetDevices.sweepStale();
    }

    @Override
    protected void openPortAndPeer() throws Exception {
        name = NetDevices.uniqueName("t");
        devices.own(name);
        port = TapPortIo.open(name);
        NetDevices.quiet(name);
        peer = AfPacketPortIo.open(name);
    }

    @Override
    protected String portDevice() {
        return name;
    }

    @Override
    protected void setMtu(int mtu) {
        NetDevices.setMtu(name, mtu);
    }

    @Override
    protected void setPortLinkUp(boolean up) {
        NetDevices.setUp(name, up);
    }

    @Override
    protected void deletePortDevice() {
        NetDevices.run("ip", "link", "del", name);
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
    void shouldRemoveTheTapWhenItCreatedItAndIsClosed() {
        assertThat(((TapPortIo) port).device().created()).isTrue();
        assertThat(Links.exists(name)).isTrue();
        peer.close();
        port.close();
        assertThat(Links.exists(name)).isFalse();
    }

    @Test
    void shouldLeaveAPersistentTapInPlaceWhenItOnlyAttached() throws Exception {
        String persistent = NetDevices.uniqueName("p");
        devices.own(persistent);
        NetDevices.run("ip", "tuntap", "add", "mode", "tap", "name", persistent);
        try (TapPortIo attached = TapPortIo.open(persistent)) {
            assertThat(attached.device().created()).isFalse();
            assertThat(attached.isLinkUp()).isTrue();
        }
        assertThat(Links.exists(persistent)).isTrue();
    }

    @Test
    void shouldReportMacMtuAndIndexOfTheTap() throws Exception {
        assertThat(Links.mac(name)).hasSize(6).isNotEqualTo(new byte[6]);
        assertThat(Links.mtu(name)).isEqualTo(1500);
        Links.setMtu(name, 9000);
        assertThat(Links.mtu(name)).isEqualTo(9000);
        assertThat(Links.ifindex(name)).isEqualTo(((TapPortIo) port).device().ifindex()).isPositive();
    }
}

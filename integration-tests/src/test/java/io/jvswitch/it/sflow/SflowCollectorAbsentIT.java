package io.jvswitch.it.sflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.it.l2.SwitchTopology;
import io.jvswitch.it.support.DaemonLogOnFailure;
import java.net.DatagramSocket;
import java.net.InetAddress;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * sFlow pointed at a collector that is not there (nothing listens on the target port, so every send is refused):
 * forwarding is unaffected and the daemon stays up and configurable (issue 5, "a collector that is not there").
 */
@Tag("system")
@ExtendWith(DaemonLogOnFailure.class)
class SflowCollectorAbsentIT {

    @Test
    void shouldKeepForwardingWhenNoCollectorListens() throws Exception {
        int deadPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            deadPort = probe.getLocalPort();
        }
        try (SwitchTopology topo = SwitchTopology.start()) {
            String bridge = topo.addBridge();
            SwitchTopology.Host a = topo.addHost(bridge, 1);
            SwitchTopology.Host b = topo.addHost(bridge, 2);
            topo.awaitPing(a, b.ip());
            topo.cli().vsctl("--", "--id=@s", "create", "sflow", "agent=127.0.0.1",
                "target=\"127.0.0.1:" + deadPort + "\"", "header=128", "sampling=1", "polling=1",
                "--", "set", "bridge", bridge, "sflow=@s").orFail();

            // 2.5 s of traffic, every frame sampled, counters polled twice: all refused by the kernel.
            assertThat(a.ping(b.ip(), 50, "-i", "0.05")).as("every ping answered with sFlow to nowhere").isTrue();
            assertThat(b.ping(a.ip(), 5)).isTrue();

            assertThat(topo.daemon().isAlive()).as("daemon alive").isTrue();
            assertThat(topo.cli().vsctl("get", "bridge", bridge, "sflow").orFail().stdout().trim())
                .as("sFlow still configured").isNotEqualTo("[]");
            topo.cli().vsctl("clear", "bridge", bridge, "sflow").orFail();
            assertThat(a.ping(b.ip(), 2)).isTrue();
            assertThat(topo.daemon().isAlive()).isTrue();
        }
    }
}

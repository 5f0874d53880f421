package io.jvswitch.it.sflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.it.l2.SwitchTopology;
import io.jvswitch.it.support.Await;
import io.jvswitch.it.support.DaemonLogOnFailure;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
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
            long configuredNs = System.nanoTime();

            // 2.5 s of traffic, every frame sampled, counters polled twice: all refused by the kernel.
            assertThat(a.ping(b.ip(), 50, "-i", "0.05")).as("every ping answered with sFlow to nowhere").isTrue();
            assertThat(b.ping(a.ip(), 5)).isTrue();

            assertThat(topo.daemon().isAlive()).as("daemon alive").isTrue();
            // Refused sends are counted and warned about at most once per 5 s, not per datagram.
            String failure = "sending to collector 127.0.0.1:" + deadPort + " failed";
            Await.until(Duration.ofSeconds(5), () -> topo.daemon().dirs().log().contains(failure),
                () -> "no warning '" + failure + "' in the daemon log");
            long warnings = topo.daemon().dirs().log().lines().filter(line -> line.contains(failure)).count();
            long seconds = (System.nanoTime() - configuredNs) / 1_000_000_000L;
            assertThat(warnings).as("warnings in %d s of refused sends (one per 5 s at most)", seconds)
                .isBetween(1L, seconds / 5 + 1);
            assertThat(topo.cli().vsctl("get", "bridge", bridge, "sflow").orFail().stdout().trim())
                .as("sFlow still configured").isNotEqualTo("[]");
            topo.cli().vsctl("clear", "bridge", bridge, "sflow").orFail();
            assertThat(a.ping(b.ip(), 2)).isTrue();
            assertThat(topo.daemon().isAlive()).isTrue();
        }
    }
}

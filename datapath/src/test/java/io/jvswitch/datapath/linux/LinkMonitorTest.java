package io.jvswitch.datapath.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("system")
class LinkMonitorTest {
    private final NetDevices devices = new NetDevices();
    private final List<LinkEvent> events = new ArrayList<>();

    @BeforeAll
    static void sweep() {
        assumeTrue(NetDevices.systemTestsPossible(), "needs root and the ip tool");
        NetDevices.sweepStale();
    }

    @AfterEach
    void cleanUp() {
        devices.close();
    }

    private LinkEvent await(LinkMonitor monitor, Predicate<LinkEvent> wanted) {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (LinkEvent event : events) {
                if (wanted.test(event)) {
                    return event;
                }
            }
            monitor.awaitAndPoll(100, events::add);
        }
        throw new AssertionError("no matching link event among " + events);
    }

    @Test
    void shouldSeeDevicesAppearGoDownAndVanish() throws Exception {
        try (LinkMonitor monitor = LinkMonitor.open()) {
            String a = NetDevices.uniqueName("a");
            String b = a.substring(0, a.length() - 1) + "b";
            devices.vethPair(a, b);

            LinkEvent appeared = await(monitor, e -> a.equals(e.name()) && e.kind() == LinkEvent.Kind.APPEARED);
            assertThat(appeared.ifindex()).isEqualTo(Links.ifindex(a));
            await(monitor, e -> a.equals(e.name()) && e.isUp());

            NetDevices.setUp(a, false);
            await(monitor, e -> a.equals(e.name()) && e.kind() == LinkEvent.Kind.CHANGED && !e.adminUp());
            LinkEvent peerLostCarrier = await(monitor, e -> b.equals(e.name()) && e.adminUp() && !e.carrier());
            assertThat(peerLostCarrier.isUp()).isFalse();

            NetDevices.delete(a);
            await(monitor, e -> a.equals(e.name()) && e.kind() == LinkEvent.Kind.VANISHED);
            await(monitor, e -> b.equals(e.name()) && e.kind() == LinkEvent.Kind.VANISHED);
        }
    }

    @Test
    void shouldListExistingDevicesWhenADumpIsRequested() throws Exception {
        try (LinkMonitor monitor = LinkMonitor.open()) {
            monitor.requestDump();
            LinkEvent loopback = await(monitor, e -> "lo".equals(e.name()));
            assertThat(loopback.kind()).isEqualTo(LinkEvent.Kind.APPEARED);
            assertThat(loopback.ifindex()).isEqualTo(1);
            assertThat(loopback.adminUp()).isTrue();
        }
    }
}

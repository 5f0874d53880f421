package io.jvswitch.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The device and namespace helpers themselves: they create, report and clean up. */
@Tag("system")
class SupportIT {

    @BeforeAll
    static void sweep() {
        SystemAccess.assumeNetworkAdmin();
        Netns.sweepStale();
        Veth.sweepStale();
    }

    private static boolean linkExists(String name) {
        return Exec.run(Links.TIMEOUT, "ip", "link", "show", "dev", name).exitCode() == 0;
    }

    @Test
    void shouldCreateAndRemoveVethIntoNamespace() {
        String name;
        String nsName;
        try (Netns ns = Netns.create(); Veth veth = Veth.create()) {
            name = veth.name();
            nsName = ns.name();
            assertThat(name).hasSizeLessThanOrEqualTo(15).startsWith(TestNames.PREFIX);
            veth.movePeerTo(ns, "198.18.0.1/24");
            assertThat(ns.exec("ip", "-o", "addr", "show", "dev", veth.peer()).stdout()).contains("198.18.0.1/24");
            assertThat(linkExists(name)).isTrue();
        }
        assertThat(linkExists(name)).isFalse();
        assertThat(Exec.run(Links.TIMEOUT, "ip", "netns", "list").stdout()).doesNotContain(nsName);
    }

    @Test
    void shouldCreateAndRemoveTap() {
        String name;
        try (TapDevice tap = TapDevice.create()) {
            name = tap.name();
            assertThat(linkExists(name)).isTrue();
        }
        assertThat(linkExists(name)).isFalse();
    }

    @Test
    void shouldSweepOnlyNamesOfDeadCreators() {
        assertThat(TestNames.isStale(TestNames.next('v'))).isFalse();
        assertThat(TestNames.isStale("jv" + Long.toString(4_194_304L + 7, 36) + "-v0")).isTrue();
        assertThat(TestNames.isStale("eth0")).isFalse();
        assertThat(TestNames.isStale("jvx")).isFalse();
    }
}

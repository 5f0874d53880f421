package io.jvswitch.it.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this machine lets tests create namespaces and devices; system tests assume it. */
public final class SystemAccess {

    private SystemAccess() {
    }

    /** Skips the calling test unless running as root with /dev/net/tun and the ip tool. */
    public static void assumeNetworkAdmin() {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "needs /dev/net/tun");
        assumeTrue(Exec.run(Links.TIMEOUT, "ip", "netns", "list").exitCode() == 0, "needs ip netns");
    }
}

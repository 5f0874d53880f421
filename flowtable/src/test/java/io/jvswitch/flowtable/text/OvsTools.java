package io.jvswitch.flowtable.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Finds Debian's real Open vSwitch tools for the differential tests. jvswitch installs an {@code ovs-ofctl}
 * link to its own client (SPEC §1), so a bare name on PATH might be us: take the Debian path first and
 * check that {@code --version} names Open vSwitch.
 */
final class OvsTools {
    private static final String OFCTL = resolveOfctl();

    private OvsTools() {
    }

    /** The real ovs-ofctl, or {@code null} when it is not installed. */
    static String ofctl() {
        return OFCTL;
    }

    private static String resolveOfctl() {
        String candidate = Files.isExecutable(Path.of("/usr/bin/ovs-ofctl")) ? "/usr/bin/ovs-ofctl" : "ovs-ofctl";
        try {
            Process p = new ProcessBuilder(candidate, "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out.contains("(Open vSwitch)");
            return ok ? candidate : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

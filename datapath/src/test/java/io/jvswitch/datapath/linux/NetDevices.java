package io.jvswitch.datapath.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Test support: creates and removes the kernel devices and namespaces a system test needs, with
 * the {@code ip} tool. Every name starts with {@link #PREFIX} plus a random suffix; {@link #close()}
 * deletes what this instance made, and {@link #sweepStale()} what earlier runs left behind.
 */
public final class NetDevices implements AutoCloseable {
    /** Prefix of every device and namespace the tests create (never anything else is touched). */
    public static final String PREFIX = "jvnat";

    private final List<String> devices = new ArrayList<>();
    private final List<String> namespaces = new ArrayList<>();

    /** Whether system tests can run: native I/O, root, and the ip tool. */
    public static boolean systemTestsPossible() {
        return NativeAvailability.isTunAvailable() && "root".equals(System.getProperty("user.name"))
            && tryRun("ip", "link", "show", "lo") == 0;
    }

    /** A fresh name: prefix, 6 random hex digits, then {@code suffix} (4 characters at most). */
    public static String uniqueName(String suffix) {
        int random = ThreadLocalRandom.current().nextInt(1 << 24);
        String name = PREFIX + String.format(Locale.ROOT, "%06x", random) + suffix;
        return Links.checkName(name);
    }

    /** Creates a veth pair {@code a}/{@code b} in the root namespace, both up. */
    public void vethPair(String a, String b) {
        devices.add(a);
        run("ip", "link", "add", a, "type", "veth", "peer", "name", b);
        quiet(a);
        quiet(b);
        run("ip", "link", "set", a, "up");
        run("ip", "link", "set", b, "up");
    }

    /** Creates a namespace to be deleted on close. */
    public void namespace(String name) {
        namespaces.add(name);
        run("ip", "netns", "add", name);
    }

    /** Records a device for deletion on close (one the code under test made, e.g. a TAP). */
    public void own(String device) {
        devices.add(device);
    }

    /** Keeps IPv6 from chattering (router solicitations, MLD) on a test device. */
    public static void quiet(String device) {
        tryRun("sysctl", "-q", "-w", "net.ipv6.conf." + device + ".disable_ipv6=1");
    }

    /** Sets a link up or down. */
    public static void setUp(String device, boolean up) {
        run("ip", "link", "set", device, up ? "up" : "down");
    }

    /** Sets a device's MTU. */
    public static void setMtu(String device, int mtu) {
        run("ip", "link", "set", device, "mtu", Integer.toString(mtu));
    }

    /** Deletes a device now (no error if already gone). */
    public static void delete(String device) {
        tryRun("ip", "link", "del", device);
    }

    /** Deletes devices and namespaces left by earlier runs (names starting with the prefix). */
    public static void sweepStale() {
        for (String line : output("ip", "-o", "link", "show").split("\n")) {
            String[] fields = line.split(":\\s+");
            if (fields.length > 1) {
                String name = fields[1].split("@")[0];
                if (name.startsWith(PREFIX)) {
                    delete(name);
                }
            }
        }
        for (String line : output("ip", "netns", "list").split("\n")) {
            String name = line.split(" ")[0];
            if (name.startsWith(PREFIX)) {
                tryRun("ip", "netns", "del", name);
            }
        }
    }

    @Override
    public void close() {
        for (String device : devices) {
            delete(device);
        }
        for (String namespace : namespaces) {
            tryRun("ip", "netns", "del", namespace);
        }
        devices.clear();
        namespaces.clear();
    }

    /** Runs a command, failing the test when it exits non-zero. */
    public static void run(String... command) {
        int status = tryRun(command);
        if (status != 0) {
            throw new IllegalStateException("command failed (" + status + "): " + String.join(" ", command));
        }
    }

    /** Runs a command and returns its exit status (-1 if it could not run or took over 10 s). */
    public static int tryRun(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Runs a command and returns what it printed. */
    public static String output(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            return text;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}

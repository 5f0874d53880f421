package io.jvswitch.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A network namespace of the test's own ({@code ip netns add}), deleted on close. Needs root. */
public final class Netns implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String name;

    private Netns(String name) {
        this.name = name;
    }

    /** Creates a namespace with a fresh name and its loopback up. */
    public static Netns create() {
        String name = TestNames.next('n');
        Exec.run(TIMEOUT, "ip", "netns", "add", name).orFail();
        Netns netns = new Netns(name);
        netns.exec("ip", "link", "set", "lo", "up").orFail();
        return netns;
    }

    /** The namespace's name. */
    public String name() {
        return name;
    }

    /** Runs a command inside the namespace. */
    public Exec.Result exec(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return Exec.run(full, Map.of(), null, TIMEOUT, new byte[0]);
    }

    /** Deletes the namespace (and with it the devices inside). */
    @Override
    public void close() {
        Exec.run(TIMEOUT, "ip", "netns", "delete", name);
    }

    /** Deletes namespaces that dead test runs left behind. */
    public static void sweepStale() {
        for (String line : Exec.run(TIMEOUT, "ip", "netns", "list").stdout().split("\n")) {
            String name = line.split(" ")[0];
            if (TestNames.isStale(name)) {
                Exec.run(TIMEOUT, "ip", "netns", "delete", name);
            }
        }
    }
}

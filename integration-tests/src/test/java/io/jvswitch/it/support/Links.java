package io.jvswitch.it.support;

import java.time.Duration;

/** Device housekeeping shared by {@link Veth} and {@link TapDevice}. */
final class Links {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Links() {
    }

    /** Deletes a device in the root namespace if it exists. */
    static void delete(String name) {
        Exec.run(TIMEOUT, "ip", "link", "delete", name);
    }

    /** Deletes devices in the root namespace that dead test runs left behind. */
    static void sweepStale() {
        for (String line : Exec.run(TIMEOUT, "ip", "-o", "link", "show").stdout().split("\n")) {
            // "12: jv1a2b-v3@jv1a2b-v4: <BROADCAST,...": the name is the second field, up to '@' or ':'.
            String[] fields = line.split(": ", 3);
            if (fields.length < 2) {
                continue;
            }
            String name = fields[1].split("@")[0];
            if (TestNames.isStale(name)) {
                delete(name);
            }
        }
    }
}

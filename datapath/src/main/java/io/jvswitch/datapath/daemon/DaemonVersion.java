package io.jvswitch.datapath.daemon;

/** The jvswitch release this daemon belongs to. */
public final class DaemonVersion {

    /** The release, as {@code --version} and {@code jvs-appctl version} print it. */
    public static final String VERSION = "0.1.0";

    private DaemonVersion() {
    }

    /** {@code --version}'s line: {@code <program> (jvswitch) <version>}. */
    public static String line(String program) {
        return program + " (jvswitch) " + VERSION;
    }
}

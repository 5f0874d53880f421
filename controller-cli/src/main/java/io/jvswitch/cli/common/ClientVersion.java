package io.jvswitch.cli.common;

/** The jvswitch release the clients belong to. */
public final class ClientVersion {

    /** The release. */
    public static final String VERSION = "0.1.0";

    private ClientVersion() {
    }

    /** {@code --version}'s line: {@code <program> (jvswitch) <version>}. */
    public static String line(String program) {
        return program + " (jvswitch) " + VERSION;
    }
}

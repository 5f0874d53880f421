package io.jvswitch.cli.common;

/**
 * The name the user invoked a client as ({@code jvs-vsctl}, or {@code ovs-vsctl} through a link),
 * which prefixes every error message. The launcher passes it as {@code -Djvs.prog=NAME}.
 */
public final class ProgramName {

    /** The system property the launchers set to {@code basename "$0"}. */
    public static final String PROPERTY = "jvs.prog";

    private ProgramName() {
    }

    /** The invoked name, or {@code fallback} when started without the launcher. */
    public static String get(String fallback) {
        String name = System.getProperty(PROPERTY);
        return name == null || name.isEmpty() ? fallback : name;
    }
}

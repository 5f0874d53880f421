package io.jvswitch.cli.common;

/** Facts about the client's terminal that the daemon's output depends on. */
public final class Terminal {

    /** The system property the launchers set to 1 when stdout is a terminal ({@code [ -t 1 ]}). */
    public static final String STDOUT_TTY_PROPERTY = "jvs.stdout.tty";

    private Terminal() {
    }

    /** Whether standard output is a terminal. */
    public static boolean stdoutIsTty() {
        String fromLauncher = System.getProperty(STDOUT_TTY_PROPERTY);
        if (fromLauncher != null) {
            return fromLauncher.equals("1");
        }
        // Without the launcher: Java only knows whether stdin and stdout both are terminals.
        return System.console() != null;
    }
}

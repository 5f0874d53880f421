package io.jvswitch.ovsdb.ctl;

/**
 * Ends an invocation at once with an exit status and no message, committing nothing (ovs-vsctl's
 * {@code vsctl_exit}; {@code br-exists} uses status 2 for a missing bridge).
 */
final class CtlExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    CtlExit(int status) {
        super("exit " + status, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}

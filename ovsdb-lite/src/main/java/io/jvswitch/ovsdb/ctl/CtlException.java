package io.jvswitch.ovsdb.ctl;

/**
 * A fatal error of one ovs-vsctl invocation: the message is printed as {@code <program>: <message>} and the
 * whole invocation changes nothing (ovs-vsctl's {@code ctl_fatal}).
 */
public final class CtlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with the text ovs-vsctl would print after its program-name prefix. */
    public CtlException(String message) {
        super(message);
    }
}

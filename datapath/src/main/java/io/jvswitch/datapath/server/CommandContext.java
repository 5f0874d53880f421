package io.jvswitch.datapath.server;

import java.util.List;

/**
 * One invocation of a control program as the daemon received it: what the user typed after the
 * program name, the name the program was invoked as, and what the client read on its behalf.
 *
 * @param program     the program ("vsctl", "ofctl", "appctl")
 * @param args        the arguments after the program name, exactly as given; immutable
 * @param invokedAs   the name to prefix error messages with ("jvs-vsctl", "ovs-vsctl")
 * @param stdoutIsTty whether the client's stdout is a terminal
 * @param stdin       bytes the client read for the command (a flow file given as "-"); never null
 */
public record CommandContext(String program, List<String> args, String invokedAs, boolean stdoutIsTty,
                             byte[] stdin) {

    /** Copies the argument list so that a handler can never see it change. */
    public CommandContext {
        args = List.copyOf(args);
        stdin = stdin == null ? new byte[0] : stdin;
    }

    /** The error prefix for this invocation: {@code "<invoked_as>: "}. */
    public String errorPrefix() {
        return invokedAs + ": ";
    }
}

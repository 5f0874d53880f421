package io.jvswitch.cli.common;

import com.google.protobuf.ByteString;
import io.jvswitch.api.CommandReply;
import io.jvswitch.api.CommandRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The body every thin client shares: send one invocation to the daemon in a single
 * {@code Control.Run}, print the reply's stdout and stderr as they are, and return its exit status.
 * A failure to reach the daemon is one line in the client's own words; an expired
 * {@code --timeout} exits 142 like the Open vSwitch tools, which die by SIGALRM.
 */
public final class RemoteCommand {

    /** Exit status of a process killed by SIGALRM (128 + 14). */
    public static final int EXIT_TIMEOUT = 128 + 14;

    private RemoteCommand() {
    }

    /**
     * Runs one invocation in the daemon.
     *
     * @param program         the daemon-side program: "vsctl", "ofctl" or "appctl"
     * @param invokedAs       the name the user invoked (error prefix)
     * @param args            the arguments to send
     * @param stdin           data read for the command (a flow file), or an empty array
     * @param socket          the daemon's socket
     * @param timeoutSeconds  the deadline; 0 for none
     * @param connectionError the message (without the program prefix) for an unreachable daemon
     * @return the exit status to exit with
     */
    public static int execute(String program, String invokedAs, List<String> args, byte[] stdin, Path socket,
                              int timeoutSeconds, Function<ConnectionFailedException, String> connectionError) {
        CommandRequest request = CommandRequest.newBuilder()
                .setProgram(program)
                .addAllArgs(args)
                .setInvokedAs(invokedAs)
                .setStdoutIsTty(Terminal.stdoutIsTty())
                .setStdin(ByteString.copyFrom(stdin))
                .build();
        try (ControlClient client = new ControlClient(socket)) {
            CommandReply reply = client.run(request, timeoutSeconds * 1000L);
            return ClientOutput.print(reply, System.out, System.err);
        } catch (ConnectionFailedException e) {
            ClientOutput.error(System.err, invokedAs, connectionError.apply(e));
            return 1;
        } catch (CommandTimeoutException e) {
            ClientOutput.error(System.err, invokedAs, "timed out after " + timeoutSeconds + " seconds");
            return EXIT_TIMEOUT;
        }
    }
}

package io.jvswitch.cli.vsctl;

import io.jvswitch.api.CommandReply;
import io.jvswitch.api.CommandRequest;
import io.jvswitch.cli.common.ClientOutput;
import io.jvswitch.cli.common.ClientVersion;
import io.jvswitch.cli.common.CommandTimeoutException;
import io.jvswitch.cli.common.ConnectionFailedException;
import io.jvswitch.cli.common.ControlClient;
import io.jvswitch.cli.common.ProgramName;
import io.jvswitch.cli.common.SocketLocation;
import io.jvswitch.cli.common.Terminal;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code jvs-vsctl}: sends its whole argument list to the daemon, which runs it as one atomic
 * transaction, and prints the reply. Only {@code --db}, {@code --timeout}, {@code --help} and
 * {@code --version} are looked at here (see {@link VsctlClientOptions}).
 */
public final class VsctlMain {

    /** Exit status of a process killed by SIGALRM, as ovs-vsctl is when its --timeout expires. */
    static final int EXIT_TIMEOUT = 128 + 14;

    private VsctlMain() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(run(List.of(args)));
    }

    /** Runs one invocation and returns its exit status. */
    static int run(List<String> args) {
        String program = ProgramName.get("jvs-vsctl");
        VsctlClientOptions options;
        Path socket;
        try {
            options = VsctlClientOptions.parse(args);
            socket = options.dbSpec().map(SocketLocation::fromDbSpec)
                    .orElseGet(() -> SocketLocation.fromEnvironment(System.getenv()));
        } catch (IllegalArgumentException e) {
            ClientOutput.error(System.err, program, e.getMessage());
            return 1;
        }
        if (options.help()) {
            System.out.print(VsctlUsage.text(program));
            return 0;
        }
        if (options.version()) {
            System.out.println(ClientVersion.line(program));
            return 0;
        }
        CommandRequest request = CommandRequest.newBuilder()
                .setProgram("vsctl")
                .addAllArgs(options.forwarded())
                .setInvokedAs(program)
                .setStdoutIsTty(Terminal.stdoutIsTty())
                .build();
        try (ControlClient client = new ControlClient(socket)) {
            CommandReply reply = client.run(request, options.timeoutSeconds() * 1000L);
            return ClientOutput.print(reply, System.out, System.err);
        } catch (ConnectionFailedException e) {
            ClientOutput.error(System.err, program, "unix:" + e.socket() + ": database connection failed ("
                    + e.reason() + ")");
            return 1;
        } catch (CommandTimeoutException e) {
            ClientOutput.error(System.err, program, "timed out after " + options.timeoutSeconds() + " seconds");
            return EXIT_TIMEOUT;
        }
    }
}

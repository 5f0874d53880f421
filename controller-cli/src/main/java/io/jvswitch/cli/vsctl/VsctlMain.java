package io.jvswitch.cli.vsctl;

import io.jvswitch.cli.common.ClientOutput;
import io.jvswitch.cli.common.ClientVersion;
import io.jvswitch.cli.common.ProgramName;
import io.jvswitch.cli.common.RemoteCommand;
import io.jvswitch.cli.common.SocketLocation;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code jvs-vsctl}: sends its whole argument list to the daemon, which runs it as one atomic
 * transaction, and prints the reply. Only {@code --db}, {@code --timeout}, {@code --help} and
 * {@code --version} are looked at here (see {@link VsctlClientOptions}).
 */
public final class VsctlMain {

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
        return RemoteCommand.execute("vsctl", program, options.forwarded(), new byte[0], socket,
                options.timeoutSeconds(),
                e -> "unix:" + e.socket() + ": database connection failed (" + e.reason() + ")");
    }
}

package io.jvswitch.cli.appctl;

import io.jvswitch.cli.common.ClientOutput;
import io.jvswitch.cli.common.ClientVersion;
import io.jvswitch.cli.common.ProgramName;
import io.jvswitch.cli.common.RemoteCommand;
import io.jvswitch.cli.common.SocketLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jvs-appctl [-t TARGET] [--timeout=SECS] COMMAND [ARG...]}: runs a runtime command in the
 * daemon and prints its answer. A TARGET with a slash is a socket path; a bare name
 * ({@code jvs-vswitchd}, {@code ovs-vswitchd}) means the daemon's default socket, since one
 * daemon serves everything.
 */
public final class AppctlMain {

    private AppctlMain() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(run(List.of(args)));
    }

    /** Runs one invocation and returns its exit status. */
    static int run(List<String> args) {
        String program = ProgramName.get("jvs-appctl");
        Path socket = SocketLocation.fromEnvironment(System.getenv());
        int timeoutSeconds = 0;
        List<String> command = new ArrayList<>();
        try {
            int i = 0;
            while (i < args.size() && args.get(i).startsWith("-") && command.isEmpty()) {
                String arg = args.get(i);
                int eq = arg.indexOf('=');
                String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
                String value = arg.startsWith("--") && eq > 0 ? arg.substring(eq + 1) : null;
                switch (name) {
                    case "-t", "--target", "--db", "-T", "--timeout" -> {
                        if (value == null) {
                            if (i + 1 >= args.size()) {
                                throw new IllegalArgumentException("option '" + name + "' requires an argument");
                            }
                            value = args.get(++i);
                        }
                        if (name.equals("-T") || name.equals("--timeout")) {
                            timeoutSeconds = parseTimeout(value);
                        } else {
                            socket = target(name, value, socket);
                        }
                    }
                    case "-h", "--help" -> {
                        System.out.print(usage(program));
                        return 0;
                    }
                    case "-V", "--version" -> {
                        System.out.println(ClientVersion.line(program));
                        return 0;
                    }
                    case "--" -> {
                        i++;
                        command.addAll(args.subList(i, args.size()));
                        i = args.size();
                        continue;
                    }
                    default -> throw new IllegalArgumentException("unrecognized option '" + arg + "'");
                }
                i++;
            }
            if (command.isEmpty()) {
                command.addAll(args.subList(i, args.size()));
            }
            if (command.isEmpty()) {
                throw new IllegalArgumentException(
                        "at least one non-option argument is required (use --help for help)");
            }
        } catch (IllegalArgumentException e) {
            ClientOutput.error(System.err, program, e.getMessage());
            return 1;
        }
        return RemoteCommand.execute("appctl", program, command, new byte[0], socket, timeoutSeconds,
                e -> "cannot connect to \"" + e.socket() + "\" (" + e.reason() + ")");
    }

    private static Path target(String option, String value, Path defaultSocket) {
        if (option.equals("--db")) {
            return SocketLocation.fromDbSpec(value);
        }
        if (value.startsWith("unix:")) {
            return SocketLocation.fromDbSpec(value);
        }
        return value.contains("/") ? Path.of(value) : defaultSocket;
    }

    private static int parseTimeout(String value) {
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("value " + value + " on -T or --timeout is invalid");
    }

    private static String usage(String program) {
        return program + ", for querying and controlling jvs-vswitchd\n"
                + "usage: " + program + " [TARGET] COMMAND [ARG...]\n"
                + "Targets:\n"
                + "  -t, --target=TARGET  jvs-vswitchd (default) or the path of its control socket\n"
                + "  --db=unix:PATH       the path of the control socket\n"
                + "Common commands:\n"
                + "  list-commands        List commands supported by the target\n"
                + "  version              Print version of the target\n"
                + "  vlog/list            List current logging levels\n"
                + "  vlog/set MODULE[:DESTINATION[:LEVEL]]\n"
                + "                       Set MODULE and DESTINATION logging level to LEVEL\n"
                + "  exit                 Shut the target down\n"
                + "Other options:\n"
                + "  -T, --timeout=SECS   wait at most SECS seconds for a response\n"
                + "  -h, --help           Print this helpful information\n"
                + "  -V, --version        Display " + program + " version information\n";
    }
}

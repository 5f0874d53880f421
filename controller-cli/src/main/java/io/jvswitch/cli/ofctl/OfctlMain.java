package io.jvswitch.cli.ofctl;

import com.google.protobuf.ByteString;
import io.jvswitch.api.CommandReply;
import io.jvswitch.api.CommandRequest;
import io.jvswitch.cli.common.ClientOutput;
import io.jvswitch.cli.common.CommandTimeoutException;
import io.jvswitch.cli.common.ConnectionFailedException;
import io.jvswitch.cli.common.ControlClient;
import io.jvswitch.cli.common.SocketLocation;
import io.jvswitch.cli.common.Terminal;
import io.jvswitch.flowtable.FlowMod;
import io.jvswitch.flowtable.FlowRule;
import io.jvswitch.flowtable.text.FlowFormatter;
import io.jvswitch.flowtable.text.FlowParser;
import io.jvswitch.flowtable.text.FlowSyntaxException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code jvs-ofctl}: ovs-ofctl's command line. {@code parse-flow} and {@code parse-flows} run here, offline;
 * every other command is executed by the daemon through {@link #runRemote(String[])}.
 *
 * <p>Errors print as {@code <prog>: <message>} on stderr with exit status 1, where {@code <prog>} is the name
 * the launcher was invoked as (system property {@code jvs.prog}, default {@code jvs-ofctl}), so a
 * {@code ovs-ofctl} link prints Open vSwitch's prefix.
 */
public final class OfctlMain {
    /** Commands the daemon executes (ovs-ofctl's names). */
    static final Set<String> REMOTE_COMMANDS = Set.of("show", "dump-flows", "dump-aggregate", "add-flow",
            "add-flows", "mod-flows", "del-flows", "replace-flows", "diff-flows", "dump-ports", "dump-ports-desc",
            "dump-tables", "mod-port", "snoop", "monitor", "packet-out", "ofp-parse", "dump-desc");

    private final String prog;
    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    /** A command line writing to the given streams. */
    public OfctlMain(String prog, InputStream stdin, PrintStream out, PrintStream err) {
        this.prog = prog;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    /** Entry point of {@code bin/jvs-ofctl}. */
    public static void main(String[] args) {
        String prog = System.getProperty("jvs.prog", "jvs-ofctl");
        int status = new OfctlMain(prog, System.in, System.out, System.err).run(args);
        System.out.flush();
        System.exit(status);
    }

    /**
     * Runs one invocation; returns the exit status. Options may appear anywhere (ovs-ofctl uses GNU getopt,
     * which permutes), {@code --} ends them; {@code -O}, {@code -t} and {@code -P} take the next word.
     */
    public int run(String[] args) {
        for (String a : options(args)) {
            if (a.equals("--help") || a.equals("-h")) {
                out.print(usage());
                return 0;
            }
            if (a.equals("--version") || a.equals("-V")) {
                out.println(prog + " (jvswitch)");
                return 0;
            }
        }
        List<String> operands = operands(args);
        if (operands.isEmpty()) {
            return fail("missing command name; use --help for help");
        }
        String command = operands.get(0);
        List<String> rest = operands.subList(1, operands.size());
        try {
            switch (command) {
                case "parse-flow":
                    requireOperands(command, rest, 1, 1);
                    return parseFlow(rest.get(0));
                case "parse-flows":
                    requireOperands(command, rest, 1, 1);
                    return parseFlows(rest.get(0));
                case "help":
                    out.print(usage());
                    return 0;
                default:
                    if (!REMOTE_COMMANDS.contains(command)) {
                        return fail("unknown command '" + command + "'; use --help for help");
                    }
                    return runRemote(args);
            }
        } catch (FlowSyntaxException | UsageException e) {
            return fail(e.getMessage());
        }
    }

    /**
     * Executes a command in the daemon: the whole command line (options included, {@code --db} and
     * {@code --timeout} excepted) goes as one {@code Control.Run} request for program "ofctl". For
     * {@code add-flows}/{@code replace-flows FILE} and {@code add-flow SWITCH -} the file's content (or stdin
     * for {@code -}) goes as the request's input, since the daemon cannot read the client's files.
     */
    int runRemote(String[] args) {
        Path socket = SocketLocation.fromEnvironment(System.getenv());
        long timeoutMs = 0;
        List<String> forwarded = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--db=")) {
                socket = SocketLocation.fromDbSpec(a.substring("--db=".length()));
            } else if (a.startsWith("--timeout=")) {
                try {
                    timeoutMs = Long.parseLong(a.substring("--timeout=".length())) * 1000L;
                } catch (NumberFormatException e) {
                    return fail("value " + a.substring("--timeout=".length()) + " on --timeout is invalid");
                }
            } else {
                forwarded.add(a);
            }
        }
        List<String> words = operands(forwarded.toArray(new String[0]));
        byte[] input = new byte[0];
        String command = words.isEmpty() ? "" : words.get(0);
        boolean takesFile = command.equals("add-flows") || command.equals("replace-flows")
                || (command.equals("add-flow") && words.size() > 2 && words.get(2).equals("-"));
        if (takesFile && words.size() > 2) {
            try {
                input = readFileOrStdin(words.get(2), stdin).getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return fail(words.get(2) + ": open failed (" + describe(e) + ")");
            }
        }
        CommandRequest request = CommandRequest.newBuilder()
                .setProgram("ofctl")
                .addAllArgs(forwarded)
                .setInvokedAs(prog)
                .setStdoutIsTty(Terminal.stdoutIsTty())
                .setStdin(ByteString.copyFrom(input))
                .build();
        try (ControlClient client = new ControlClient(socket)) {
            CommandReply reply = client.run(request, timeoutMs);
            return ClientOutput.print(reply, out, err);
        } catch (ConnectionFailedException e) {
            return fail("cannot connect to \"" + e.socket() + "\" (" + e.reason() + ")");
        } catch (CommandTimeoutException e) {
            return fail("timeout after " + timeoutMs / 1000 + " seconds");
        }
    }

    /** The non-option words of a command line: the command, then its arguments. */
    static List<String> operands(String[] args) {
        List<String> operands = new ArrayList<>();
        split(args, operands, new ArrayList<>());
        return operands;
    }

    /** The options of a command line, with the value of {@code -O}/{@code -t}/{@code -P} left out. */
    static List<String> options(String[] args) {
        List<String> options = new ArrayList<>();
        split(args, new ArrayList<>(), options);
        return options;
    }

    private static void split(String[] args, List<String> operands, List<String> options) {
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (optionsEnded || !a.startsWith("-") || a.equals("-")) {
                operands.add(a);
            } else if (a.equals("--")) {
                optionsEnded = true;
            } else {
                options.add(a);
                if (a.equals("-O") || a.equals("-t") || a.equals("-P")) {
                    i++;
                }
            }
        }
    }

    private int parseFlow(String flow) {
        FlowRule rule = new FlowParser().parseFlow(flow);
        out.println(new FlowFormatter().formatNoStats(rule));
        return 0;
    }

    private int parseFlows(String file) {
        String content;
        try {
            content = readFileOrStdin(file, stdin);
        } catch (IOException e) {
            return fail(file + ": open failed (" + describe(e) + ")");
        }
        FlowParser parser = new FlowParser();
        FlowFormatter formatter = new FlowFormatter();
        List<String> lines = new ArrayList<>();
        for (FlowFileLine line : FlowFileLine.read(content)) {
            try {
                FlowMod mod = parser.parseFlowModLine(line.text());
                lines.add(formatter.formatFlowMod(mod));
            } catch (FlowSyntaxException e) {
                return fail(file + ":" + line.number() + ": " + e.getMessage());
            }
        }
        for (String l : lines) {
            out.println(l);
        }
        return 0;
    }

    /** The content of {@code file}, or of {@code stdin} when the file is {@code -}. */
    public static String readFileOrStdin(String file, InputStream stdin) throws IOException {
        if (file.equals("-")) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            stdin.transferTo(buf);
            return buf.toString(StandardCharsets.UTF_8);
        }
        // Decoded leniently: a stray non-UTF-8 byte should give a flow syntax error naming the line, not an
        // unreadable-file error.
        return new String(Files.readAllBytes(Path.of(file)), StandardCharsets.UTF_8);
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private int fail(String message) {
        err.println(prog + ": " + message);
        return 1;
    }

    private static void requireOperands(String command, List<String> operands, int min, int max) {
        if (operands.size() < min) {
            throw new UsageException("'" + command + "' command requires at least " + min + " arguments");
        }
        if (operands.size() > max) {
            throw new UsageException("'" + command + "' command takes at most " + max + " arguments");
        }
    }

    private String usage() {
        return prog + ": OpenFlow switch management utility (jvswitch)\n"
                + "usage: " + prog + " [OPTIONS] COMMAND [ARG...]\n"
                + "\nFor OpenFlow switches (executed by jvs-vswitchd):\n"
                + "  show SWITCH                 show OpenFlow information\n"
                + "  dump-ports SWITCH [PORT]    print port statistics\n"
                + "  dump-ports-desc SWITCH      print port descriptions\n"
                + "  dump-flows SWITCH [FLOW]    print matching FLOWs\n"
                + "  dump-aggregate SWITCH [FLOW] print aggregate stats for FLOWs\n"
                + "  add-flow SWITCH FLOW        add flow described by FLOW\n"
                + "  add-flows SWITCH FILE       add flows from FILE (- for stdin)\n"
                + "  mod-flows SWITCH FLOW       modify actions of matching FLOWs\n"
                + "  del-flows SWITCH [FLOW]     delete matching FLOWs\n"
                + "  replace-flows SWITCH FILE   replace flows with those in FILE\n"
                + "\nFlow syntax (offline):\n"
                + "  parse-flow FLOW             print the normalized FLOW\n"
                + "  parse-flows FILE            print the normalized flows of FILE (- for stdin)\n"
                + "\nOptions:\n"
                + "  --strict                    use strict match for flow commands\n"
                + "  --names, --no-names         show port names / numbers in output\n"
                + "  --no-stats                  omit statistics in dump-flows\n"
                + "  --db=unix:PATH              the daemon's control socket\n"
                + "  -O, --protocols=LIST        accepted for compatibility\n"
                + "  -h, --help                  display this help message\n";
    }

    /** A command line that does not fit a command's grammar. */
    private static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}

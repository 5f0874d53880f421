package io.jvswitch.datapath.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The {@code appctl} program: a table of runtime commands, dispatched by name, with
 * {@code ovs-appctl}'s conventions. Success prints the command's text and exits 0. A refused
 * command prints the server's error text and {@code <invoked_as>: <target>: server returned an
 * error} on stderr and exits 2. {@code list-commands} is built in.
 */
public final class AppctlHandler implements CommandHandler {

    /** Exit status of {@code ovs-appctl} when the server refuses a command. */
    public static final int EXIT_SERVER_ERROR = 2;

    private final String target;
    private final Map<String, Registration> commands = new ConcurrentSkipListMap<>();

    /** @param target how the client's error line names this daemon (its socket path) */
    public AppctlHandler(String target) {
        this.target = target;
        register("list-commands", "", 0, 0, args -> listCommands());
    }

    /**
     * Registers a command.
     *
     * @param name    the command name ({@code "fdb/show"})
     * @param usage   the argument synopsis shown by {@code list-commands} ({@code "BRIDGE"})
     * @param minArgs fewest arguments accepted
     * @param maxArgs most arguments accepted ({@link Integer#MAX_VALUE} for no limit)
     * @throws IllegalStateException if the name is taken
     */
    public void register(String name, String usage, int minArgs, int maxArgs, AppctlCommand command) {
        if (commands.putIfAbsent(name, new Registration(usage, minArgs, maxArgs, command)) != null) {
            throw new IllegalStateException("appctl command " + name + " is already registered");
        }
    }

    @Override
    public CommandResult run(CommandContext ctx) {
        List<String> args = ctx.args();
        if (args.isEmpty()) {
            return CommandResult.failure(ctx.errorPrefix() + "at least one non-option argument is required "
                    + "(use --help for help)\n", CommandResult.EXIT_FAILURE);
        }
        String name = args.get(0);
        List<String> commandArgs = args.subList(1, args.size());
        Registration registration = commands.get(name);
        try {
            if (registration == null) {
                throw new AppctlException("\"" + name + "\" is not a valid command (use \"list-commands\" "
                        + "to see a list of valid commands)");
            }
            if (commandArgs.size() < registration.minArgs) {
                throw new AppctlException("\"" + name + "\" command requires at least " + registration.minArgs
                        + " arguments");
            }
            if (commandArgs.size() > registration.maxArgs) {
                throw new AppctlException("\"" + name + "\" command takes at most " + registration.maxArgs
                        + " arguments");
            }
            return CommandResult.ok(withNewline(registration.command.run(commandArgs)));
        } catch (AppctlException e) {
            return CommandResult.failure(withNewline(e.getMessage()) + ctx.errorPrefix() + target
                    + ": server returned an error\n", EXIT_SERVER_ERROR);
        }
    }

    private String listCommands() {
        StringBuilder out = new StringBuilder("The available commands are:\n");
        for (Map.Entry<String, Registration> entry : commands.entrySet()) {
            out.append(String.format("  %-23s %s%n", entry.getKey(), entry.getValue().usage));
        }
        return out.toString();
    }

    /** The registered command names, sorted. */
    public List<String> commandNames() {
        return new ArrayList<>(commands.keySet());
    }

    private static String withNewline(String text) {
        if (text == null || text.isEmpty() || text.endsWith("\n")) {
            return text == null ? "" : text;
        }
        return text + "\n";
    }

    private record Registration(String usage, int minArgs, int maxArgs, AppctlCommand command) {
    }
}

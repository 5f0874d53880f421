package io.jvswitch.datapath.server;

/**
 * Executes one invocation of a control program inside the daemon ({@code jvs-vsctl}'s whole
 * argument list as one transaction, one {@code jvs-appctl} command, ...).
 *
 * <p>Handlers may be called concurrently from several gRPC threads. A handler reports user
 * errors in its {@link CommandResult}; an exception it throws is turned into an
 * {@code internal error} reply by {@link ControlServiceAdapter} and logged.
 */
@FunctionalInterface
public interface CommandHandler {

    /** Runs the invocation and returns what the client prints and its exit status. */
    CommandResult run(CommandContext ctx) throws Exception;
}

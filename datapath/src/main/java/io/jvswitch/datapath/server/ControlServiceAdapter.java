package io.jvswitch.datapath.server;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.jvswitch.api.CommandReply;
import io.jvswitch.api.CommandRequest;
import io.jvswitch.api.ControlGrpc;
import io.jvswitch.api.VersionReply;
import io.jvswitch.api.VersionRequest;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC {@code Control} service: decodes a {@code Run} request, dispatches it to the
 * {@link CommandHandler} registered for its program, and encodes what the handler returns.
 *
 * <p>Every outcome is a normal reply, so the client has one thing to print: an unknown program
 * and an exception in a handler become an error text with exit status 1. A client that has gone
 * away by the time the handler finishes is simply not answered; nothing else is affected.
 */
public final class ControlServiceAdapter extends ControlGrpc.ControlImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(ControlServiceAdapter.class);

    private final CommandRegistry commands;
    private final Supplier<VersionReply> version;

    /**
     * @param commands the handlers by program name; looked up per call, so handlers registered
     *                 after the server started are served too
     * @param version  the answer to {@code Version}, computed per call
     */
    public ControlServiceAdapter(CommandRegistry commands, Supplier<VersionReply> version) {
        this.commands = commands;
        this.version = version;
    }

    @Override
    public void run(CommandRequest request, StreamObserver<CommandReply> responseObserver) {
        if (responseObserver instanceof ServerCallStreamObserver<CommandReply> call) {
            // Without a cancel handler a reply to a vanished client throws; with one it is a no-op check.
            call.setOnCancelHandler(() -> LOG.debug("client left before its {} command finished",
                    request.getProgram()));
        }
        CommandResult result = execute(request);
        if (responseObserver instanceof ServerCallStreamObserver<CommandReply> call && call.isCancelled()) {
            return;
        }
        responseObserver.onNext(CommandReply.newBuilder()
                .setStdout(result.stdout())
                .setStderr(result.stderr())
                .setExitCode(result.exitCode())
                .build());
        responseObserver.onCompleted();
    }

    @Override
    public void version(VersionRequest request, StreamObserver<VersionReply> responseObserver) {
        responseObserver.onNext(version.get());
        responseObserver.onCompleted();
    }

    /** Runs one request to a result; never throws. */
    CommandResult execute(CommandRequest request) {
        String program = request.getProgram();
        String invokedAs = request.getInvokedAs().isEmpty() ? "jvs-" + program : request.getInvokedAs();
        CommandContext ctx = new CommandContext(program, request.getArgsList(), invokedAs,
                request.getStdoutIsTty(), request.getStdin().toByteArray());
        CommandHandler handler = commands.find(program).orElse(null);
        if (handler == null) {
            return CommandResult.failure(ctx.errorPrefix() + "this jvs-vswitchd does not serve program \""
                    + program + "\"\n", CommandResult.EXIT_FAILURE);
        }
        try {
            CommandResult result = handler.run(ctx);
            if (result == null) {
                throw new IllegalStateException("handler returned no result");
            }
            return result;
        } catch (Exception | LinkageError | AssertionError e) {
            LOG.error("{} {} failed", invokedAs, String.join(" ", ctx.args()), e);
            String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            return CommandResult.failure(ctx.errorPrefix() + "internal error: " + firstLine(message) + "\n",
                    CommandResult.EXIT_FAILURE);
        }
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}

package io.jvswitch.cli.common;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.jvswitch.api.CommandReply;
import io.jvswitch.api.CommandRequest;
import io.jvswitch.api.ControlGrpc;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connection to the daemon's control socket for one command: sends a {@code Control.Run} and
 * returns the reply. Built for a short-lived process: one event-loop thread, no executor of its
 * own, nothing created before the first call.
 */
public final class ControlClient implements AutoCloseable {

    /** Largest reply accepted (a big {@code dump-flows}). */
    public static final int MAX_REPLY_LENGTH = 256 * 1024 * 1024;

    /** A file the launcher names to learn that a reply came (it then keeps its AppCDS archive). */
    public static final String REPLY_MARKER_PROPERTY = "jvs.reply.marker";

    /**
     * The libraries' own loggers, silenced: a client's output is exactly the daemon's reply, and
     * grpc-netty warns about a TCP-only option on every Unix-socket connection. Held in a field so
     * that java.util.logging, which keeps loggers weakly, does not forget the setting.
     */
    /** Netty's native-call failure text: {@code connect(..) failed with error(-111): Connection refused}. */
    private static final Pattern NATIVE_FAILURE = Pattern.compile("failed(?: with error\\(-?\\d+\\))?: ([^:]+)");

    private static Logger[] quietLoggers;

    private final Path socket;
    private EventLoopGroup group;
    private ManagedChannel channel;

    /** @param socket the daemon's Unix socket */
    public ControlClient(Path socket) {
        this.socket = socket;
    }

    /** The socket this client talks to. */
    public Path socket() {
        return socket;
    }

    /**
     * Runs one command in the daemon.
     *
     * @param timeoutMs how long to wait for the reply; 0 for no limit
     * @throws ConnectionFailedException if the socket is missing, refuses, or the daemon went away
     * @throws CommandTimeoutException   if the reply did not come in time
     */
    public CommandReply run(CommandRequest request, long timeoutMs)
            throws ConnectionFailedException, CommandTimeoutException {
        if (!Files.exists(socket)) {
            // The common case of "no daemon": answered without starting any of gRPC.
            throw new ConnectionFailedException(socket, "No such file or directory");
        }
        ControlGrpc.ControlBlockingStub stub = ControlGrpc.newBlockingStub(channel());
        if (timeoutMs > 0) {
            stub = stub.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS);
        }
        try {
            CommandReply reply = stub.run(request);
            markReplied();
            return reply;
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
                throw new CommandTimeoutException("no reply within " + timeoutMs + " ms");
            }
            if (status.getCode() == Status.Code.UNAVAILABLE) {
                throw new ConnectionFailedException(socket, reason(e));
            }
            throw new ConnectionFailedException(socket, "protocol error: " + status.getCode()
                    + (status.getDescription() == null ? "" : " (" + status.getDescription() + ")"));
        }
    }

    private ManagedChannel channel() {
        if (channel == null) {
            quietLoggers = new Logger[] {Logger.getLogger("io.netty"), Logger.getLogger("io.grpc")};
            for (Logger logger : quietLoggers) {
                logger.setLevel(Level.OFF);
            }
            group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
            channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                    .channelType(EpollDomainSocketChannel.class)
                    .eventLoopGroup(group)
                    .usePlaintext()
                    .directExecutor()
                    .maxInboundMessageSize(MAX_REPLY_LENGTH)
                    .build();
        }
        return channel;
    }

    private static void markReplied() {
        String marker = System.getProperty(REPLY_MARKER_PROPERTY);
        if (marker != null && !marker.isEmpty()) {
            try {
                Files.createFile(Path.of(marker));
            } catch (IOException e) {
                // Only an optimization is lost: the launcher makes the archive on a later run.
            }
        }
    }

    /** The operating system's reason in a connect failure ("Connection refused"), else gRPC's description. */
    private static String reason(StatusRuntimeException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            Matcher matcher = message == null ? null : NATIVE_FAILURE.matcher(message);
            if (matcher != null && matcher.find()) {
                return matcher.group(1);
            }
        }
        String description = e.getStatus().getDescription();
        return description == null ? "connection lost" : description;
    }

    /** Drops the connection without waiting for anything. */
    @Override
    public void close() {
        if (channel != null) {
            channel.shutdownNow();
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            channel = null;
            group = null;
        }
    }
}

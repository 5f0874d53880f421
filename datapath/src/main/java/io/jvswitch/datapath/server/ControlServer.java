package io.jvswitch.datapath.server;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's gRPC server on its Unix domain socket ({@code $JVS_RUNDIR/jvs.sock}).
 *
 * <p><b>What.</b> Serves the {@code Control} service plus any service another part of the daemon
 * adds (the config store's {@code Config}, the datapath's flow service), over grpc-netty on the
 * native epoll transport. Services may be added before or after {@link #start()}.
 *
 * <p><b>Invariants.</b> A socket file left by a previous daemon is removed before binding (the
 * caller holds the run-directory lock, so no live daemon owns it). After binding the socket is
 * made mode 0660. Inbound messages are bounded ({@link #MAX_INBOUND_MESSAGE_LENGTH}). Closing
 * lets calls in flight finish for a short grace period, then removes the socket file.
 */
public final class ControlServer implements AutoCloseable {

    /** Largest request accepted: a whole flow file passed as stdin fits comfortably. */
    public static final int MAX_INBOUND_MESSAGE_LENGTH = 16 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final Set<PosixFilePermission> SOCKET_MODE = PosixFilePermissions.fromString("rw-rw----");
    private static final long GRACE_MS = 2_000;

    private final Path socketPath;
    private final ServiceRegistry services = new ServiceRegistry();
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Server server;

    /**
     * @param socketPath where to bind
     * @param control    the Control service
     */
    public ControlServer(Path socketPath, ControlServiceAdapter control) {
        this.socketPath = socketPath;
        services.add(control);
    }

    /** Serves {@code service} too, from now on. */
    public void addService(BindableService service) {
        services.add(service);
    }

    /** The socket this server binds. */
    public Path socketPath() {
        return socketPath;
    }

    /**
     * Binds the socket and starts serving; returns once the socket accepts connections.
     *
     * @throws IOException if the native transport is unavailable or the bind fails
     */
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        if (!Epoll.isAvailable()) {
            throw new IOException("native epoll transport unavailable: " + Epoll.unavailabilityCause());
        }
        Files.createDirectories(socketPath.toAbsolutePath().getParent());
        if (Files.deleteIfExists(socketPath)) {
            LOG.info("removed stale socket {}", socketPath);
        }
        bossGroup = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        workerGroup = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
        Server built = NettyServerBuilder.forAddress(new DomainSocketAddress(socketPath.toString()))
                .channelType(EpollServerDomainSocketChannel.class)
                .bossEventLoopGroup(bossGroup)
                .workerEventLoopGroup(workerGroup)
                .fallbackHandlerRegistry(services)
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_LENGTH)
                .maxInboundMetadataSize(64 * 1024)
                .build();
        try {
            built.start();
        } catch (IOException | RuntimeException e) {
            releaseEventLoops();
            throw new IOException("cannot serve on " + socketPath + ": " + e.getMessage(), e);
        }
        server = built;
        Files.setPosixFilePermissions(socketPath, SOCKET_MODE);
        LOG.info("listening on unix:{}", socketPath);
    }

    /** Stops serving: calls in flight get a short grace period; then the socket file is removed. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.shutdown();
        try {
            if (!server.awaitTermination(GRACE_MS, TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
                server.awaitTermination(GRACE_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        server = null;
        releaseEventLoops();
        try {
            Files.deleteIfExists(socketPath);
        } catch (IOException e) {
            LOG.warn("cannot remove socket {}: {}", socketPath, e.getMessage());
        }
    }

    private void releaseEventLoops() {
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            bossGroup = null;
        }
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            workerGroup = null;
        }
    }
}

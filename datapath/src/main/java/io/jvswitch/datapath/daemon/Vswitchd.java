package io.jvswitch.datapath.daemon;

import io.grpc.BindableService;
import io.jvswitch.api.VersionReply;
import io.jvswitch.datapath.server.AppctlHandler;
import io.jvswitch.datapath.server.CommandRegistry;
import io.jvswitch.datapath.server.ControlServer;
import io.jvswitch.datapath.server.ControlServiceAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running {@code jvs-vswitchd}: owns the order in which its parts start and stop.
 *
 * <p><b>What.</b> Start: create the directories, take the run-directory lock (a second daemon on
 * the same run directory stops here), start the {@link DaemonComponent}s in the order added (the
 * config store, then the datapath, ...), bind the control socket, and only then write the pid
 * file, so that a pid file or a connectable socket both mean "serving". Close: the exact reverse;
 * idempotent, so a shutdown hook and {@code jvs-appctl exit} can both call it.
 *
 * <p><b>Threading.</b> {@link #start} and {@link #close} are synchronized. Handlers, services and
 * components may be added from any thread before {@link #start}; handlers and services also after.
 *
 * <p><b>Invariants.</b> While started, this process holds the run-directory lock, so removing a
 * stale socket or pid file there never hurts a live daemon.
 */
public final class Vswitchd implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Vswitchd.class);

    private final DaemonLocations locations;
    private final Optional<Path> pidFilePath;
    private final CommandRegistry commands = new CommandRegistry();
    private final AppctlHandler appctl;
    private final ControlServer server;
    private final List<DaemonComponent> components = new ArrayList<>();
    private final Deque<DaemonComponent> started = new ArrayDeque<>();
    private final CountDownLatch shutdownRequested = new CountDownLatch(1);
    private volatile String dbSchemaVersion = "";
    private RunDirectoryLock lock;
    private PidFile pidFile;
    private boolean closed;

    /**
     * @param locations the directories to use
     * @param pidFile   the pid file to write once serving, if any
     */
    public Vswitchd(DaemonLocations locations, Optional<Path> pidFile) {
        this.locations = locations;
        this.pidFilePath = pidFile;
        this.appctl = new AppctlHandler(locations.socket().toString());
        commands.register("appctl", appctl);
        this.server = new ControlServer(locations.socket(), new ControlServiceAdapter(commands, this::versionReply));
    }

    /** The directories this daemon uses. */
    public DaemonLocations locations() {
        return locations;
    }

    /** Control-program handlers by program name; "appctl" is registered already. */
    public CommandRegistry commands() {
        return commands;
    }

    /** The {@code jvs-appctl} command table, for parts that add runtime commands. */
    public AppctlHandler appctl() {
        return appctl;
    }

    /** Serves another gRPC service on the control socket (the store's Config service, ...). */
    public void addService(BindableService service) {
        server.addService(service);
    }

    /** Sets the schema version {@code Version} reports (the config store knows it). */
    public void setDbSchemaVersion(String version) {
        this.dbSchemaVersion = version;
    }

    /** Adds a part to start after the ones already added; only before {@link #start}. */
    public synchronized void add(DaemonComponent component) {
        if (lock != null || closed) {
            throw new IllegalStateException("components are added before start");
        }
        components.add(component);
    }

    /**
     * Starts everything; returns once the control socket serves and the pid file is written.
     * On failure everything started so far is closed again.
     *
     * @throws AlreadyRunningException if another daemon owns the run directory
     * @throws Exception               what a component or the server failed with
     */
    public synchronized void start() throws Exception {
        if (lock != null || closed) {
            throw new IllegalStateException("start is called once");
        }
        Files.createDirectories(locations.runDir());
        Files.createDirectories(locations.dbDir());
        Files.createDirectories(locations.logDir());
        lock = RunDirectoryLock.acquire(locations.lockFile());
        try {
            for (DaemonComponent component : components) {
                LOG.info("starting {}", component.name());
                component.start(this);
                started.push(component);
            }
            server.start();
            if (pidFilePath.isPresent()) {
                pidFile = PidFile.write(pidFilePath.get());
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
        LOG.info("jvs-vswitchd {} serving on unix:{} (pid {})", DaemonVersion.VERSION, locations.socket(),
                ProcessHandle.current().pid());
    }

    /** Asks the thread in {@link #awaitShutdownRequest} to shut the daemon down. */
    public void requestShutdown() {
        shutdownRequested.countDown();
    }

    /** Blocks until {@link #requestShutdown} is called. */
    public void awaitShutdownRequest() throws InterruptedException {
        shutdownRequested.await();
    }

    /** Stops serving, closes the components in reverse order, removes the pid file, releases the lock. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        shutdownRequested.countDown();
        server.close();
        while (!started.isEmpty()) {
            DaemonComponent component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", component.name(), e);
            }
        }
        closeQuietly(pidFile);
        closeQuietly(lock);
        if (lock != null) {
            LOG.info("jvs-vswitchd stopped");
        }
    }

    private VersionReply versionReply() {
        return VersionReply.newBuilder().setVersion(DaemonVersion.VERSION).setDbSchemaVersion(dbSchemaVersion).build();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("cleanup failed: {}", e.toString());
        }
    }
}

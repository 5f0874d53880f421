package io.jvswitch.datapath.daemon;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.jsonrpc.CfgFollower;
import io.jvswitch.ovsdb.jsonrpc.OvsdbJsonRpcServer;
import io.jvswitch.ovsdb.jsonrpc.TlsConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OVSDB management protocol (RFC 7047) on the daemon's config store, so that stock {@code ovs-vsctl},
 * {@code ovsdb-client} and libvirt talk to jvswitch directly (issue 7). It opens no database of its own: it
 * serves the one its supplier returns at start (the config store component, added before it).
 *
 * <p>Sockets: always {@code $JVS_RUNDIR/db.sock}; each {@code --remote=punix:PATH}; each
 * {@code --remote=pssl:PORT[:IP]} (TLS, client certificates required; never plain TCP); and, unless
 * {@code --no-ovs-remote}, Open vSwitch's default {@code $OVS_RUNDIR/db.sock} ({@code /var/run/openvswitch}
 * when unset) — where libvirt's {@code ovs-vsctl} looks. When a live server (a real ovsdb-server) already answers
 * there, that one is left alone with a warning; a stale socket file is replaced. A failure on the run-directory
 * socket or an explicit remote aborts the start; on the default one it is only a warning.
 *
 * <p>{@code cur_cfg}: with {@link CfgAcknowledgement#STAND_IN} a {@link CfgFollower} raises {@code cur_cfg} to
 * {@code next_cfg} and fills in {@code ofport} after every commit, so waiting {@code ovs-vsctl} calls return.
 * Once the datapath applies configurations and acknowledges them itself, construct this component with
 * {@link CfgAcknowledgement#DATAPATH}.
 */
public final class OvsdbServerComponent implements DaemonComponent {
    /** Open vSwitch's run directory when {@code OVS_RUNDIR} is not set. */
    public static final String OVS_RUNDIR_DEFAULT = "/var/run/openvswitch";

    private static final Logger LOG = LoggerFactory.getLogger(OvsdbServerComponent.class);

    /** Who acknowledges applied configurations ({@code cur_cfg}, {@code ofport}). */
    public enum CfgAcknowledgement {
        /** No datapath does it: this component's {@link CfgFollower} acknowledges every commit at once. */
        STAND_IN,
        /** The datapath does it after really applying the configuration. */
        DATAPATH
    }

    private final Supplier<Database> database;
    private final List<Path> remotes;
    private final Path ovsDefaultSocket;
    private final CfgAcknowledgement acknowledgement;
    private final List<InetSocketAddress> sslRemotes;
    private final TlsConfig tls;
    private OvsdbJsonRpcServer server;
    private CfgFollower follower;

    /**
     * @param database        the open store at start time (e.g. {@code storeComponent::database})
     * @param remotes         extra socket paths ({@code --remote=punix:PATH})
     * @param ovsDefaultSocket Open vSwitch's default socket to serve too, or null ({@code --no-ovs-remote})
     * @param acknowledgement who raises {@code cur_cfg}
     */
    public OvsdbServerComponent(Supplier<Database> database, List<Path> remotes, Path ovsDefaultSocket,
            CfgAcknowledgement acknowledgement) {
        this(database, remotes, ovsDefaultSocket, acknowledgement, List.of(), null);
    }

    /**
     * Like the four-argument constructor, plus TLS remotes.
     *
     * @param sslRemotes addresses to serve with TLS ({@code --remote=pssl:PORT[:IP]})
     * @param tls        their key material; required when {@code sslRemotes} is not empty
     */
    public OvsdbServerComponent(Supplier<Database> database, List<Path> remotes, Path ovsDefaultSocket,
            CfgAcknowledgement acknowledgement, List<InetSocketAddress> sslRemotes, TlsConfig tls) {
        if (!sslRemotes.isEmpty() && tls == null) {
            throw new IllegalArgumentException("pssl: remotes need TLS key material");
        }
        this.database = database;
        this.remotes = List.copyOf(remotes);
        this.ovsDefaultSocket = ovsDefaultSocket;
        this.acknowledgement = acknowledgement;
        this.sslRemotes = List.copyOf(sslRemotes);
        this.tls = tls;
    }

    /** The component the command line asks for, with the stand-in acknowledger (no datapath plugged in). */
    public static OvsdbServerComponent fromOptions(Supplier<Database> database, DaemonOptions options,
            Map<String, String> env) {
        return fromOptions(database, options, env, CfgAcknowledgement.STAND_IN);
    }

    /** The component the command line asks for; {@code acknowledgement} says who raises {@code cur_cfg}. */
    public static OvsdbServerComponent fromOptions(Supplier<Database> database, DaemonOptions options,
            Map<String, String> env, CfgAcknowledgement acknowledgement) {
        return new OvsdbServerComponent(database, options.ovsdbRemotes(),
                options.ovsRemote() ? ovsDefaultSocket(env) : null, acknowledgement, options.sslRemotes(),
                options.tls().orElse(null));
    }

    /** {@code $OVS_RUNDIR/db.sock}, or {@code /var/run/openvswitch/db.sock}. */
    static Path ovsDefaultSocket(Map<String, String> env) {
        String dir = env.get("OVS_RUNDIR");
        return Path.of(dir == null || dir.isEmpty() ? OVS_RUNDIR_DEFAULT : dir, "db.sock");
    }

    @Override
    public String name() {
        return "OVSDB server";
    }

    @Override
    public void start(Vswitchd daemon) throws Exception {
        Database db = database.get();
        if (db == null) {
            throw new IllegalStateException("the OVSDB server needs the config store, which is not open");
        }
        server = new OvsdbJsonRpcServer(db);
        server.listen(daemon.locations().runDir().resolve("db.sock"));
        for (Path remote : remotes) {
            server.listen(remote);
        }
        for (InetSocketAddress address : sslRemotes) {
            server.listenTls(address, tls);
        }
        if (ovsDefaultSocket != null) {
            listenDefault(ovsDefaultSocket);
        }
        if (acknowledgement == CfgAcknowledgement.STAND_IN) {
            follower = CfgFollower.start(db);
        }
    }

    private void listenDefault(Path socket) {
        if (OvsdbJsonRpcServer.isServing(socket)) {
            LOG.warn("{}: another OVSDB server already answers there; leaving it alone (serving only {})", socket,
                    server.paths());
            return;
        }
        try {
            server.listen(socket);
        } catch (IOException e) {
            LOG.warn("cannot serve OVSDB at {}: {}", socket, VswitchdMain.describe(e));
        }
    }

    /** The sockets served (empty before start). */
    public List<Path> paths() {
        return server == null ? List.of() : server.paths();
    }

    @Override
    public void close() {
        if (follower != null) {
            follower.close();
            follower = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }
}

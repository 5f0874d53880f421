package io.jvswitch.datapath.daemon;

import io.jvswitch.ovsdb.jsonrpc.TlsConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@code jvs-vswitchd}, parsed: {@code --pidfile[=FILE]},
 * {@code --log-file[=FILE]}, {@code --detach}, {@code --version}, {@code --help}, and the OVSDB
 * endpoints {@code --remote=punix:PATH} / {@code --remote=pssl:PORT[:IP]} (repeatable),
 * {@code --no-ovs-remote} and the TLS files {@code --private-key}, {@code --certificate},
 * {@code --ca-cert}. A relative FILE or PATH is taken relative to the run directory (pid file, socket)
 * or the log directory (log file); key files relative to the working directory.
 *
 * @param pidFile the pid file to write, if asked for
 * @param logFile the log file to write, if asked for
 * @param detach  whether {@code --detach} was given (the launcher detaches; the JVM only notes it)
 * @param action  what to do: run, or print the version or the help and exit
 * @param ovsdbRemotes extra Unix sockets to serve the OVSDB protocol on ({@code --remote=punix:PATH})
 * @param ovsRemote whether to serve it at Open vSwitch's default socket too (not with {@code --no-ovs-remote})
 * @param sslRemotes TCP addresses to serve it on with TLS ({@code --remote=pssl:PORT[:IP]})
 * @param tls        the key material for {@code pssl:} remotes, when all three files were given
 */
public record DaemonOptions(Optional<Path> pidFile, Optional<Path> logFile, boolean detach, Action action,
        List<Path> ovsdbRemotes, boolean ovsRemote, List<InetSocketAddress> sslRemotes, Optional<TlsConfig> tls) {

    /** What the command line asks for. */
    public enum Action {
        /** Run the daemon. */
        RUN,
        /** Print the version and exit. */
        VERSION,
        /** Print the usage and exit. */
        HELP
    }

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException with a one-line message for an unknown option or argument
     */
    public static DaemonOptions parse(List<String> args, DaemonLocations locations) {
        Optional<Path> pidFile = Optional.empty();
        Optional<Path> logFile = Optional.empty();
        boolean detach = false;
        Action action = Action.RUN;
        List<Path> remotes = new ArrayList<>();
        boolean ovsRemote = true;
        List<InetSocketAddress> sslRemotes = new ArrayList<>();
        Path[] pki = new Path[3];
        for (String arg : args) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--pidfile" -> pidFile = Optional.of(value == null || value.isEmpty()
                        ? locations.defaultPidFile() : locations.runDir().resolve(value).normalize());
                case "--log-file" -> logFile = Optional.of(value == null || value.isEmpty()
                        ? locations.defaultLogFile() : locations.logDir().resolve(value).normalize());
                case "--detach" -> detach = noValue(arg, value, true);
                case "--remote" -> {
                    if (value != null && value.startsWith("pssl:")) {
                        sslRemotes.add(psslAddress(value));
                    } else {
                        remotes.add(locations.runDir().resolve(punixPath(value)).normalize());
                    }
                }
                case "--private-key" -> pki[0] = file(arg, value);
                case "--certificate" -> pki[1] = file(arg, value);
                case "--ca-cert" -> pki[2] = file(arg, value);
                case "--no-ovs-remote" -> ovsRemote = noValue(arg, value, false);
                case "--version", "-V" -> action = noValue(arg, value, Action.VERSION);
                case "--help", "-h" -> action = noValue(arg, value, Action.HELP);
                default -> throw new IllegalArgumentException(arg.startsWith("-")
                        ? "unrecognized option '" + arg + "'" : "unexpected argument '" + arg + "'");
            }
        }
        Optional<TlsConfig> tls = pki[0] != null && pki[1] != null && pki[2] != null
                ? Optional.of(new TlsConfig(pki[0], pki[1], pki[2])) : Optional.empty();
        if (!sslRemotes.isEmpty() && tls.isEmpty()) {
            throw new IllegalArgumentException("--remote=pssl: needs --private-key, --certificate and --ca-cert");
        }
        return new DaemonOptions(pidFile, logFile, detach, action, List.copyOf(remotes), ovsRemote,
                List.copyOf(sslRemotes), tls);
    }

    private static Path file(String arg, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("option '" + arg + "' requires an argument");
        }
        return Path.of(value).toAbsolutePath().normalize();
    }

    /** {@code pssl:PORT[:IP]} (IP default: every address, as ovsdb-server; an IPv6 literal may be in []). */
    private static InetSocketAddress psslAddress(String value) {
        String rest = value.substring("pssl:".length());
        int colon = rest.indexOf(':');
        String portText = colon < 0 ? rest : rest.substring(0, colon);
        String ip = colon < 0 ? "0.0.0.0" : rest.substring(colon + 1).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535 || !ip.matches("[0-9A-Fa-f.:]+")) {
            throw new IllegalArgumentException("--remote: bad pssl:PORT[:IP] '" + value + "'");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--remote: bad address in '" + value + "'");
        }
    }

    /** The PATH of {@code punix:PATH}: the only remote served (TCP would need pssl: with TLS). */
    private static String punixPath(String value) {
        if (value == null || !value.startsWith("punix:") || value.length() == "punix:".length()) {
            throw new IllegalArgumentException("--remote: only punix:PATH and pssl:PORT[:IP] are supported, not '"
                    + value + "'");
        }
        return value.substring("punix:".length());
    }

    private static <T> T noValue(String arg, String value, T result) {
        if (value != null) {
            throw new IllegalArgumentException("option '" + arg.substring(0, arg.indexOf('='))
                    + "' doesn't allow an argument");
        }
        return result;
    }

    /** The text of {@code --help}. */
    public static String usage(String program) {
        return program + ": jvswitch daemon (datapath, flow tables, configuration store, control socket)\n"
                + "usage: " + program + " [OPTIONS]\n"
                + "\nDaemon options:\n"
                + "  --detach                run in background (done by the bin/ launcher)\n"
                + "  --pidfile[=FILE]        create pidfile (default: $JVS_RUNDIR/jvs-vswitchd.pid)\n"
                + "\nOVSDB options:\n"
                + "  --remote=punix:PATH     also serve the OVSDB protocol at PATH ($JVS_RUNDIR/db.sock always)\n"
                + "  --remote=pssl:PORT[:IP] also serve it with TLS on TCP (client certificates required)\n"
                + "  --no-ovs-remote         not at $OVS_RUNDIR/db.sock (default /var/run/openvswitch/db.sock)\n"
                + "  --private-key=FILE      TLS: the server's private key (PEM)\n"
                + "  --certificate=FILE      TLS: the server's certificate (PEM)\n"
                + "  --ca-cert=FILE          TLS: the CA certificate clients must chain to (PEM)\n"
                + "\nLogging options:\n"
                + "  --log-file[=FILE]       log to FILE (default: $JVS_LOGDIR/jvs-vswitchd.log)\n"
                + "\nOther options:\n"
                + "  -h, --help              display this help message\n"
                + "  -V, --version           display version information\n"
                + "\nEnvironment: JVS_RUNDIR (default " + DaemonLocations.RUNDIR_DEFAULT + "), JVS_DBDIR (default "
                + DaemonLocations.DBDIR_DEFAULT + "), JVS_LOGDIR (default " + DaemonLocations.LOGDIR_DEFAULT + ")\n";
    }
}

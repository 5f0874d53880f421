package io.jvswitch.it.l2;

import io.jvswitch.it.support.Await;
import io.jvswitch.it.support.Cli;
import io.jvswitch.it.support.DaemonDirs;
import io.jvswitch.it.support.DaemonProcess;
import io.jvswitch.it.support.Exec;
import io.jvswitch.it.support.Netns;
import io.jvswitch.it.support.SystemAccess;
import io.jvswitch.it.support.TestNames;
import io.jvswitch.it.support.Veth;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A switch under test with its "hosts": a real daemon on fresh directories, bridges with unique names, and
 * hosts that are network namespaces attached to a bridge through a veth (the root end is the switch port,
 * the peer end is the host's interface with an address from 198.18.0.0/15). Everything is removed on close.
 */
public final class SwitchTopology implements AutoCloseable {
    /** How long forwarding may take to come up after a configuration change. */
    public static final Duration SETTLE = Duration.ofSeconds(15);

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final DaemonDirs dirs;
    private DaemonProcess daemon;
    private final int subnet = ThreadLocalRandom.current().nextInt(1, 250);

    /** A host: its namespace, the veth whose root end is the switch port, and its address. */
    public record Host(Netns netns, Veth veth, String ip) {
        /** The switch port's name (the root end of the veth). */
        public String port() {
            return veth.name();
        }

        /** The interface inside the namespace. */
        public String iface() {
            return veth.peer();
        }

        /** Runs a command inside the host. */
        public Exec.Result exec(String... command) {
            return netns.exec(command);
        }

        /** Whether {@code count} pings to {@code target} (0.2 s apart, 1 s timeout) all got answers. */
        public boolean ping(String target, int count, String... extra) {
            List<String> cmd = new ArrayList<>(List.of("ping", "-c", Integer.toString(count), "-i", "0.2", "-W", "1"));
            cmd.addAll(List.of(extra));
            cmd.add(target);
            return netns.exec(cmd.toArray(new String[0])).exitCode() == 0;
        }

        /** Whether a single ping to {@code target} gets no answer. */
        public boolean unreachable(String target) {
            return netns.exec("ping", "-c", "2", "-i", "0.2", "-W", "1", target).exitCode() != 0;
        }
    }

    private SwitchTopology(DaemonDirs dirs) {
        this.dirs = dirs;
    }

    /** Starts a daemon on fresh directories (skips the test without root). */
    public static SwitchTopology start() {
        SystemAccess.assumeNetworkAdmin();
        Netns.sweepStale();
        Veth.sweepStale();
        SwitchTopology t = new SwitchTopology(DaemonDirs.create());
        t.daemon = DaemonProcess.start(t.dirs);
        return t;
    }

    /** The daemon's clients. */
    public Cli cli() {
        return daemon.cli();
    }

    /** The daemon. */
    public DaemonProcess daemon() {
        return daemon;
    }

    /** Stops the daemon (SIGTERM) and starts a new one on the same directories and devices. */
    public void restartDaemon() {
        daemon.close();
        daemon = DaemonProcess.start(dirs);
    }

    /** An address of this topology's /24 (198.19.S.host), unique enough between parallel runs. */
    public String address(int host) {
        return "198.19." + subnet + "." + host;
    }

    /** Creates a bridge with a fresh name. */
    public String addBridge() {
        String name = TestNames.next('b');
        cli().vsctl("add-br", name).orFail();
        return name;
    }

    /** A namespace with a veth, not yet attached, with address {@code address(host)}/24. */
    public Host newHost(int host) {
        Netns ns = Netns.create();
        resources.push(ns);
        Veth veth = Veth.create();
        resources.push(veth);
        veth.movePeerTo(ns, address(host) + "/24");
        return new Host(ns, veth, address(host));
    }

    /** A host attached to {@code bridge}, with extra add-port arguments ({@code tag=10}). */
    public Host addHost(String bridge, int host, String... portColumns) {
        Host h = newHost(host);
        List<String> args = new ArrayList<>(List.of("add-port", bridge, h.port()));
        args.addAll(List.of(portColumns));
        cli().vsctl(args.toArray(new String[0])).orFail();
        return h;
    }

    /** Registers something to close with the topology. */
    public <T extends AutoCloseable> T own(T resource) {
        resources.push(resource);
        return resource;
    }

    /** Waits until {@code from} can ping {@code target}. */
    public void awaitPing(Host from, String target) {
        Await.until(SETTLE, () -> from.ping(target, 1), () -> from.netns().name() + " cannot ping " + target
                + "\n" + cli().appctl("dpif/show").stdout() + daemon.describe());
    }

    @Override
    public void close() {
        if (daemon != null) {
            daemon.close();
        }
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                System.err.println("cleanup: " + e);
            }
        }
        dirs.close();
    }
}

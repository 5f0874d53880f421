package io.jvswitch.it.support;

/**
 * A veth pair of the test's own ({@code ip link add A type veth peer name B}), both ends up,
 * deleted on close (deleting one end deletes both). Needs root.
 */
public final class Veth implements AutoCloseable {

    private final String name;
    private final String peer;

    private Veth(String name, String peer) {
        this.name = name;
        this.peer = peer;
    }

    /** Creates a pair with fresh names, both ends in the root namespace and up. */
    public static Veth create() {
        String name = TestNames.next('v');
        String peer = TestNames.next('v');
        Exec.run(Links.TIMEOUT, "ip", "link", "add", name, "type", "veth", "peer", "name", peer).orFail();
        Veth veth = new Veth(name, peer);
        Exec.run(Links.TIMEOUT, "ip", "link", "set", name, "up").orFail();
        Exec.run(Links.TIMEOUT, "ip", "link", "set", peer, "up").orFail();
        return veth;
    }

    /** The end that stays in the root namespace (the switch's port). */
    public String name() {
        return name;
    }

    /** The other end. */
    public String peer() {
        return peer;
    }

    /** Moves the peer end into {@code netns}, brings it up there and gives it {@code cidr} (198.18.0.0/15 only). */
    public void movePeerTo(Netns netns, String cidr) {
        Exec.run(Links.TIMEOUT, "ip", "link", "set", peer, "netns", netns.name()).orFail();
        netns.exec("ip", "link", "set", peer, "up").orFail();
        if (cidr != null) {
            netns.exec("ip", "addr", "add", cidr, "dev", peer).orFail();
        }
    }

    /** Deletes the pair. */
    @Override
    public void close() {
        Links.delete(name);
    }

    /** Deletes veths and taps that dead test runs left behind. */
    public static void sweepStale() {
        Links.sweepStale();
    }
}

package io.jvswitch.it.support;

/**
 * A persistent TAP device of the test's own ({@code ip tuntap add NAME mode tap}), like the
 * {@code vnetN} a hypervisor holds, deleted on close. Needs root and /dev/net/tun.
 */
public final class TapDevice implements AutoCloseable {

    private final String name;

    private TapDevice(String name) {
        this.name = name;
    }

    /** Creates a TAP device with a fresh name, up. */
    public static TapDevice create() {
        String name = TestNames.next('t');
        Exec.run(Links.TIMEOUT, "ip", "tuntap", "add", "dev", name, "mode", "tap").orFail();
        TapDevice tap = new TapDevice(name);
        Exec.run(Links.TIMEOUT, "ip", "link", "set", name, "up").orFail();
        return tap;
    }

    /** The device name. */
    public String name() {
        return name;
    }

    /** Deletes the device. */
    @Override
    public void close() {
        Exec.run(Links.TIMEOUT, "ip", "tuntap", "del", "dev", name, "mode", "tap");
    }
}

package io.jvswitch.datapath.linux;

/**
 * What {@link LinkMonitor} saw happen to a network device.
 *
 * @param kind     appeared, changed (flags, name or MTU) or vanished
 * @param ifindex  the kernel's interface index
 * @param name     the device name (the last known one for a vanished device)
 * @param adminUp  IFF_UP: set up by an administrator
 * @param carrier  IFF_RUNNING: the link has carrier (a veth whose peer is up, a TAP with an fd)
 */
public record LinkEvent(Kind kind, int ifindex, String name, boolean adminUp, boolean carrier) {

    /** What happened to the device. */
    public enum Kind {
        /** A device this monitor had not seen (also every device in the answer to a dump request). */
        APPEARED,
        /** A known device changed (flags, carrier, name, MTU...). */
        CHANGED,
        /** The device was deleted. */
        VANISHED
    }

    /** Whether the device is usable: present, administratively up, with carrier. */
    public boolean isUp() {
        return kind != Kind.VANISHED && adminUp && carrier;
    }
}

package io.jvswitch.datapath.stats;

/**
 * Why the datapath dropped a frame: each reason is its own counter (as Open vSwitch's
 * {@code datapath_drop_*} coverage counters), so a drop is never silent and never an exception.
 */
public enum DropReason {
    /** Too short or with inconsistent header lengths. */
    MALFORMED("malformed"),
    /** VLAN not allowed on the ingress port (tagged on an access port, VLAN not trunked). */
    VLAN_FILTERED("vlan filtered"),
    /** dec_ttl on a TTL of 1 or 0. */
    TTL_EXPIRED("ttl expired"),
    /** The actions produced no output (explicit drop, empty action list, learned on the ingress port). */
    NO_OUTPUT("no output"),
    /** The output port's transmit path refused the frame (device busy or down). */
    TX_FULL("tx full"),
    /** The output port does not exist (removed while frames were in flight). */
    NO_SUCH_PORT("no such port"),
    /** A frame too large for the output batch's slots, or a VLAN push without headroom. */
    TOO_LONG("too long"),
    /** Destination is a reserved multicast address (802.1D, e.g. STP BPDUs) that NORMAL never forwards. */
    RESERVED_MULTICAST("reserved multicast"),
    /** The frame matched no flow and the miss could not be handled. */
    NO_FLOW("no flow");

    private static final DropReason[] BY_ID = values();

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    /** Dense id: this reason's slot in {@link PmdStats}. */
    public int id() {
        return ordinal();
    }

    /** Human-readable label. */
    public String label() {
        return label;
    }

    /** The reason with the given id. */
    public static DropReason byId(int id) {
        return BY_ID[id];
    }

    /** Number of reasons. */
    public static int count() {
        return BY_ID.length;
    }
}

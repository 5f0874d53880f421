package io.jvswitch.datapath.sflow;

/**
 * The counters of one port at one moment, filled by a {@link CounterSource} for a counter sample.
 * A reusable scratch object owned by the agent thread. Every counter is {@link #UNKNOWN} until
 * set; unknown counters reach the collector as {@code 0xFFFFFFFF} (sFlow's "not available").
 */
public final class PortCounters {
    /** Value of a counter the port cannot provide. */
    public static final long UNKNOWN = -1;
    /** ifSpeed reported when the speed is unknown (what Open vSwitch reports: 100 Mb/s). */
    public static final long DEFAULT_SPEED = 100_000_000L;

    /** ifDirection: unknown. */
    public static final int DIRECTION_UNKNOWN = 0;
    /** ifDirection: full duplex. */
    public static final int DIRECTION_FULL_DUPLEX = 1;
    /** ifDirection: half duplex. */
    public static final int DIRECTION_HALF_DUPLEX = 2;

    /** The port's ifIndex (the counter sample's source id index). */
    public int ifIndex;
    /** Device name, for logs. */
    public String name = "";
    /** Speed in bits per second, or {@link #UNKNOWN}. */
    public long speed;
    /** ifDirection, one of the {@code DIRECTION_*} values. */
    public int direction;
    /** Administratively up. */
    public boolean adminUp;
    /** Operationally up (carrier). */
    public boolean operUp;
    /** Promiscuous mode. */
    public boolean promiscuous;

    /** Octets received. */
    public long rxOctets;
    /** Packets received (reported as ifInUcastPkts, as Open vSwitch does). */
    public long rxPackets;
    /** Multicast packets received. */
    public long rxMulticast;
    /** Broadcast packets received. */
    public long rxBroadcast;
    /** Received packets dropped. */
    public long rxDiscards;
    /** Receive errors. */
    public long rxErrors;
    /** Octets sent. */
    public long txOctets;
    /** Packets sent (reported as ifOutUcastPkts, as Open vSwitch does). */
    public long txPackets;
    /** Multicast packets sent. */
    public long txMulticast;
    /** Broadcast packets sent. */
    public long txBroadcast;
    /** Packets dropped on transmit. */
    public long txDiscards;
    /** Transmit errors. */
    public long txErrors;

    /** dot3StatsAlignmentErrors (frame errors). */
    public long alignmentErrors;
    /** dot3StatsFCSErrors (CRC errors). */
    public long fcsErrors;
    /** dot3StatsFrameTooLongs (length errors). */
    public long frameTooLongs;

    /** A scratch object with every counter unknown. */
    public PortCounters() {
        clear();
    }

    /** Forgets everything: counters unknown, port down, speed unknown. */
    public PortCounters clear() {
        ifIndex = 0;
        name = "";
        speed = UNKNOWN;
        direction = DIRECTION_UNKNOWN;
        adminUp = false;
        operUp = false;
        promiscuous = false;
        rxOctets = UNKNOWN;
        rxPackets = UNKNOWN;
        rxMulticast = UNKNOWN;
        rxBroadcast = UNKNOWN;
        rxDiscards = UNKNOWN;
        rxErrors = UNKNOWN;
        txOctets = UNKNOWN;
        txPackets = UNKNOWN;
        txMulticast = UNKNOWN;
        txBroadcast = UNKNOWN;
        txDiscards = UNKNOWN;
        txErrors = UNKNOWN;
        alignmentErrors = UNKNOWN;
        fcsErrors = UNKNOWN;
        frameTooLongs = UNKNOWN;
        return this;
    }

    /** ifStatus as sFlow encodes it: bit 0 admin up, bit 1 oper up. */
    public int ifStatus() {
        return (adminUp ? 1 : 0) | (operUp ? 2 : 0);
    }
}

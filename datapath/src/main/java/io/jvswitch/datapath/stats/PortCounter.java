package io.jvswitch.datapath.stats;

/**
 * Counters kept per datapath port (per PMD, summed on read): the keys of the Interface
 * {@code statistics} column and of {@code jvs-ofctl dump-ports}.
 */
public enum PortCounter {
    /** Frames received on the port. */
    RX_PACKETS,
    /** Bytes received on the port. */
    RX_BYTES,
    /** Frames received on the port and dropped by the datapath (malformed, VLAN filtered...). */
    RX_DROPPED,
    /** Receive errors. */
    RX_ERRORS,
    /** Frames handed to the port's device and accepted by it. */
    TX_PACKETS,
    /** Bytes handed to the port's device and accepted by it. */
    TX_BYTES,
    /** Frames meant for the port but dropped (batch full, device refused). */
    TX_DROPPED,
    /** Transmit errors. */
    TX_ERRORS;

    private static final PortCounter[] BY_ID = values();

    /** Dense id: the counter's position within a port's block in {@link PmdStats}. */
    public int id() {
        return ordinal();
    }

    /** The counter with the given id. */
    public static PortCounter byId(int id) {
        return BY_ID[id];
    }

    /** Number of per-port counters. */
    public static int count() {
        return BY_ID.length;
    }
}

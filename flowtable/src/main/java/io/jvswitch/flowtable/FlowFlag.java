package io.jvswitch.flowtable;

/** Flow flags of a flow mod, as ovs-ofctl spells them (printed in this order in dump-flows). */
public enum FlowFlag {
    /** Send a flow-removed message when the flow expires or is deleted. */
    SEND_FLOW_REM("send_flow_rem"),
    /** Refuse an ADD that overlaps an existing flow of the same priority. */
    CHECK_OVERLAP("check_overlap"),
    /** Reset the counters of a flow that a MODIFY (or replacing ADD) changes. */
    RESET_COUNTS("reset_counts"),
    /** Do not count packets (the datapath may skip the work). */
    NO_PACKET_COUNTS("no_packet_counts"),
    /** Do not count bytes (the datapath may skip the work). */
    NO_BYTE_COUNTS("no_byte_counts");

    private final String ovsName;

    FlowFlag(String ovsName) {
        this.ovsName = ovsName;
    }

    /** The ovs-ofctl keyword. */
    public String ovsName() {
        return ovsName;
    }
}

package io.jvswitch.datapath.normal;

import java.util.List;
import java.util.function.IntFunction;

import io.jvswitch.datapath.packet.MacAddresses;

/**
 * Formats a MAC table dump the way {@code ovs-appctl fdb/show BR} prints it (Open vSwitch 3.1,
 * checked against a live instance):
 *
 * <pre>
 *  port  VLAN  MAC                Age
 *     1     1  00:00:00:00:00:aa    0
 *  LOCAL    10  02:00:00:00:00:01  123
 * </pre>
 */
public final class FdbFormatter {
    /** The header line, without its newline. */
    public static final String HEADER = " port  VLAN  MAC                Age";

    private FdbFormatter() {
    }

    /**
     * The whole output for {@code entries} (as {@link MacLearningTable#dump} returns them), with
     * {@code portName} turning a datapath port index into what OVS prints (the OpenFlow port
     * number, or {@code LOCAL}).
     */
    public static String format(List<MacLearningTable.MacEntry> entries, IntFunction<String> portName) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (MacLearningTable.MacEntry e : entries) {
            sb.append(String.format("%5s  %4d  %s  %3d", portName.apply(e.port()), e.vlan(),
                MacAddresses.format(e.mac()), e.ageSeconds())).append('\n');
        }
        return sb.toString();
    }
}

package io.jvswitch.datapath.sflow;

/**
 * sFlow's compact interface encoding of a flow sample's {@code input} and {@code output}: the top
 * two bits say what the low 30 bits mean (sFlow v5 §5.4, and how Open vSwitch fills it).
 *
 * <ul>
 *   <li>format 0: a single ifIndex (0 = unknown or none);</li>
 *   <li>format 1 ({@code 0x40000000 | reason}): the packet was dropped;</li>
 *   <li>format 2 ({@code 0x80000000 | n}): the packet went to {@code n} ports (Open vSwitch also
 *       uses n = 1 when the single output port has no ifIndex).</li>
 * </ul>
 */
public final class SflowInterfaces {
    /** Input or output not known. */
    public static final int UNKNOWN = 0;
    /**
     * Output of a packet dropped for an unknown reason ({@code 0x40000000 | 256}): Open vSwitch's
     * choice when nothing was output.
     */
    public static final int DISCARDED_UNKNOWN_REASON = 0x4000_0000 | 256;

    private static final int VALUE_MASK = 0x3FFF_FFFF;

    private SflowInterfaces() {
    }

    /** A single output port by its ifIndex. */
    public static int single(int ifIndex) {
        return ifIndex & VALUE_MASK;
    }

    /** Output to {@code count} ports (flood, several outputs, or one port without an ifIndex). */
    public static int multiple(int count) {
        return 0x8000_0000 | (count & VALUE_MASK);
    }

    /** The packet was dropped; {@code reason} per sFlow (256 = unknown, 0-255 ICMP unreachable codes). */
    public static int discarded(int reason) {
        return 0x4000_0000 | (reason & VALUE_MASK);
    }

    /**
     * The output encoding for a packet sent to {@code count} ports, the only one of which (when
     * {@code count == 1}) has {@code singleIfIndex}; the rule Open vSwitch follows.
     */
    public static int forOutputs(int count, int singleIfIndex) {
        if (count == 0) {
            return DISCARDED_UNKNOWN_REASON;
        }
        if (count == 1 && singleIfIndex > 0) {
            return single(singleIfIndex);
        }
        return multiple(count);
    }
}

package io.jvswitch.flowtable;

/**
 * OpenFlow 1.0 port numbers (16 bits): physical ports are 1..0xfeff, reserved ports sit at the top.
 *
 * <p>Port numbers are plain {@code int}s everywhere in this module (matches, actions, flow mods) so the
 * hot path never boxes them; this class only names the reserved values and offers predicates.
 */
public final class OfPort {
    /** Highest number a physical (switch) port may have, {@code OFPP_MAX - 1}. */
    public static final int MAX_PHYSICAL = 0xfeff;
    /** {@code OFPP_MAX}: first number of the reserved range. */
    public static final int MAX = 0xff00;
    /** The port the packet arrived on ({@code IN_PORT}). */
    public static final int IN_PORT = 0xfff8;
    /** Submit the packet to the first flow table ({@code TABLE}, packet-out only). */
    public static final int TABLE = 0xfff9;
    /** Traditional L2 learning switch processing ({@code NORMAL}). */
    public static final int NORMAL = 0xfffa;
    /** Every port except the input port and ports with flooding disabled ({@code FLOOD}). */
    public static final int FLOOD = 0xfffb;
    /** Every port except the input port ({@code ALL}). */
    public static final int ALL = 0xfffc;
    /** Send to the controller ({@code CONTROLLER}). */
    public static final int CONTROLLER = 0xfffd;
    /** The bridge's internal port ({@code LOCAL}, 65534). */
    public static final int LOCAL = 0xfffe;
    /** No port; in flow mods {@code out_port=NONE} means "no filter" ({@code NONE}). */
    public static final int NONE = 0xffff;

    private OfPort() {
    }

    /** True for the numbers a real port may carry (1..0xfeff). */
    public static boolean isPhysical(int port) {
        return port >= 1 && port <= MAX_PHYSICAL;
    }

    /** True for the reserved numbers 0xff00..0xffff. */
    public static boolean isReserved(int port) {
        return port >= MAX && port <= NONE;
    }

    /**
     * The upper-case Open vSwitch name of a reserved port ({@code "LOCAL"}, {@code "NORMAL"}, ...), or
     * {@code null} when the number has no name.
     */
    public static String reservedName(int port) {
        switch (port) {
            case IN_PORT:
                return "IN_PORT";
            case TABLE:
                return "TABLE";
            case NORMAL:
                return "NORMAL";
            case FLOOD:
                return "FLOOD";
            case ALL:
                return "ALL";
            case CONTROLLER:
                return "CONTROLLER";
            case LOCAL:
                return "LOCAL";
            case NONE:
                return "NONE";
            default:
                return null;
        }
    }

    /**
     * The number of a reserved port name (case-insensitive, also {@code ANY} for {@code NONE} as
     * ovs-ofctl accepts), or -1 when the name is not a reserved port.
     */
    public static int reservedNumber(String name) {
        switch (name.toUpperCase(java.util.Locale.ROOT)) {
            case "IN_PORT":
                return IN_PORT;
            case "TABLE":
                return TABLE;
            case "NORMAL":
                return NORMAL;
            case "FLOOD":
                return FLOOD;
            case "ALL":
                return ALL;
            case "CONTROLLER":
                return CONTROLLER;
            case "LOCAL":
                return LOCAL;
            case "NONE":
            case "ANY":
                return NONE;
            default:
                return -1;
        }
    }
}

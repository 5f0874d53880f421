package io.jvswitch.flowtable.action;

import io.jvswitch.flowtable.OfPort;
import io.jvswitch.flowtable.match.MatchField;

/**
 * One OpenFlow action (SPEC §4), named after its ovs-ofctl word. Actions are immutable values built by the
 * text layer or the control plane and executed later by the datapath (which switches over the sealed
 * hierarchy once, when it compiles an {@link ActionList}).
 *
 * <p>Value conventions: MAC addresses are the low 48 bits of a {@code long}; IPv4 addresses are
 * {@code int}s in network order (most significant byte first); ports are OpenFlow numbers
 * ({@link OfPort}). Compact constructors validate ranges and throw {@link IllegalArgumentException} with
 * a message naming the action, so an invalid action can never be built.
 *
 * <p>"drop" is not an action: it is the empty {@link ActionList} ({@link ActionList#DROP}).
 */
public sealed interface Action {

    /**
     * The action that outputs to OpenFlow port {@code port}: {@link Output} for a physical port, the
     * dedicated record for a reserved one ({@code output:NORMAL} is {@link Normal}, {@code output:65533} is
     * {@code Controller(65535)}, ...).
     *
     * @throws IllegalArgumentException for 0, TABLE, NONE and unnamed reserved numbers
     */
    static Action output(int port) {
        switch (port) {
            case OfPort.IN_PORT:
                return InPort.INSTANCE;
            case OfPort.NORMAL:
                return Normal.INSTANCE;
            case OfPort.FLOOD:
                return Flood.INSTANCE;
            case OfPort.ALL:
                return All.INSTANCE;
            case OfPort.CONTROLLER:
                return new Controller(Controller.DEFAULT_MAX_LEN);
            case OfPort.LOCAL:
                return Local.INSTANCE;
            default:
                return new Output(port);
        }
    }

    /** The port this action outputs to ({@link OfPort}), or {@link OfPort#NONE} when it outputs nowhere. */
    default int outputPort() {
        return OfPort.NONE;
    }

    /** {@code output:N}: send to one physical port (1..0xfeff). */
    record Output(int port) implements Action {
        /** Validates the port. */
        public Output {
            if (!OfPort.isPhysical(port)) {
                throw new IllegalArgumentException("output: invalid port " + port
                        + " (1..65279; use the reserved-port actions for the others)");
            }
        }

        @Override
        public int outputPort() {
            return port;
        }
    }

    /** {@code NORMAL}: the traditional learning switch. */
    record Normal() implements Action {
        /** The shared instance. */
        public static final Normal INSTANCE = new Normal();

        @Override
        public int outputPort() {
            return OfPort.NORMAL;
        }
    }

    /** {@code FLOOD}: every port but the ingress port (and ports with flooding disabled). */
    record Flood() implements Action {
        /** The shared instance. */
        public static final Flood INSTANCE = new Flood();

        @Override
        public int outputPort() {
            return OfPort.FLOOD;
        }
    }

    /** {@code ALL}: every port but the ingress port. */
    record All() implements Action {
        /** The shared instance. */
        public static final All INSTANCE = new All();

        @Override
        public int outputPort() {
            return OfPort.ALL;
        }
    }

    /** {@code IN_PORT}: back out the ingress port. */
    record InPort() implements Action {
        /** The shared instance. */
        public static final InPort INSTANCE = new InPort();

        @Override
        public int outputPort() {
            return OfPort.IN_PORT;
        }
    }

    /** {@code LOCAL}: to the bridge's internal port. */
    record Local() implements Action {
        /** The shared instance. */
        public static final Local INSTANCE = new Local();

        @Override
        public int outputPort() {
            return OfPort.LOCAL;
        }
    }

    /** {@code controller[:maxLen]}: a packet-in carrying at most {@code maxLen} bytes (0..65535). */
    record Controller(int maxLen) implements Action {
        /** Open vSwitch's default and the value printed for plain {@code controller}. */
        public static final int DEFAULT_MAX_LEN = 65535;

        /** Validates the length. */
        public Controller {
            checkRange("controller", maxLen, 0, 0xffff);
        }

        @Override
        public int outputPort() {
            return OfPort.CONTROLLER;
        }
    }

    /** {@code mod_dl_src:MAC}. */
    record ModDlSrc(long mac) implements Action {
        /** Validates the address. */
        public ModDlSrc {
            checkMac("mod_dl_src", mac);
        }
    }

    /** {@code mod_dl_dst:MAC}. */
    record ModDlDst(long mac) implements Action {
        /** Validates the address. */
        public ModDlDst {
            checkMac("mod_dl_dst", mac);
        }
    }

    /** {@code mod_vlan_vid:VID} (0..4095); pushes an 802.1Q tag when the frame has none. */
    record ModVlanVid(int vid) implements Action {
        /** Validates the VLAN id. */
        public ModVlanVid {
            checkRange("mod_vlan_vid", vid, 0, 4095);
        }
    }

    /** {@code mod_vlan_pcp:P} (0..7); pushes an 802.1Q tag when the frame has none. */
    record ModVlanPcp(int pcp) implements Action {
        /** Validates the priority. */
        public ModVlanPcp {
            checkRange("mod_vlan_pcp", pcp, 0, 7);
        }
    }

    /** {@code strip_vlan}: remove the outermost 802.1Q tag (OpenFlow 1.0 spelling). */
    record StripVlan() implements Action {
        /** The shared instance. */
        public static final StripVlan INSTANCE = new StripVlan();
    }

    /** {@code pop_vlan}: the same as {@link StripVlan}, kept apart so it prints as typed (OpenFlow 1.1+). */
    record PopVlan() implements Action {
        /** The shared instance. */
        public static final PopVlan INSTANCE = new PopVlan();
    }

    /** {@code push_vlan:ETHERTYPE}: push a new outer tag with TPID 0x8100 or 0x88a8. */
    record PushVlan(int ethertype) implements Action {
        /** Validates the TPID. */
        public PushVlan {
            if (ethertype != 0x8100 && ethertype != 0x88a8) {
                throw new IllegalArgumentException("push_vlan: ethertype must be 0x8100 or 0x88a8, not 0x"
                        + Integer.toHexString(ethertype));
            }
        }
    }

    /** {@code mod_nw_src:IP}: rewrite the IPv4 source (checksums fixed up). */
    record ModNwSrc(int addr) implements Action {
    }

    /** {@code mod_nw_dst:IP}: rewrite the IPv4 destination (checksums fixed up). */
    record ModNwDst(int addr) implements Action {
    }

    /** {@code mod_nw_tos:TOS}: rewrite the DSCP bits; the value is a TOS byte with the ECN bits zero (0..252). */
    record ModNwTos(int tos) implements Action {
        /** Validates the TOS value. */
        public ModNwTos {
            checkRange("mod_nw_tos", tos, 0, 255);
            if ((tos & 3) != 0) {
                throw new IllegalArgumentException("mod_nw_tos: " + tos + " has ECN bits set (use a multiple of 4)");
            }
        }
    }

    /** {@code mod_tp_src:PORT}: rewrite the TCP/UDP/SCTP source port. */
    record ModTpSrc(int port) implements Action {
        /** Validates the port. */
        public ModTpSrc {
            checkRange("mod_tp_src", port, 0, 0xffff);
        }
    }

    /** {@code mod_tp_dst:PORT}: rewrite the TCP/UDP/SCTP destination port. */
    record ModTpDst(int port) implements Action {
        /** Validates the port. */
        public ModTpDst {
            checkRange("mod_tp_dst", port, 0, 0xffff);
        }
    }

    /** {@code dec_ttl}: decrement the IPv4 TTL / IPv6 hop limit; a packet reaching 0 is dropped. */
    record DecTtl() implements Action {
        /** The shared instance. */
        public static final DecTtl INSTANCE = new DecTtl();
    }

    /**
     * {@code set_field:VALUE->FIELD}: write a header field. For fields up to 64 bits the value is {@code low}
     * (in the field's units, see {@link MatchField}) and {@code high} is 0; 128-bit fields use both.
     */
    record SetField(MatchField field, long high, long low) implements Action {
        /** Validates that the value fits the field. */
        public SetField {
            if (field == null) {
                throw new IllegalArgumentException("set_field: missing field");
            }
            if (!field.is128()) {
                if (high != 0 || (field.bitWidth() < 64 && Long.compareUnsigned(low, field.maxValue()) > 0)) {
                    throw new IllegalArgumentException("set_field: value out of range for " + field.ovsName());
                }
            }
        }

        /** A set_field of a field of at most 64 bits. */
        public static SetField of(MatchField field, long value) {
            return new SetField(field, 0, value);
        }
    }

    /**
     * {@code resubmit(PORT,TABLE)}: look the packet up again, as if it arrived on {@code port}
     * ({@link OfPort#IN_PORT} = its real ingress port), in {@code table} ({@link #CURRENT_TABLE} = the
     * current one). {@code resubmit:2} is (2, 255); {@code resubmit(,1)} is (IN_PORT, 1).
     */
    record Resubmit(int port, int table) implements Action {
        /** Table number meaning "the table being executed". */
        public static final int CURRENT_TABLE = 255;

        /** Validates port and table. */
        public Resubmit {
            checkRange("resubmit", port, 0, 0xffff);
            checkRange("resubmit", table, 0, 255);
        }
    }

    /** {@code goto_table:N}: continue in table N (0..254), which must come after the current one. */
    record GotoTable(int table) implements Action {
        /** Validates the table. */
        public GotoTable {
            checkRange("goto_table", table, 0, 254);
        }
    }

    private static void checkRange(String action, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(action + ": value " + v + " out of range (" + min + ".." + max + ")");
        }
    }

    private static void checkMac(String action, long mac) {
        if ((mac & ~0xffffffffffffL) != 0) {
            throw new IllegalArgumentException(action + ": not a 48-bit MAC address");
        }
    }
}

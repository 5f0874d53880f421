package io.jvswitch.datapath.exec;

import java.util.Arrays;

/**
 * A flow's actions compiled to a flat {@code long[]} of opcodes and operands, executed by
 * {@link ActionExecutor} without any object per action (the datapath form of an OpenFlow action
 * list, in the spirit of Open vSwitch's {@code OVS_ACTION_ATTR_*} netlink attributes).
 *
 * <pre>
 *  ops: | opcode | operand* | opcode | operand* | ...      (operand count fixed per opcode)
 * </pre>
 *
 * Built with {@link #builder()}; immutable once built, so it can be shared by PMDs and cached
 * with a flow. {@code resubmit}/{@code goto_table} are not opcodes: the pipeline resolves them
 * against the classifier before compiling (or executes programs table by table).
 */
public final class ActionProgram {
    /** output:PORT (operand: datapath port index). Skipped when PORT is the input port, as OpenFlow says. */
    public static final int OP_OUTPUT = 1;
    /** in_port: output back to the input port. */
    public static final int OP_IN_PORT = 2;
    /** flood: every bridge port except the input port. */
    public static final int OP_FLOOD = 3;
    /** all: every bridge port except the input port. */
    public static final int OP_ALL = 4;
    /** local: the bridge's internal port. */
    public static final int OP_LOCAL = 5;
    /** normal: the learning switch. */
    public static final int OP_NORMAL = 6;
    /** controller (operand: max bytes to send). */
    public static final int OP_CONTROLLER = 7;
    /** mod_dl_src (operand: MAC). */
    public static final int OP_SET_ETH_SRC = 10;
    /** mod_dl_dst (operand: MAC). */
    public static final int OP_SET_ETH_DST = 11;
    /** push_vlan (operand: TPID); the new tag copies the outer tag's TCI, or 0. */
    public static final int OP_PUSH_VLAN = 12;
    /** strip_vlan / pop_vlan. */
    public static final int OP_POP_VLAN = 13;
    /** mod_vlan_vid (operand: VID); pushes a tag if none. */
    public static final int OP_MOD_VLAN_VID = 14;
    /** mod_vlan_pcp (operand: PCP); pushes a tag if none. */
    public static final int OP_MOD_VLAN_PCP = 15;
    /** mod_nw_src (operand: IPv4 address). */
    public static final int OP_SET_NW_SRC = 20;
    /** mod_nw_dst (operand: IPv4 address). */
    public static final int OP_SET_NW_DST = 21;
    /** mod_nw_tos (operand: ToS byte with DSCP in its upper 6 bits). */
    public static final int OP_SET_NW_TOS = 22;
    /** set_field:N-&gt;nw_ttl (operand: TTL). */
    public static final int OP_SET_NW_TTL = 23;
    /** dec_ttl: drops the frame when the TTL would reach 0. */
    public static final int OP_DEC_TTL = 24;
    /** set_field:ADDR-&gt;ipv6_src (operands: high and low 64 bits, big-endian). */
    public static final int OP_SET_IPV6_SRC = 25;
    /** set_field:ADDR-&gt;ipv6_dst (operands: high and low 64 bits, big-endian). */
    public static final int OP_SET_IPV6_DST = 26;
    /** mod_tp_src (operand: port). */
    public static final int OP_SET_TP_SRC = 30;
    /** mod_tp_dst (operand: port). */
    public static final int OP_SET_TP_DST = 31;

    /** The empty program: drop. */
    public static final ActionProgram DROP = new ActionProgram(new long[0]);

    private final long[] ops;

    private ActionProgram(long[] ops) {
        this.ops = ops;
    }

    /** Number of operands that follow {@code opcode}. */
    public static int operandCount(int opcode) {
        switch (opcode) {
            case OP_IN_PORT:
            case OP_FLOOD:
            case OP_ALL:
            case OP_LOCAL:
            case OP_NORMAL:
            case OP_POP_VLAN:
            case OP_DEC_TTL:
                return 0;
            case OP_OUTPUT:
            case OP_CONTROLLER:
            case OP_SET_ETH_SRC:
            case OP_SET_ETH_DST:
            case OP_PUSH_VLAN:
            case OP_MOD_VLAN_VID:
            case OP_MOD_VLAN_PCP:
            case OP_SET_NW_SRC:
            case OP_SET_NW_DST:
            case OP_SET_NW_TOS:
            case OP_SET_NW_TTL:
            case OP_SET_TP_SRC:
            case OP_SET_TP_DST:
                return 1;
            case OP_SET_IPV6_SRC:
            case OP_SET_IPV6_DST:
                return 2;
            default:
                throw new IllegalArgumentException("unknown opcode " + opcode);
        }
    }

    /** Length of the program in words. */
    public int length() {
        return ops.length;
    }

    /** Word {@code index} of the program. */
    public long word(int index) {
        return ops[index];
    }

    /** Whether the program does nothing (drops every frame). */
    public boolean isEmpty() {
        return ops.length == 0;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActionProgram && Arrays.equals(((ActionProgram) o).ops, ops);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ops);
    }

    @Override
    public String toString() {
        return "ActionProgram" + Arrays.toString(ops);
    }

    /** Appends opcodes; control-plane only (allocates). */
    public static final class Builder {
        private long[] ops = new long[8];
        private int length;

        /** Appends an opcode without operands. */
        public Builder op(int opcode) {
            if (operandCount(opcode) != 0) {
                throw new IllegalArgumentException("opcode " + opcode + " needs an operand");
            }
            put(opcode);
            return this;
        }

        /** Appends an opcode with its operand. */
        public Builder op(int opcode, long operand) {
            if (operandCount(opcode) != 1) {
                throw new IllegalArgumentException("opcode " + opcode + " does not take one operand");
            }
            put(opcode);
            put(operand);
            return this;
        }

        private void put(long word) {
            if (length == ops.length) {
                ops = Arrays.copyOf(ops, length * 2);
            }
            ops[length++] = word;
        }

        /** Appends an opcode with two operands. */
        public Builder op(int opcode, long first, long second) {
            if (operandCount(opcode) != 2) {
                throw new IllegalArgumentException("opcode " + opcode + " does not take two operands");
            }
            put(opcode);
            put(first);
            put(second);
            return this;
        }

        /** The program. */
        public ActionProgram build() {
            return length == 0 ? DROP : new ActionProgram(Arrays.copyOf(ops, length));
        }
    }
}

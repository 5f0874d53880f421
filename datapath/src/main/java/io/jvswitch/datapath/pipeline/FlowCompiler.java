package io.jvswitch.datapath.pipeline;

import io.jvswitch.datapath.exec.ActionProgram;
import io.jvswitch.flowtable.FlowEntry;
import io.jvswitch.flowtable.OfPort;
import io.jvswitch.flowtable.action.Action;
import io.jvswitch.flowtable.action.ActionList;
import io.jvswitch.flowtable.classifier.ClassifierVersion;
import io.jvswitch.flowtable.classifier.LookupScratch;
import io.jvswitch.flowtable.match.FlowKey;
import io.jvswitch.flowtable.match.MatchField;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Turns the flow a packet matched into a {@link CompiledFlow}: looks the key up in table 0, compiles the
 * winning flow's actions into {@link ActionProgram} opcodes with OpenFlow port numbers mapped to datapath
 * port indices, and follows {@code resubmit}/{@code goto_table} by looking the same key up in the named
 * table and inlining that flow's actions.
 *
 * <p>Resubmit looks up the key as the packet arrived (header rewrites made by earlier actions are not
 * reflected in the key), which is exact for the common "classify in table 0, act in table N" pipelines.
 * Recursion is bounded by {@link #MAX_DEPTH}, as Open vSwitch bounds resubmit depth.
 *
 * <p>Threading: used on the PMD thread on cache misses (and by {@code ofproto/trace} on control threads
 * with its own scratch); allocates, which is fine off the hit path.
 */
public final class FlowCompiler {
    /** Deepest chain of resubmits followed. */
    public static final int MAX_DEPTH = 64;

    private final IntUnaryOperator dpPortOfOfport;

    /**
     * @param dpPortOfOfport maps an OpenFlow port number of the bridge to a datapath port index, or -1
     */
    public FlowCompiler(IntUnaryOperator dpPortOfOfport) {
        this.dpPortOfOfport = dpPortOfOfport;
    }

    /**
     * Looks {@code key} up starting in table 0 of {@code version} and compiles the result; the consulted
     * masks accumulate in {@code scratch} (reset by the caller).
     */
    public CompiledFlow compile(ClassifierVersion<FlowEntry> version, FlowKey key, LookupScratch scratch) {
        List<FlowEntry> entries = new ArrayList<>(2);
        ActionProgram.Builder program = ActionProgram.builder();
        inline(version, 0, key, scratch, entries, program, 0);
        if (entries.isEmpty()) {
            return CompiledFlow.MISS;
        }
        return new CompiledFlow(entries.toArray(new FlowEntry[0]), program.build());
    }

    private void inline(ClassifierVersion<FlowEntry> version, int table, FlowKey key, LookupScratch scratch,
        List<FlowEntry> entries, ActionProgram.Builder program, int depth) {
        FlowEntry entry = version.lookup(table, key, scratch);
        if (entry == null) {
            return;
        }
        entries.add(entry);
        ActionList actions = entry.actions();
        for (int k = 0; k < actions.size(); k++) {
            Action action = actions.get(k);
            if (action instanceof Action.Resubmit r) {
                if (depth < MAX_DEPTH) {
                    int next = r.table() == Action.Resubmit.CURRENT_TABLE ? table : r.table();
                    inline(version, next, key, scratch, entries, program, depth + 1);
                }
            } else if (action instanceof Action.GotoTable g) {
                if (depth < MAX_DEPTH) {
                    inline(version, g.table(), key, scratch, entries, program, depth + 1);
                }
                return;
            } else {
                append(action, program);
            }
        }
    }

    /** Appends the opcodes of one non-table action. */
    void append(Action action, ActionProgram.Builder p) {
        if (action instanceof Action.Output o) {
            appendOutput(o.port(), p);
        } else if (action instanceof Action.Normal) {
            p.op(ActionProgram.OP_NORMAL);
        } else if (action instanceof Action.Flood) {
            p.op(ActionProgram.OP_FLOOD);
        } else if (action instanceof Action.All) {
            p.op(ActionProgram.OP_ALL);
        } else if (action instanceof Action.InPort) {
            p.op(ActionProgram.OP_IN_PORT);
        } else if (action instanceof Action.Local) {
            p.op(ActionProgram.OP_LOCAL);
        } else if (action instanceof Action.Controller c) {
            p.op(ActionProgram.OP_CONTROLLER, c.maxLen());
        } else if (action instanceof Action.ModDlSrc m) {
            p.op(ActionProgram.OP_SET_ETH_SRC, m.mac());
        } else if (action instanceof Action.ModDlDst m) {
            p.op(ActionProgram.OP_SET_ETH_DST, m.mac());
        } else if (action instanceof Action.ModVlanVid m) {
            p.op(ActionProgram.OP_MOD_VLAN_VID, m.vid());
        } else if (action instanceof Action.ModVlanPcp m) {
            p.op(ActionProgram.OP_MOD_VLAN_PCP, m.pcp());
        } else if (action instanceof Action.StripVlan || action instanceof Action.PopVlan) {
            p.op(ActionProgram.OP_POP_VLAN);
        } else if (action instanceof Action.PushVlan m) {
            p.op(ActionProgram.OP_PUSH_VLAN, m.ethertype());
        } else if (action instanceof Action.ModNwSrc m) {
            p.op(ActionProgram.OP_SET_NW_SRC, m.addr() & 0xffffffffL);
        } else if (action instanceof Action.ModNwDst m) {
            p.op(ActionProgram.OP_SET_NW_DST, m.addr() & 0xffffffffL);
        } else if (action instanceof Action.ModNwTos m) {
            p.op(ActionProgram.OP_SET_NW_TOS, m.tos());
        } else if (action instanceof Action.ModTpSrc m) {
            p.op(ActionProgram.OP_SET_TP_SRC, m.port());
        } else if (action instanceof Action.ModTpDst m) {
            p.op(ActionProgram.OP_SET_TP_DST, m.port());
        } else if (action instanceof Action.DecTtl) {
            p.op(ActionProgram.OP_DEC_TTL);
        } else if (action instanceof Action.SetField s) {
            appendSetField(s, p);
        }
        // Resubmit and GotoTable are handled by inline(); nothing else exists.
    }

    private void appendOutput(int port, ActionProgram.Builder p) {
        switch (port) {
            case OfPort.IN_PORT -> p.op(ActionProgram.OP_IN_PORT);
            case OfPort.NORMAL -> p.op(ActionProgram.OP_NORMAL);
            case OfPort.FLOOD -> p.op(ActionProgram.OP_FLOOD);
            case OfPort.ALL -> p.op(ActionProgram.OP_ALL);
            case OfPort.LOCAL -> p.op(ActionProgram.OP_LOCAL);
            case OfPort.CONTROLLER -> p.op(ActionProgram.OP_CONTROLLER, Action.Controller.DEFAULT_MAX_LEN);
            default -> {
                int dp = dpPortOfOfport.applyAsInt(port);
                if (dp >= 0) {
                    p.op(ActionProgram.OP_OUTPUT, dp);
                }
            }
        }
    }

    private static void appendSetField(Action.SetField s, ActionProgram.Builder p) {
        MatchField f = s.field();
        long v = s.low();
        switch (f) {
            case DL_SRC -> p.op(ActionProgram.OP_SET_ETH_SRC, v);
            case DL_DST -> p.op(ActionProgram.OP_SET_ETH_DST, v);
            case DL_VLAN -> p.op(ActionProgram.OP_MOD_VLAN_VID, v);
            case DL_VLAN_PCP -> p.op(ActionProgram.OP_MOD_VLAN_PCP, v);
            case VLAN_TCI -> {
                p.op(ActionProgram.OP_MOD_VLAN_VID, v & 0xfff);
                p.op(ActionProgram.OP_MOD_VLAN_PCP, (v >> 13) & 7);
            }
            case NW_SRC, ARP_SPA -> p.op(ActionProgram.OP_SET_NW_SRC, v);
            case NW_DST, ARP_TPA -> p.op(ActionProgram.OP_SET_NW_DST, v);
            case NW_TOS -> p.op(ActionProgram.OP_SET_NW_TOS, v);
            case IP_DSCP -> p.op(ActionProgram.OP_SET_NW_TOS, v << 2);
            case NW_TTL -> p.op(ActionProgram.OP_SET_NW_TTL, v);
            case TP_SRC -> p.op(ActionProgram.OP_SET_TP_SRC, v);
            case TP_DST -> p.op(ActionProgram.OP_SET_TP_DST, v);
            case IPV6_SRC -> p.op(ActionProgram.OP_SET_IPV6_SRC, s.high(), s.low());
            case IPV6_DST -> p.op(ActionProgram.OP_SET_IPV6_DST, s.high(), s.low());
            default -> {
                // A field the datapath cannot rewrite yet: the action is ignored (the flow was accepted).
            }
        }
    }
}

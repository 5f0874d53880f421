package io.jvswitch.cli.ofctl;

import io.jvswitch.flowtable.FlowRule;
import io.jvswitch.flowtable.text.FlowDumpStats;
import io.jvswitch.flowtable.text.FlowFormatter;
import io.jvswitch.flowtable.text.PortNames;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The whole output of {@code dump-flows}, laid out as ovs-ofctl 3.1 does (observed against a real switch):
 *
 * <ul>
 *   <li>Plain (numbers, no sorting): the header {@code NXST_FLOW reply (xid=0x4):} first, then one line per
 *       flow, each with a leading space, including {@code idle_age}/{@code hard_age}.</li>
 *   <li>With port names ({@code --names}, or by default when stdout is a terminal) or with
 *       {@code --sort}/{@code --rsort}: no header and no ages (ovs-ofctl takes another path that does not
 *       report them); sorting is by priority, ascending or descending, otherwise in the switch's order.</li>
 *   <li>{@code --no-stats}: the parse-flow layout per line.</li>
 * </ul>
 * Each flow prints in its own dialect (OpenFlow 1.3 when its actions need it, see {@link FlowFormatter}).
 */
public final class DumpFlowsFormatter {
    /** Flow order. */
    public enum Sort {
        /** As the switch returned them. */
        NONE,
        /** {@code --sort}: by ascending priority. */
        ASCENDING,
        /** {@code --rsort}: by descending priority. */
        DESCENDING
    }

    /** One flow with its statistics. */
    public record DumpedFlow(FlowRule rule, FlowDumpStats stats) {
    }

    /**
     * What the command line asked for.
     *
     * @param stats    false for {@code --no-stats}
     * @param useNames print port names (resolve {@code --names}/{@code --no-names} and the terminal test first)
     * @param sort     requested order
     * @param filtered true when a FLOW filter was given (ovs-ofctl then fetches the port table first, so
     *                 the dump's transaction id is 0x8 rather than 0x4)
     */
    public record Options(boolean stats, boolean useNames, Sort sort, boolean filtered) {
    }

    private final PortNames portNames;

    /** A formatter printing names from {@code portNames} when {@link Options#useNames()}. */
    public DumpFlowsFormatter(PortNames portNames) {
        this.portNames = portNames;
    }

    /** The output lines, header included when ovs-ofctl prints one. */
    public List<String> format(List<DumpedFlow> flows, Options options) {
        FlowFormatter formatter = new FlowFormatter(options.useNames() ? portNames : PortNames.NONE);
        boolean raw = !options.useNames() && options.sort() == Sort.NONE;
        List<DumpedFlow> ordered = new ArrayList<>(flows);
        Comparator<DumpedFlow> byPriority = Comparator.comparingInt(f -> f.rule().priority());
        if (options.sort() == Sort.ASCENDING) {
            ordered.sort(byPriority);
        } else if (options.sort() == Sort.DESCENDING) {
            ordered.sort(byPriority.reversed());
        }
        List<String> lines = new ArrayList<>();
        if (raw) {
            lines.add("NXST_FLOW reply (xid=" + (options.filtered() ? "0x8" : "0x4") + "):");
        }
        for (DumpedFlow f : ordered) {
            String line;
            if (!options.stats()) {
                line = formatter.formatNoStats(f.rule());
            } else {
                FlowDumpStats s = f.stats();
                FlowDumpStats shown = raw ? s : new FlowDumpStats(s.durationNs(), s.packetCount(), s.byteCount(), -1,
                        -1);
                line = formatter.formatWithStats(f.rule(), shown);
            }
            lines.add(" " + line);
        }
        return lines;
    }
}

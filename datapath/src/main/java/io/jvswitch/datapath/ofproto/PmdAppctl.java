package io.jvswitch.datapath.ofproto;

import io.jvswitch.datapath.Datapath;
import io.jvswitch.datapath.stats.PmdRxqFormatter;
import io.jvswitch.datapath.stats.PmdStats;
import io.jvswitch.datapath.stats.PmdStatsBaselines;
import io.jvswitch.datapath.stats.PmdStatsFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code dpif-netdev/pmd-*} appctl commands, with Open vSwitch's arguments and semantics:
 * {@code pmd-stats-show [-pmd core] [dp]}, {@code pmd-stats-clear [-pmd core] [dp]} and
 * {@code pmd-rxq-show [-pmd core] [-secs secs] [dp]}. A PMD's core id is its number (PMDs are not pinned).
 *
 * <p>As in Open vSwitch: PMDs print in core order; {@code -pmd} with a number selects that PMD (none when no PMD
 * has it) and with anything else is ignored; the datapath name is optional and, there being one datapath, any name
 * means it. Clearing records a baseline per PMD ({@link PmdStatsBaselines}); only {@code pmd-stats-show} counts
 * from it, while {@code dpif/show} and port statistics keep counting from the start.
 */
final class PmdAppctl {
    /** Usage of pmd-stats-show, as list-commands prints it: Open vSwitch's, and what its "cycles" are. */
    static final String STATS_SHOW_USAGE = "[-pmd core] [dp] (cycles are nanoseconds)";
    /** Usage of pmd-stats-clear, as list-commands prints it. */
    static final String STATS_CLEAR_USAGE = "[-pmd core] [dp]";
    /** Usage of pmd-rxq-show, as list-commands prints it. */
    static final String RXQ_USAGE = "[-pmd core] [-secs secs] [dp]";

    private final Datapath datapath;
    private final PmdStatsBaselines baselines = new PmdStatsBaselines();

    PmdAppctl(Datapath datapath) {
        this.datapath = datapath;
    }

    /** The parsed arguments: which core to show ({@code null} for all) and the {@code -secs} text, if any. */
    private record Options(Integer core, String secs) {
        static Options parse(List<String> args, boolean acceptSecs) {
            Integer core = null;
            String secs = null;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                boolean hasValue = i + 1 < args.size();
                if (arg.equals("-pmd") && hasValue) {
                    core = parseCore(args.get(++i), core);
                } else if (acceptSecs && arg.equals("-secs") && hasValue) {
                    secs = args.get(++i);
                }
                // Anything else names the datapath: there is only one, so any name means it.
            }
            return new Options(core, secs);
        }

        private static Integer parseCore(String text, Integer previous) {
            try {
                int core = Integer.parseInt(text);
                return core >= 0 ? core : previous;
            } catch (NumberFormatException e) {
                return previous;
            }
        }

        boolean selects(PmdStats pmd) {
            return core == null || core == coreId(pmd);
        }
    }

    /** The core id a PMD reports: its number, since PMDs are not pinned to cores. */
    private static int coreId(PmdStats pmd) {
        return pmd.pmdId();
    }

    private List<PmdStats> selected(Options options) {
        List<PmdStats> out = new ArrayList<>();
        for (PmdStats pmd : datapath.pmdStats()) {
            if (options.selects(pmd)) {
                out.add(pmd);
            }
        }
        out.sort(Comparator.comparingInt(PmdAppctl::coreId));
        return out;
    }

    String statsShow(List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (PmdStats pmd : selected(Options.parse(args, false))) {
            PmdStatsFormatter.appendStatsShow(sb, coreId(pmd), baselines.sinceClear(pmd));
        }
        return sb.toString();
    }

    String statsClear(List<String> args) {
        for (PmdStats pmd : selected(Options.parse(args, false))) {
            baselines.clear(pmd);
        }
        return "";
    }

    String rxqShow(List<String> args) {
        Options options = Options.parse(args, true);
        StringBuilder sb = new StringBuilder();
        List<PmdStats> pmds = selected(options);
        if (!pmds.isEmpty()) {
            PmdRxqFormatter.appendHeader(sb, PmdRxqFormatter.windowSeconds(options.secs()));
        }
        for (PmdStats pmd : pmds) {
            PmdRxqFormatter.appendPmd(sb, coreId(pmd), polledPorts(pmd.pmdId()));
        }
        return sb.toString();
    }

    /** Names of the open ports PMD {@code pmdId} polls, sorted. */
    private List<String> polledPorts(int pmdId) {
        List<String> names = new ArrayList<>();
        for (String bridge : datapath.bridgeNames()) {
            for (Datapath.PortInfo p : datapath.ports(bridge)) {
                if (p.open() && datapath.rxPmdOf(bridge, p.name()) == pmdId) {
                    names.add(p.name());
                }
            }
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }
}

package io.jvswitch.datapath.ofproto;

import io.jvswitch.datapath.Datapath;
import io.jvswitch.datapath.normal.FdbFormatter;
import io.jvswitch.datapath.normal.MacLearningTable;
import io.jvswitch.datapath.normal.PortVlanConfig;
import io.jvswitch.datapath.pipeline.BridgePipeline;
import io.jvswitch.datapath.pipeline.CompiledFlow;
import io.jvswitch.datapath.pipeline.FlowCompiler;
import io.jvswitch.datapath.server.AppctlException;
import io.jvswitch.datapath.stats.DatapathCounter;
import io.jvswitch.datapath.stats.DropReason;
import io.jvswitch.datapath.stats.PmdStats;
import io.jvswitch.datapath.stats.PmdStatsFormatter;
import io.jvswitch.datapath.stats.PmdStatsSnapshot;
import io.jvswitch.flowtable.FlowEntry;
import io.jvswitch.flowtable.FlowRule;
import io.jvswitch.flowtable.FlowTables;
import io.jvswitch.flowtable.OfPort;
import io.jvswitch.flowtable.action.Action;
import io.jvswitch.flowtable.classifier.LookupScratch;
import io.jvswitch.flowtable.match.FlowKey;
import io.jvswitch.flowtable.match.Match;
import io.jvswitch.flowtable.text.FlowFormatter;
import io.jvswitch.flowtable.text.FlowParser;
import io.jvswitch.flowtable.text.FlowSyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The datapath's {@code jvs-appctl} commands: {@code fdb/show BR}, {@code fdb/flush [BR]}, {@code dpif/show}
 * (bridges, ports, per-PMD counters since start and the rates derived from them) and {@code ofproto/trace BR FLOW}
 * (which stage and which flows decide a packet, and their actions). MAC tables belong to the PMD, so they are read
 * on it.
 */
final class DatapathAppctl {
    private final Datapath datapath;
    private final PortReports ports;

    DatapathAppctl(Datapath datapath) {
        this.datapath = datapath;
        this.ports = new PortReports(datapath);
    }

    private BridgePipeline pipeline(String bridge) throws AppctlException {
        BridgePipeline bp = datapath.bridgePipeline(bridge);
        if (bp == null) {
            throw new AppctlException("no such bridge");
        }
        return bp;
    }

    /** Datapath port index to what fdb/show prints: the OpenFlow number, or LOCAL. */
    private Map<Integer, String> portLabels(String bridge) {
        Map<Integer, String> labels = new HashMap<>();
        for (Datapath.PortInfo p : datapath.ports(bridge)) {
            labels.put(p.dpPortIndex(), p.ofport() == OfPort.LOCAL ? "LOCAL" : Integer.toString(p.ofport()));
        }
        return labels;
    }

    String fdbShow(List<String> args) throws AppctlException {
        BridgePipeline bp = pipeline(args.get(0));
        Map<Integer, String> labels = portLabels(args.get(0));
        try {
            List<MacLearningTable.MacEntry> entries = datapath.onPmd(args.get(0),
                    () -> bp.normalSwitch().macTable().dump(System.nanoTime()));
            return FdbFormatter.format(entries, dp -> labels.getOrDefault(dp, "?"));
        } catch (Exception e) {
            throw new AppctlException("cannot read the MAC table: " + e.getMessage());
        }
    }

    String fdbFlush(List<String> args) throws AppctlException {
        List<String> bridges = args.isEmpty() ? datapath.bridgeNames() : List.of(args.get(0));
        for (String bridge : bridges) {
            pipeline(bridge);
            try {
                datapath.onEveryPipeline(bridge, bp -> bp.normalSwitch().macTable().flush());
            } catch (Exception e) {
                throw new AppctlException("cannot flush the MAC table: " + e.getMessage());
            }
        }
        return "table successfully flushed\n";
    }

    String dpifShow(List<String> args) {
        StringBuilder sb = new StringBuilder();
        long hits = datapath.stats().get(DatapathCounter.EMC_HIT) + datapath.stats().get(DatapathCounter.MEGAFLOW_HIT)
                + datapath.stats().get(DatapathCounter.CLASSIFIER_HIT);
        sb.append("netdev@jvs-netdev: hit:").append(hits).append(" missed:")
                .append(datapath.stats().get(DatapathCounter.MISS)).append('\n');
        for (String bridge : datapath.bridgeNames()) {
            sb.append("  ").append(bridge).append(": (pmd-").append(datapath.pmdOf(bridge)).append(")\n");
            List<Datapath.PortInfo> list = new java.util.ArrayList<>(datapath.ports(bridge));
            list.sort(java.util.Comparator.comparingInt(Datapath.PortInfo::ofport));
            for (Datapath.PortInfo p : list) {
                String type = p.type().isEmpty() ? "system" : p.type();
                sb.append("    ").append(p.name()).append(' ')
                        .append(p.ofport() == OfPort.LOCAL ? "65534" : Integer.toString(p.ofport()))
                        .append('/').append(p.dpPortIndex()).append(": (").append(type).append(')');
                if (p.error() != null) {
                    sb.append(" error: ").append(p.error());
                }
                sb.append('\n');
            }
        }
        for (PmdStats pmd : datapath.pmdStats()) {
            sb.append("pmd-").append(pmd.pmdId()).append(":\n");
            for (DatapathCounter c : DatapathCounter.values()) {
                sb.append("  ").append(c.label()).append(": ").append(pmd.get(c)).append('\n');
            }
            for (DropReason r : DropReason.values()) {
                long n = pmd.get(r);
                if (n != 0) {
                    sb.append("  dropped (").append(r.label()).append("): ").append(n).append('\n');
                }
            }
            PmdStatsFormatter.appendDpifShowLines(sb, PmdStatsSnapshot.of(pmd));
        }
        return sb.toString();
    }

    String trace(List<String> args) throws AppctlException {
        String bridge = args.get(0);
        BridgePipeline bp = pipeline(bridge);
        FlowTables tables = datapath.flowTables(bridge);
        Match match;
        try {
            match = new FlowParser(ports.names(bridge)).parsePattern(String.join(",", args.subList(1, args.size())))
                    .match();
        } catch (FlowSyntaxException e) {
            throw new AppctlException(e.getMessage());
        }
        FlowKey key = new FlowKey();
        for (int w = 0; w < FlowKey.WORDS; w++) {
            key.setWord(w, match.valueWord(w));
        }
        Map<Integer, Integer> dpOfOfport = new HashMap<>();
        for (Datapath.PortInfo p : datapath.ports(bridge)) {
            if (p.open()) {
                dpOfOfport.put(p.ofport(), p.dpPortIndex());
            }
        }
        LookupScratch scratch = new LookupScratch().reset();
        CompiledFlow flow = new FlowCompiler(of -> dpOfOfport.getOrDefault(of, -1))
                .compile(tables.current(), key, scratch);
        String stage;
        try {
            stage = datapath.onPmd(bridge, () -> bp.stageFor(key));
        } catch (Exception e) {
            stage = "classifier";
        }
        FlowFormatter formatter = new FlowFormatter(ports.names(bridge));
        StringBuilder sb = new StringBuilder();
        sb.append("Flow: ").append(formatter.formatMatch(match, FlowRule.DEFAULT_PRIORITY)).append("\n\n");
        sb.append("bridge(\"").append(bridge).append("\")\n");
        sb.append("-".repeat(bridge.length() + 10)).append('\n');
        if (flow.isMiss()) {
            sb.append(" 0. No match.\n    drop\n");
        }
        boolean normal = false;
        for (FlowEntry e : flow.entries()) {
            String m = formatter.formatMatch(e.match(), FlowRule.DEFAULT_PRIORITY);
            sb.append(' ').append(e.tableId()).append(". ").append(m.isEmpty() ? "" : m + ", ")
                    .append("priority ").append(e.priority());
            if (e.rule().cookie() != 0) {
                sb.append(", cookie 0x").append(Long.toHexString(e.rule().cookie()));
            }
            sb.append("\n    ").append(formatter.formatActions(e.actions(), e.match())).append('\n');
            for (Action a : e.actions().asList()) {
                normal |= a instanceof Action.Normal || (a instanceof Action.Output o && o.port() == OfPort.NORMAL);
            }
        }
        if (normal) {
            sb.append("     -> ").append(normalDecision(bridge, bp, key)).append('\n');
        }
        long[] mask = new long[FlowKey.WORDS];
        long[] value = new long[FlowKey.WORDS];
        scratch.copyConsultedMask(mask);
        for (int w = 0; w < FlowKey.WORDS; w++) {
            value[w] = key.word(w) & mask[w];
        }
        sb.append("\nFinal flow: unchanged\n");
        sb.append("Megaflow: ").append(megaflowText(formatter, value, mask)).append('\n');
        sb.append("Decided by: ").append(stage).append('\n');
        sb.append("Datapath actions: ").append(flow.isMiss() || flow.program().isEmpty() ? "drop"
                : describe(flow, formatter)).append('\n');
        return sb.toString();
    }

    private static String megaflowText(FlowFormatter formatter, long[] value, long[] mask) {
        try {
            String text = formatter.formatMatch(Match.ofWords(value, mask), FlowRule.DEFAULT_PRIORITY);
            return text.isEmpty() ? "(any)" : text;
        } catch (RuntimeException e) {
            return "(unprintable mask)";
        }
    }

    private static String describe(CompiledFlow flow, FlowFormatter formatter) {
        StringBuilder sb = new StringBuilder();
        for (FlowEntry e : flow.entries()) {
            for (Action a : e.actions().asList()) {
                if (a instanceof Action.Resubmit || a instanceof Action.GotoTable) {
                    continue;
                }
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(formatter.formatActions(io.jvswitch.flowtable.action.ActionList.of(a), e.match()));
            }
        }
        return sb.toString();
    }

    private String normalDecision(String bridge, BridgePipeline bp, FlowKey key) {
        Datapath.PortInfo in = null;
        for (Datapath.PortInfo p : datapath.ports(bridge)) {
            if (p.ofport() == key.inPort()) {
                in = p;
            }
        }
        if (in == null) {
            return "no such input port, dropping";
        }
        PortVlanConfig cfg = in.vlan();
        int vlan = cfg.vlan() >= 0 ? cfg.vlan() : ((key.vlanTci() & FlowKey.VLAN_PRESENT) != 0
                ? key.vlanTci() & 0xfff : 0);
        Map<Integer, String> labels = portLabels(bridge);
        long dst = key.dlDst();
        try {
            int port = datapath.onPmd(bridge, () -> bp.normalSwitch().macTable().lookup(vlan, dst,
                    System.nanoTime()));
            if (port == MacLearningTable.NO_PORT || (dst & 0x010000000000L) != 0) {
                return "no learned MAC for destination, flooding (VLAN " + vlan + ")";
            }
            return "forwarding to learned port " + labels.getOrDefault(port, "?") + " (VLAN " + vlan + ")";
        } catch (Exception e) {
            return "MAC table unavailable: " + e.getMessage();
        }
    }
}

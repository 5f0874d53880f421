package io.jvswitch.datapath.ofproto;

import io.jvswitch.datapath.Datapath;
import io.jvswitch.datapath.server.CommandContext;
import io.jvswitch.datapath.server.CommandHandler;
import io.jvswitch.datapath.server.CommandResult;
import io.jvswitch.flowtable.FlowEntry;
import io.jvswitch.flowtable.FlowMod;
import io.jvswitch.flowtable.FlowModException;
import io.jvswitch.flowtable.FlowRule;
import io.jvswitch.flowtable.FlowTables;
import io.jvswitch.flowtable.text.FlowDumpStats;
import io.jvswitch.flowtable.text.FlowFormatter;
import io.jvswitch.flowtable.text.FlowParser;
import io.jvswitch.flowtable.text.FlowPattern;
import io.jvswitch.flowtable.text.FlowSyntaxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code jvs-ofctl}'s commands that need the switch (program "ofctl"): {@code show}, {@code dump-flows},
 * {@code dump-aggregate}, {@code add-flow}, {@code add-flows}, {@code mod-flows}, {@code del-flows},
 * {@code replace-flows}, {@code dump-ports}, {@code dump-ports-desc}, with ovs-ofctl's layouts and errors.
 *
 * <p>Every command that changes flows is one batch: it is parsed completely, applied atomically (a rejected
 * flow leaves every flow as it was) and saved to the {@link FlowStore} before the reply, all while holding
 * the bridge's {@link FlowTables} monitor.
 *
 * <p>Threading: called concurrently from gRPC threads; state is the datapath's and the tables'.
 */
public final class OfctlHandler implements CommandHandler {
    private final Datapath datapath;
    private final FlowStore store;
    private final PortReports ports;

    /** A handler over {@code datapath} saving flows to {@code store}. */
    public OfctlHandler(Datapath datapath, FlowStore store) {
        this.datapath = datapath;
        this.store = store;
        this.ports = new PortReports(datapath);
    }

    /** A user error: printed as {@code <prog>: <message>}, exit status 1. */
    static final class OfctlException extends Exception {
        private static final long serialVersionUID = 1L;

        OfctlException(String message) {
            super(message);
        }
    }

    /** The options and words of one invocation. */
    record Invocation(boolean strict, boolean noStats, boolean names, List<String> words) {
    }

    @Override
    public CommandResult run(CommandContext ctx) {
        try {
            Invocation inv = parse(ctx.args(), ctx.stdoutIsTty());
            return CommandResult.ok(execute(inv, ctx));
        } catch (OfctlException | FlowSyntaxException e) {
            return CommandResult.failure(ctx.errorPrefix() + e.getMessage() + "\n", CommandResult.EXIT_FAILURE);
        }
    }

    static Invocation parse(List<String> args, boolean tty) throws OfctlException {
        boolean strict = false;
        boolean noStats = false;
        boolean names = tty;
        List<String> words = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            // Options may come anywhere (getopt style, as ovs-ofctl takes them); "-" is the stdin operand.
            if (optionsEnded || !a.startsWith("-") || a.equals("-")) {
                words.add(a);
                continue;
            }
            if (a.equals("--")) {
                optionsEnded = true;
                continue;
            }
            switch (a) {
                case "--strict" -> strict = true;
                case "--no-stats" -> noStats = true;
                case "--names" -> names = true;
                case "--no-names" -> names = false;
                case "-O", "-t", "-P" -> i++;
                default -> {
                    if (!a.startsWith("--protocols") && !a.startsWith("--sort") && !a.startsWith("--rsort")
                            && !a.startsWith("--timeout") && !a.equals("--readd") && !a.startsWith("-O")) {
                        throw new OfctlException("unrecognized option '" + a + "'");
                    }
                }
            }
        }
        if (words.isEmpty()) {
            throw new OfctlException("missing command name; use --help for help");
        }
        return new Invocation(strict, noStats, names, words);
    }

    private String execute(Invocation inv, CommandContext ctx) throws OfctlException {
        String command = inv.words().get(0);
        List<String> operands = inv.words().subList(1, inv.words().size());
        switch (command) {
            case "show" -> {
                need(command, operands, 1, 1);
                return ports.show(bridge(operands.get(0)));
            }
            case "dump-ports" -> {
                need(command, operands, 1, 2);
                return ports.dumpPorts(bridge(operands.get(0)), operands.size() > 1 ? operands.get(1) : null);
            }
            case "dump-ports-desc" -> {
                need(command, operands, 1, 1);
                return ports.dumpPortsDesc(bridge(operands.get(0)));
            }
            case "dump-flows" -> {
                need(command, operands, 1, 2);
                return dumpFlows(inv, bridge(operands.get(0)), operands.size() > 1 ? operands.get(1) : "", ctx);
            }
            case "dump-aggregate" -> {
                need(command, operands, 1, 2);
                return dumpAggregate(bridge(operands.get(0)), operands.size() > 1 ? operands.get(1) : "");
            }
            case "add-flow" -> {
                need(command, operands, 2, 2);
                String br = bridge(operands.get(0));
                if (operands.get(1).equals("-")) {
                    return modify(br, parseFile(br, "-", ctx));
                }
                return modify(br, List.of(parser(br).parseFlowMod(operands.get(1), FlowMod.Command.ADD)));
            }
            case "add-flows" -> {
                need(command, operands, 2, 2);
                String br = bridge(operands.get(0));
                return modify(br, parseFile(br, operands.get(1), ctx));
            }
            case "mod-flows" -> {
                need(command, operands, 2, 2);
                String br = bridge(operands.get(0));
                FlowMod.Command c = inv.strict() ? FlowMod.Command.MODIFY_STRICT : FlowMod.Command.MODIFY;
                return modify(br, List.of(parser(br).parseFlowMod(operands.get(1), c)));
            }
            case "del-flows" -> {
                need(command, operands, 1, 2);
                String br = bridge(operands.get(0));
                if (operands.size() == 1) {
                    return modify(br, List.of(FlowMod.deleteAll()));
                }
                FlowMod.Command c = inv.strict() ? FlowMod.Command.DELETE_STRICT : FlowMod.Command.DELETE;
                return modify(br, List.of(parser(br).parseFlowMod(operands.get(1), c)));
            }
            case "replace-flows" -> {
                need(command, operands, 2, 2);
                String br = bridge(operands.get(0));
                return replace(br, parseFile(br, operands.get(1), ctx));
            }
            default -> throw new OfctlException("unknown command '" + command + "'; use --help for help");
        }
    }

    private static void need(String command, List<String> operands, int min, int max) throws OfctlException {
        if (operands.size() < min) {
            throw new OfctlException("'" + command + "' command requires at least " + min + " arguments");
        }
        if (operands.size() > max) {
            throw new OfctlException("'" + command + "' command takes at most " + max + " arguments");
        }
    }

    private String bridge(String name) throws OfctlException {
        if (datapath.flowTables(name) == null) {
            throw new OfctlException(name + " is not a bridge or a socket");
        }
        return name;
    }

    private FlowParser parser(String bridge) {
        return new FlowParser(ports.names(bridge));
    }

    private List<FlowMod> parseFile(String bridge, String file, CommandContext ctx) throws OfctlException {
        String content = new String(ctx.stdin(), StandardCharsets.UTF_8);
        FlowParser parser = parser(bridge);
        List<FlowMod> mods = new ArrayList<>();
        String[] lines = content.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                mods.add(parser.parseFlowModLine(line));
            } catch (FlowSyntaxException e) {
                throw new OfctlException(file + ":" + (n + 1) + ": " + e.getMessage());
            }
        }
        return mods;
    }

    /** Applies {@code mods} as one batch and saves the result before answering. */
    private String modify(String bridge, List<FlowMod> mods) throws OfctlException {
        FlowTables tables = datapath.flowTables(bridge);
        synchronized (tables) {
            try {
                tables.apply(mods);
            } catch (FlowModException e) {
                throw new OfctlException(e.getMessage());
            }
            save(bridge, tables);
        }
        return "";
    }

    /** Makes the flows exactly those of {@code mods} (all adds): unchanged flows keep their counters. */
    private String replace(String bridge, List<FlowMod> mods) throws OfctlException {
        List<FlowRule> wanted = new ArrayList<>();
        for (FlowMod m : mods) {
            if (m.command() != FlowMod.Command.ADD) {
                throw new OfctlException("replace-flows: only flows to add are allowed");
            }
            wanted.add(m.toRule(m.tableId()));
        }
        FlowTables tables = datapath.flowTables(bridge);
        synchronized (tables) {
            Set<FlowRule> existing = new HashSet<>();
            List<FlowMod> batch = new ArrayList<>();
            for (FlowEntry e : tables.flows(FlowMod.ALL_TABLES)) {
                existing.add(e.rule());
                if (!wanted.contains(e.rule())) {
                    batch.add(FlowMod.deleteStrict(e.tableId(), e.match(), e.priority()));
                }
            }
            for (FlowRule r : wanted) {
                if (!existing.contains(r)) {
                    batch.add(FlowMod.add(r));
                }
            }
            try {
                tables.apply(batch);
            } catch (FlowModException e) {
                throw new OfctlException(e.getMessage());
            }
            save(bridge, tables);
        }
        return "";
    }

    private void save(String bridge, FlowTables tables) throws OfctlException {
        try {
            store.save(bridge, tables);
        } catch (IOException e) {
            throw new OfctlException("cannot save the flows of " + bridge + ": " + e.getMessage());
        }
    }

    private List<FlowEntry> select(String bridge, String filter) {
        FlowPattern pattern = filter.isBlank() ? FlowPattern.ALL : parser(bridge).parsePattern(filter);
        List<FlowEntry> out = new ArrayList<>();
        for (FlowEntry e : datapath.flowTables(bridge).flows(FlowMod.ALL_TABLES)) {
            if ((pattern.tableId() == FlowMod.ALL_TABLES || pattern.tableId() == e.tableId())
                    && e.match().isAtLeastAsSpecificAs(pattern.match())
                    && ((e.rule().cookie() ^ pattern.cookie()) & pattern.cookieMask()) == 0
                    && (pattern.outPort() == io.jvswitch.flowtable.OfPort.NONE
                        || e.actions().outputsTo(pattern.outPort()))) {
                out.add(e);
            }
        }
        return out;
    }

    private String dumpFlows(Invocation inv, String bridge, String filter, CommandContext ctx) {
        List<FlowEntry> flows = select(bridge, filter);
        FlowFormatter formatter = inv.names() ? new FlowFormatter(ports.names(bridge)) : new FlowFormatter();
        StringBuilder sb = new StringBuilder();
        if (inv.noStats()) {
            for (FlowEntry e : flows) {
                sb.append(' ').append(formatter.formatNoStats(e.rule())).append('\n');
            }
            return sb.toString();
        }
        if (!ctx.stdoutIsTty()) {
            sb.append("NXST_FLOW reply (xid=0x4):\n");
        }
        long now = datapath.flowTables(bridge).nanoClock().getAsLong();
        for (FlowEntry e : flows) {
            FlowDumpStats stats = new FlowDumpStats(e.durationNanos(now), e.stats().packets(), e.stats().bytes(),
                    Math.max(0, now - e.lastActiveNanos()) / 1_000_000_000L,
                    Math.max(0, now - e.modifiedNanos()) / 1_000_000_000L);
            sb.append(' ').append(formatter.formatWithStats(e.rule(), stats)).append('\n');
        }
        return sb.toString();
    }

    private String dumpAggregate(String bridge, String filter) {
        long packets = 0;
        long bytes = 0;
        List<FlowEntry> flows = select(bridge, filter);
        for (FlowEntry e : flows) {
            packets += e.stats().packets();
            bytes += e.stats().bytes();
        }
        return "NXST_AGGREGATE reply (xid=0x4): packet_count=" + packets + " byte_count=" + bytes + " flow_count="
                + flows.size() + "\n";
    }
}

package io.jvswitch.ovsdb.ctl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses an ovs-vsctl command line: {@code [global-opts] [--] [cmd-opts] CMD ARGS [-- [cmd-opts] CMD ARGS]...}.
 *
 * <p>Global options are read getopt-style up to the first argument that is not an option (long options may be
 * abbreviated to any unique prefix, which is why libvirt's {@code --no-heading} works). Command options given
 * there ({@code --if-exists}, {@code --columns=...}, ...) belong to the first command. The rest is split at
 * each {@code --}; every group is {@code [--opt[=value]]... name args...}, checked against the command table.
 */
final class VsctlParser {
    private enum Arg { NONE, REQUIRED, OPTIONAL }

    /** ovs-vsctl's global long options, in its own order (getopt lists ambiguous matches in this order). */
    private static final Map<String, Arg> GLOBAL = new LinkedHashMap<>();

    static {
        Object[][] table = {
            {"db", Arg.REQUIRED}, {"no-syslog", Arg.NONE}, {"no-wait", Arg.NONE}, {"dry-run", Arg.NONE},
            {"oneline", Arg.NONE}, {"timeout", Arg.REQUIRED}, {"retry", Arg.NONE}, {"help", Arg.NONE},
            {"commands", Arg.NONE}, {"options", Arg.NONE}, {"version", Arg.NONE}, {"verbose", Arg.OPTIONAL},
            {"log-file", Arg.OPTIONAL}, {"syslog-method", Arg.REQUIRED}, {"syslog-target", Arg.REQUIRED},
            {"format", Arg.REQUIRED}, {"data", Arg.REQUIRED}, {"no-headings", Arg.NONE}, {"pretty", Arg.NONE},
            {"bare", Arg.NONE}, {"private-key", Arg.REQUIRED}, {"certificate", Arg.REQUIRED},
            {"ca-cert", Arg.REQUIRED}, {"bootstrap-ca-cert", Arg.REQUIRED}, {"peer-ca-cert", Arg.REQUIRED},
        };
        for (Object[] o : table) {
            GLOBAL.put((String) o[0], (Arg) o[1]);
        }
    }

    private final Map<String, CommandSpec> commands;
    private final String program;

    VsctlParser(Map<String, CommandSpec> commands, String program) {
        this.commands = commands;
        this.program = program;
    }

    /**
     * Parses {@code args}.
     *
     * @throws CtlException with ovs-vsctl's usage error texts
     */
    Invocation parse(List<String> args) {
        Map<String, Arg> longOptions = new LinkedHashMap<>(GLOBAL);
        for (CommandSpec spec : commands.values()) {
            spec.options().forEach((name, needsValue) -> longOptions.putIfAbsent(name.substring(2),
                    needsValue ? Arg.REQUIRED : Arg.NONE));
        }
        TableStyle style = new TableStyle();
        Map<String, String> firstOptions = new LinkedHashMap<>();
        boolean oneline = false;
        boolean dryRun = false;
        boolean noWait = false;
        int timeout = 0;
        String help = null;
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i);
            if (a.equals("--")) {
                i++;
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                break;
            }
            String name;
            String value = null;
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String typed = eq < 0 ? a.substring(2) : a.substring(2, eq);
                name = matchLong(longOptions, typed, a);
                Arg kind = longOptions.get(name);
                if (eq >= 0) {
                    if (kind == Arg.NONE) {
                        throw new CtlException("option '--" + name + "' doesn't allow an argument");
                    }
                    value = a.substring(eq + 1);
                } else if (kind == Arg.REQUIRED) {
                    if (i + 1 >= args.size()) {
                        throw new CtlException("option '--" + name + "' requires an argument");
                    }
                    value = args.get(++i);
                }
            } else {
                char c = a.charAt(1);
                name = shortName(c);
                Arg kind = longOptions.get(name);
                if (a.length() > 2) {
                    if (kind == Arg.NONE) {
                        throw new CtlException("invalid option -- '" + a.charAt(2) + "'");
                    }
                    value = a.substring(2);
                } else if (kind == Arg.REQUIRED) {
                    if (i + 1 >= args.size()) {
                        throw new CtlException("option requires an argument -- '" + c + "'");
                    }
                    value = args.get(++i);
                }
            }
            i++;
            switch (name) {
                case "timeout":
                    timeout = parseTimeout(value);
                    break;
                case "no-wait":
                    noWait = true;
                    break;
                case "dry-run":
                    dryRun = true;
                    break;
                case "oneline":
                    oneline = true;
                    break;
                case "format":
                    style.format(value);
                    break;
                case "data":
                    style.data(value);
                    break;
                case "no-headings":
                    style.headings = false;
                    break;
                case "pretty":
                    style.pretty = true;
                    break;
                case "bare":
                    style.bare();
                    break;
                case "help":
                    help = usage();
                    break;
                case "version":
                    help = program + " (jvswitch) " + VsctlEngine.VERSION + "\nDB Schema 8.3.1\n";
                    break;
                case "commands":
                    help = commandList();
                    break;
                default:
                    if (GLOBAL.containsKey(name)) {
                        break;
                    }
                    // Repeating a command option among the global options just sets it again, as in OVS 3.1.
                    firstOptions.put("--" + name, value);
                    break;
            }
        }
        if (help != null) {
            return new Invocation(List.of(), style, oneline, dryRun, timeout, noWait, help);
        }
        List<ParsedCommand> parsed = splitCommands(args.subList(i, args.size()), firstOptions);
        return new Invocation(parsed, style, oneline, dryRun, timeout, noWait, null);
    }

    private static String matchLong(Map<String, Arg> options, String typed, String arg) {
        if (options.containsKey(typed)) {
            return typed;
        }
        List<String> candidates = new ArrayList<>();
        for (String name : options.keySet()) {
            if (name.startsWith(typed)) {
                candidates.add(name);
            }
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty()) {
            throw new CtlException("unrecognized option '" + arg + "'");
        }
        StringBuilder sb = new StringBuilder("option '" + arg + "' is ambiguous; possibilities:");
        candidates.forEach(c -> sb.append(" '--").append(c).append('\''));
        throw new CtlException(sb.toString());
    }

    private static String shortName(char c) {
        switch (c) {
            case 't':
                return "timeout";
            case 'h':
                return "help";
            case 'V':
                return "version";
            case 'v':
                return "verbose";
            case 'f':
                return "format";
            case 'd':
                return "data";
            default:
                throw new CtlException("invalid option -- '" + c + "'");
        }
    }

    private static int parseTimeout(String value) {
        try {
            int t = Integer.parseInt(value);
            if (t >= 0) {
                return t;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CtlException("value " + value + " on -t or --timeout is invalid");
    }

    private List<ParsedCommand> splitCommands(List<String> rest, Map<String, String> firstOptions) {
        List<ParsedCommand> out = new ArrayList<>();
        Map<String, String> pending = firstOptions;
        int start = 0;
        for (int i = 0; i <= rest.size(); i++) {
            if (i == rest.size() || rest.get(i).equals("--")) {
                if (i > start) {
                    out.add(parseOne(rest.subList(start, i), pending));
                    pending = Map.of();
                } else if (!pending.isEmpty()) {
                    throw new CtlException("missing command name (use --help for help)");
                }
                start = i + 1;
            }
        }
        if (out.isEmpty()) {
            throw new CtlException("missing command name (use --help for help)");
        }
        return out;
    }

    private ParsedCommand parseOne(List<String> words, Map<String, String> inherited) {
        Map<String, String> options = new LinkedHashMap<>(inherited);
        int i = 0;
        for (; i < words.size() && words.get(i).startsWith("-"); i++) {
            String w = words.get(i);
            int eq = w.indexOf('=');
            String key = eq < 0 ? w : w.substring(0, eq);
            if (options.containsKey(key)) {
                throw new CtlException("'" + w + "' option specified multiple times");
            }
            options.put(key, eq < 0 ? null : w.substring(eq + 1));
        }
        if (i == words.size()) {
            throw new CtlException("missing command name (use --help for help)");
        }
        String name = words.get(i);
        CommandSpec spec = commands.get(name);
        if (spec == null) {
            throw new CtlException("unknown command '" + name + "'; use --help for help");
        }
        for (Map.Entry<String, String> o : options.entrySet()) {
            Boolean needsValue = spec.options().get(o.getKey());
            if (needsValue == null) {
                throw new CtlException("'" + name + "' command has no '" + o.getKey() + "' option");
            }
            if (needsValue && o.getValue() == null) {
                throw new CtlException("missing argument to '" + o.getKey() + "' option on '" + name + "' command");
            }
            if (!needsValue && o.getValue() != null) {
                throw new CtlException("'" + o.getKey() + "' option on '" + name + "' does not accept an argument");
            }
        }
        List<String> args = words.subList(i + 1, words.size());
        if (args.size() < spec.minArgs()) {
            throw new CtlException("'" + name + "' command requires at least " + spec.minArgs() + " arguments");
        }
        if (args.size() > spec.maxArgs()) {
            for (String a : args) {
                if (a.startsWith("-")) {
                    throw new CtlException("'" + name + "' command takes at most " + spec.maxArgs()
                            + " arguments (note that options must precede command names and follow a \"--\" "
                            + "argument)");
                }
            }
            throw new CtlException("'" + name + "' command takes at most " + spec.maxArgs() + " arguments");
        }
        return new ParsedCommand(options, spec, args);
    }

    private String commandList() {
        StringBuilder sb = new StringBuilder();
        for (CommandSpec spec : commands.values()) {
            sb.append(spec.name()).append('\n');
        }
        return sb.toString();
    }

    private String usage() {
        return program + ": jvswitch's ovs-vsctl: configure the switch's database\n"
                + "usage: " + program + " [OPTIONS] COMMAND [ARG...]\n"
                + "Commands are those of ovs-vsctl (list them with --commands); separate several with \"--\".\n"
                + "Options: --timeout=SECS --no-wait --dry-run --oneline --format=list|table|csv|json|html\n"
                + "         --data=string|bare|json --no-headings --bare --columns=COL,... --if-exists --may-exist\n";
    }
}

package io.jvswitch.ovsdb.ctl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One command of an invocation: its options ({@code --name} to value, null when the option has none), its
 * name and its arguments, in the order typed.
 */
final class ParsedCommand {
    private final Map<String, String> options;
    private final CommandSpec spec;
    private final List<String> args;

    ParsedCommand(Map<String, String> options, CommandSpec spec, List<String> args) {
        this.options = new LinkedHashMap<>(options);
        this.spec = spec;
        this.args = List.copyOf(args);
    }

    CommandSpec spec() {
        return spec;
    }

    String name() {
        return spec.name();
    }

    /** The arguments after the command name. */
    List<String> args() {
        return args;
    }

    String arg(int i) {
        return args.get(i);
    }

    boolean has(String option) {
        return options.containsKey(option);
    }

    /** The value of {@code option}, or null. */
    String option(String option) {
        return options.get(option);
    }

    /** The command as ovs-vsctl quotes it in messages: options, name and arguments separated by spaces. */
    String text() {
        StringBuilder sb = new StringBuilder();
        options.forEach((k, v) -> sb.append(k).append(v == null ? "" : "=" + v).append(' '));
        sb.append(spec.name());
        for (String a : args) {
            sb.append(' ').append(a);
        }
        return sb.toString();
    }
}

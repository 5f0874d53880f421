package io.jvswitch.cli.vsctl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The few global options of {@code jvs-vsctl} the client itself acts on, picked out of the words
 * before the first command: {@code --db} (where the daemon is; removed from what is sent),
 * {@code --timeout}/{@code -t} (the client's deadline; sent on as well, the engine uses it too),
 * {@code --help} and {@code --version} (answered locally). Everything else goes to the daemon
 * untouched.
 *
 * @param dbSpec         the {@code --db} value, if given
 * @param timeoutSeconds the {@code --timeout} value; 0 = no limit
 * @param forwarded      the arguments to send to the daemon
 * @param help           whether {@code --help} was given before the first command
 * @param version        whether {@code --version} was given before the first command
 */
record VsctlClientOptions(Optional<String> dbSpec, int timeoutSeconds, List<String> forwarded, boolean help,
                          boolean version) {

    /** Global options of ovs-vsctl that take their value as the next word when not given with '='. */
    private static final Set<String> WITH_VALUE = Set.of("--db", "--timeout", "-t", "--format", "-f", "--data",
            "-d", "--columns", "--private-key", "-p", "--certificate", "-c", "--ca-cert", "-C",
            "--bootstrap-ca-cert", "--peer-ca-cert");

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException with ovs-vsctl's message for a bad option value
     */
    static VsctlClientOptions parse(List<String> args) {
        Optional<String> db = Optional.empty();
        int timeout = 0;
        boolean help = false;
        boolean version = false;
        List<String> forwarded = new ArrayList<>();
        int i = 0;
        while (i < args.size()) {
            String arg = args.get(i);
            if (arg.equals("--") || !arg.startsWith("-") || arg.equals("-")) {
                break;
            }
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            String value = null;
            int consumed = 1;
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
            } else if (arg.startsWith("-t") && arg.length() > 2 && !arg.startsWith("--")) {
                name = "-t";
                value = arg.substring(2);
            } else if (WITH_VALUE.contains(name)) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("option '" + name + "' requires an argument");
                }
                value = args.get(i + 1);
                consumed = 2;
            }
            switch (name) {
                case "--db" -> db = Optional.of(value);
                case "--timeout", "-t" -> {
                    timeout = parseTimeout(value);
                    forwarded.add("--timeout=" + timeout);
                }
                case "--help", "-h" -> help = true;
                case "--version", "-V" -> version = true;
                default -> forwarded.addAll(args.subList(i, i + consumed));
            }
            i += consumed;
        }
        forwarded.addAll(args.subList(i, args.size()));
        return new VsctlClientOptions(db, timeout, List.copyOf(forwarded), help, version);
    }

    private static int parseTimeout(String value) {
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // Reported below, in ovs-vsctl's words.
        }
        throw new IllegalArgumentException("value " + value + " on -t or --timeout is invalid");
    }
}

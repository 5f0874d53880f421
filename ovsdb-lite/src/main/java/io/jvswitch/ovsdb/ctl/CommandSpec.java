package io.jvswitch.ovsdb.ctl;

import java.util.Map;

/**
 * One ovs-vsctl command: its name, how many arguments it takes, which options it accepts (mapped to whether
 * each needs a value), an optional check run for every command before any command runs (OVS's "pre" phase,
 * which resolves table and column names, so those errors win over errors of earlier commands) and the code
 * that runs it.
 */
record CommandSpec(String name, int minArgs, int maxArgs, Map<String, Boolean> options, Handler pre,
        Handler handler) {
    /** Unlimited argument count. */
    static final int MANY = Integer.MAX_VALUE;

    /** Runs one command against the invocation's working copy. */
    @FunctionalInterface
    interface Handler {
        void run(CommandContext ctx);
    }
}

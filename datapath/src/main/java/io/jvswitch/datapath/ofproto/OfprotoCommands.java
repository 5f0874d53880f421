package io.jvswitch.datapath.ofproto;

import io.jvswitch.datapath.Datapath;
import io.jvswitch.datapath.daemon.Vswitchd;
import io.jvswitch.datapath.server.AppctlHandler;

/** Registers the switch's control commands in a daemon: program "ofctl" and the datapath's appctl commands. */
public final class OfprotoCommands {
    private OfprotoCommands() {
    }

    /**
     * Registers {@link OfctlHandler} as "ofctl" and the appctl commands fdb/show, fdb/flush, dpif/show,
     * ofproto/trace, dpif-netdev/pmd-stats-show, dpif-netdev/pmd-stats-clear and dpif-netdev/pmd-rxq-show.
     */
    public static void register(Vswitchd daemon, Datapath datapath, FlowStore store) {
        daemon.commands().register("ofctl", new OfctlHandler(datapath, store));
        DatapathAppctl commands = new DatapathAppctl(datapath);
        AppctlHandler appctl = daemon.appctl();
        appctl.register("fdb/show", "bridge", 1, 1, commands::fdbShow);
        appctl.register("fdb/flush", "[bridge]", 0, 1, commands::fdbFlush);
        appctl.register("dpif/show", "", 0, 0, commands::dpifShow);
        appctl.register("ofproto/trace", "bridge flow", 2, Integer.MAX_VALUE, commands::trace);
        PmdAppctl pmd = new PmdAppctl(datapath);
        appctl.register("dpif-netdev/pmd-stats-show", PmdAppctl.STATS_SHOW_USAGE, 0, 3, pmd::statsShow);
        appctl.register("dpif-netdev/pmd-stats-clear", PmdAppctl.STATS_CLEAR_USAGE, 0, 3, pmd::statsClear);
        appctl.register("dpif-netdev/pmd-rxq-show", PmdAppctl.RXQ_USAGE, 0, 5, pmd::rxqShow);
    }
}

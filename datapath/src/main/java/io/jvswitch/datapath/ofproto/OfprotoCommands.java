package io.jvswitch.datapath.ofproto;

import io.jvswitch.datapath.Datapath;
import io.jvswitch.datapath.daemon.Vswitchd;
import io.jvswitch.datapath.server.AppctlHandler;

/** Registers the switch's control commands in a daemon: program "ofctl" and the datapath's appctl commands. */
public final class OfprotoCommands {
    private OfprotoCommands() {
    }

    /** Registers {@link OfctlHandler} as "ofctl" and fdb/show, fdb/flush, dpif/show, ofproto/trace. */
    public static void register(Vswitchd daemon, Datapath datapath, FlowStore store) {
        daemon.commands().register("ofctl", new OfctlHandler(datapath, store));
        DatapathAppctl commands = new DatapathAppctl(datapath);
        AppctlHandler appctl = daemon.appctl();
        appctl.register("fdb/show", "bridge", 1, 1, commands::fdbShow);
        appctl.register("fdb/flush", "[bridge]", 0, 1, commands::fdbFlush);
        appctl.register("dpif/show", "", 0, 0, commands::dpifShow);
        appctl.register("ofproto/trace", "bridge flow", 2, Integer.MAX_VALUE, commands::trace);
    }
}

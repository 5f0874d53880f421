package io.jvswitch.datapath.daemon;

import io.jvswitch.datapath.server.AppctlException;
import io.jvswitch.datapath.server.AppctlHandler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code jvs-appctl} commands every daemon has: {@code version}, {@code exit},
 * {@code vlog/list}, {@code vlog/set} and {@code vlog/reopen} ({@code list-commands} is the
 * handler's own).
 */
public final class BuiltinAppctlCommands {

    private static final Logger LOG = LoggerFactory.getLogger(BuiltinAppctlCommands.class);

    private BuiltinAppctlCommands() {
    }

    /**
     * Registers the built-in commands on {@code daemon}'s appctl table.
     *
     * @param vlog the log-level control, or null when logging is not ours to change (tests)
     */
    public static void register(Vswitchd daemon, VlogControl vlog) {
        AppctlHandler appctl = daemon.appctl();
        appctl.register("version", "", 0, 0, args -> DaemonVersion.line("jvs-vswitchd"));
        appctl.register("exit", "", 0, 0, args -> {
            // The reply still reaches the client: the server's shutdown lets calls in flight finish.
            daemon.requestShutdown();
            return "";
        });
        if (vlog != null) {
            appctl.register("vlog/list", "", 0, 0, args -> vlog.list());
            appctl.register("vlog/set", "{spec}", 0, Integer.MAX_VALUE, args -> vlogSet(vlog, args));
            appctl.register("vlog/reopen", "", 0, 0, args -> {
                if (!vlog.reopenFile()) {
                    throw new AppctlException("Logging to file not configured");
                }
                return "";
            });
        }
    }

    private static String vlogSet(VlogControl vlog, List<String> specs) throws AppctlException {
        try {
            if (specs.isEmpty()) {
                vlog.set("");
            }
            for (String spec : specs) {
                vlog.set(spec);
            }
            LOG.info("log levels set: {}", specs.isEmpty() ? "all to debug" : String.join(" ", specs));
            return "";
        } catch (IllegalArgumentException e) {
            throw new AppctlException(e.getMessage());
        }
    }
}

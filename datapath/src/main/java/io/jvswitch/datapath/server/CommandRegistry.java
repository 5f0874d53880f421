package io.jvswitch.datapath.server;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The control programs this daemon serves, by program name ("vsctl", "ofctl", "appctl").
 * Parts of the daemon register their handler while starting; the control service looks them up
 * per call. Safe for concurrent use.
 */
public final class CommandRegistry {

    private final Map<String, CommandHandler> handlers = new ConcurrentHashMap<>();

    /**
     * Registers the handler for {@code program}.
     *
     * @throws IllegalStateException if the program already has a handler: two parts of the
     *                               daemon claiming one program is a wiring bug
     */
    public void register(String program, CommandHandler handler) {
        CommandHandler previous = handlers.putIfAbsent(program, handler);
        if (previous != null) {
            throw new IllegalStateException("program " + program + " already has a handler");
        }
    }

    /** The handler for {@code program}, if one is registered. */
    public Optional<CommandHandler> find(String program) {
        return Optional.ofNullable(handlers.get(program));
    }

    /** The registered program names, sorted. */
    public Set<String> programs() {
        return new TreeSet<>(handlers.keySet());
    }
}

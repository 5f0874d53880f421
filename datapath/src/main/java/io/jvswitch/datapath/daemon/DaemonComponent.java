package io.jvswitch.datapath.daemon;

/**
 * A part of the daemon with a life: the config store, the datapath, the metrics endpoint.
 * {@link Vswitchd} starts components in the order they were added, after it owns the run
 * directory and before the control socket serves, and closes them in reverse order.
 */
public interface DaemonComponent {

    /** A short name for logs ("config store", "datapath"). */
    String name();

    /**
     * Starts the component. It may register gRPC services ({@link Vswitchd#addService}), command
     * handlers ({@link Vswitchd#commands()}) and appctl commands ({@link Vswitchd#appctl()}).
     *
     * @throws Exception to abort the daemon's start; the message is shown to the user
     */
    void start(Vswitchd daemon) throws Exception;

    /** Releases what {@link #start} took. Called once, also after a failed start of a later component. */
    default void close() throws Exception {
    }

    /** What a component does at start. */
    @FunctionalInterface
    interface Starter {
        /** Starts the part; may register services and handlers on {@code daemon}. */
        void start(Vswitchd daemon) throws Exception;
    }

    /** What a component does at close. */
    @FunctionalInterface
    interface Stopper {
        /** Releases the part. */
        void close() throws Exception;
    }

    /**
     * A component from two lambdas, for parts whose wiring is a few lines:
     * <pre>{@code
     * daemon.add(DaemonComponent.of("config store", d -> {
     *     store = ConfigStore.open(d.locations().databaseFile());
     *     d.addService(new ConfigServiceAdapter(store));
     *     d.commands().register("vsctl", new VsctlHandler(store));
     * }, () -> store.close()));
     * }</pre>
     */
    static DaemonComponent of(String name, Starter starter, Stopper stopper) {
        return new DaemonComponent() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start(Vswitchd daemon) throws Exception {
                starter.start(daemon);
            }

            @Override
            public void close() throws Exception {
                stopper.close();
            }
        };
    }
}

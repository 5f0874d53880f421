package io.jvswitch.ovsdb;

import io.jvswitch.ovsdb.feed.ChangeListener;

/**
 * A registered {@link ChangeListener}. {@link #initial()} is the database exactly as of the moment of
 * subscribing; the listener then receives every later transaction, none missed, none twice. {@link #close()}
 * stops delivery (idempotent).
 */
public interface Subscription extends AutoCloseable {
    /** The snapshot the subscription starts from. */
    DatabaseSnapshot initial();

    /** Unregisters the listener. */
    @Override
    void close();
}

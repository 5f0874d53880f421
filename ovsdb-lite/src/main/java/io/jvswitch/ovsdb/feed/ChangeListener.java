package io.jvswitch.ovsdb.feed;

/**
 * Receives every committed transaction's {@link ChangeSet}, in commit order, after the commit is durable.
 *
 * <p><b>Policy.</b> Listeners run on the committing thread, after the store's writer lock is released, under a
 * separate delivery lock that keeps commit order; so a transaction's own listeners have all run before
 * {@code transact} returns (the OVSDB rule "updates before the reply"). A listener must therefore be quick and
 * never block: hand work to your own queue/thread. An exception thrown by a listener is logged and swallowed;
 * it never undoes or fails the commit, and the listener keeps receiving later changes.
 */
@FunctionalInterface
public interface ChangeListener {
    /** Called once per committed transaction that changed something. */
    void onChange(ChangeSet changes);
}

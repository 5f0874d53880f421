package io.jvswitch.ovsdb.jsonrpc;

import io.jvswitch.ovsdb.json.Json;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The server's named locks (RFC 7047 §4.1.8-4.1.10): per name, a queue of waiting sessions whose head owns the
 * lock. {@code lock} joins the queue, {@code steal} jumps to its head (the previous owner gets {@code stolen}),
 * {@code unlock} or the end of a session leaves it (the next waiter gets {@code locked}). Thread-safe.
 *
 * @param <S> the session type; notifications go through the callback given at construction
 */
final class LockTable<S> {
    private final Map<String, Deque<S>> queues = new HashMap<>();
    private final BiConsumer<S, JsonRpcMessage> notify;

    LockTable(BiConsumer<S, JsonRpcMessage> notify) {
        this.notify = notify;
    }

    /** {@code lock}: whether {@code session} owns {@code name} at once (else it waits for "locked"). */
    synchronized boolean lock(String name, S session) {
        Deque<S> q = queues.computeIfAbsent(name, n -> new ArrayDeque<>());
        if (!q.contains(session)) {
            q.addLast(session);
        }
        return q.peekFirst() == session;
    }

    /** {@code steal}: {@code session} owns {@code name} now; the previous owner is told "stolen". */
    synchronized void steal(String name, S session) {
        Deque<S> q = queues.computeIfAbsent(name, n -> new ArrayDeque<>());
        S previous = q.peekFirst();
        q.remove(session);
        q.addFirst(session);
        if (previous != null && previous != session) {
            notify.accept(previous, JsonRpcMessage.notification("stolen", Json.array(Json.of(name))));
        }
    }

    /** {@code unlock}: {@code session} leaves {@code name}'s queue; the next waiter may become owner. */
    synchronized void unlock(String name, S session) {
        Deque<S> q = queues.get(name);
        if (q == null) {
            return;
        }
        boolean wasOwner = q.peekFirst() == session;
        q.remove(session);
        if (q.isEmpty()) {
            queues.remove(name);
        } else if (wasOwner) {
            notify.accept(q.peekFirst(), JsonRpcMessage.notification("locked", Json.array(Json.of(name))));
        }
    }

    /** Whether {@code session} owns {@code name}. */
    synchronized boolean owns(String name, S session) {
        Deque<S> q = queues.get(name);
        return q != null && q.peekFirst() == session;
    }

    /** Releases every lock {@code session} holds or waits for (the session ended). */
    synchronized void releaseAll(S session) {
        for (String name : Map.copyOf(queues).keySet()) {
            unlock(name, session);
        }
    }
}

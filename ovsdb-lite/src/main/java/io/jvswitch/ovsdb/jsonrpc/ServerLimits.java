package io.jvswitch.ovsdb.jsonrpc;

/**
 * Bounds that keep one client from hurting the others.
 *
 * @param maxSessions     connections served at once; more are refused (closed at once, logged)
 * @param maxMessageBytes longest accepted message; a longer one closes its session
 * @param maxBacklogBytes outgoing bytes queued for one peer before it is taken as stuck and cut off
 */
public record ServerLimits(int maxSessions, int maxMessageBytes, long maxBacklogBytes) {
    /** The defaults: 256 sessions, 64 MiB messages, 256 MiB backlog per peer. */
    public static final ServerLimits DEFAULT = new ServerLimits(256, 64 << 20, 256L << 20);
}

package io.jvswitch.ovsdb.journal;

/**
 * The journal's state machine (after Open vSwitch's {@code ovsdb/log.c}).
 *
 * <pre>
 *   READ ──clean end──────────────► WRITE ◄──────────────┐
 *     │                              │ append fails,     │ next append
 *     └─damaged tail─► READ_ERROR    │ truncate back ok  │ (truncates first)
 *                        │           ▼                   │
 *                        └─append─► WRITE ◄─── WRITE_ERROR
 *                                    │ append fails and truncating back fails too
 *                                    ▼
 *                                  BROKEN  (every later append fails)
 * </pre>
 */
public enum JournalState {
    /** Replaying records at open. */
    READ,
    /** Replay stopped at a torn or corrupt record; the next append truncates the file there first. */
    READ_ERROR,
    /** Appending normally. */
    WRITE,
    /** An append failed and the file was truncated back to its last good record; appends may be retried. */
    WRITE_ERROR,
    /** An append failed and the file could not be restored; no further writes are possible. */
    BROKEN
}

package io.jvswitch.datapath.port;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counters a {@link PortIo} keeps about what it could not move, read by anyone (racy reads are fine
 * for monitoring). The receive counters are written only by the thread that polls the port; the
 * transmit counters may be written by every PMD that sends to the port (through
 * {@link PortIo#openSender()} handles sharing this object), so they are only ever added to atomically.
 */
public final class PortIoStats {
    private static final VarHandle TX_ERRORS;
    private static final VarHandle TX_DROPPED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TX_ERRORS = lookup.findVarHandle(PortIoStats.class, "txErrors", long.class);
            TX_DROPPED = lookup.findVarHandle(PortIoStats.class, "txDropped", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Receive errors (failed system calls other than "nothing waiting"). */
    public volatile long rxErrors;
    /** Frames received but dropped by the port (too long for the batch, truncated by the kernel). */
    public volatile long rxDropped;
    /** Transmit errors (failed system calls other than "try again"); add with {@link #addTxErrors}. */
    public volatile long txErrors;
    /** Frames dropped on transmit (device busy or down); add with {@link #addTxDropped}. */
    public volatile long txDropped;

    /** Counts {@code frames} dropped on transmit; safe from several sending threads. */
    public void addTxDropped(long frames) {
        TX_DROPPED.getAndAdd(this, frames);
    }

    /** Counts {@code errors} transmit errors; safe from several sending threads. */
    public void addTxErrors(long errors) {
        TX_ERRORS.getAndAdd(this, errors);
    }
}

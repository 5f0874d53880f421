package io.jvswitch.datapath.port;

/**
 * Counters a {@link PortIo} keeps about what it could not move: written only by the thread that
 * uses the port, read by anyone (plain longs read racily are fine for monitoring).
 */
public final class PortIoStats {
    /** Receive errors (failed system calls other than "nothing waiting"). */
    public volatile long rxErrors;
    /** Frames received but dropped by the port (too long for the batch, truncated by the kernel). */
    public volatile long rxDropped;
    /** Transmit errors (failed system calls other than "try again"). */
    public volatile long txErrors;
    /** Frames dropped on transmit (device busy or down). */
    public volatile long txDropped;
}

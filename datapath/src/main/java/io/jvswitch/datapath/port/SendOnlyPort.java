package io.jvswitch.datapath.port;

import io.jvswitch.datapath.packet.PacketBatch;

/**
 * The common part of the send-only handles {@link PortIo#openSender()} returns: it receives nothing,
 * has no fd to wait on, and reports its owner's link state and counters. Subclasses say how they send
 * and what they release.
 */
public abstract class SendOnlyPort implements PortIo {
    private final PortIo owner;

    /** A sender on {@code owner}'s device. */
    protected SendOnlyPort(PortIo owner) {
        this.owner = owner;
    }

    @Override
    public final int receive(PacketBatch batch) {
        return 0;
    }

    @Override
    public final int pollFd() {
        return -1;
    }

    @Override
    public final boolean isLinkUp() {
        return owner.isLinkUp();
    }

    @Override
    public final PortIoStats stats() {
        return owner.stats();
    }

    /** Nothing to release unless a subclass holds something of its own. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return owner + " (sender)";
    }
}

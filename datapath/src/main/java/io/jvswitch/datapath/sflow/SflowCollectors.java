package io.jvswitch.datapath.sflow;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP sockets of one agent, one connected non-blocking socket per target, as Open vSwitch's
 * {@code collectors} module keeps them. Sending never blocks: a datagram the kernel will not take
 * (socket buffer full), an ICMP error reported by an earlier send (a collector that is not
 * listening gives ECONNREFUSED on every other send), or a target that could not be opened (no
 * route) is counted as a failure and logged at most once per {@link #LOG_INTERVAL_NS}.
 *
 * <p>Threading: agent thread only; the counters may be read by anyone.
 */
final class SflowCollectors implements AutoCloseable {
    /** Minimum time between two warnings about failed sends. */
    static final long LOG_INTERVAL_NS = 5_000_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(SflowCollectors.class);

    private final List<SflowTarget> targets;
    private final DatagramChannel[] channels;
    private long nextLogNs = Long.MIN_VALUE;
    private long failuresSinceLog;

    private volatile long sent;
    private volatile long failures;

    /** Opens a socket per target; a target that cannot be opened now is retried by {@link #reopenMissing}. */
    SflowCollectors(List<SflowTarget> targets, long nowNs) {
        this.targets = List.copyOf(targets);
        this.channels = new DatagramChannel[targets.size()];
        reopenMissing(nowNs);
    }

    /** The targets these sockets send to. */
    List<SflowTarget> targets() {
        return targets;
    }

    /** Tries again to open the sockets that failed to open (e.g. no route to the target yet). */
    void reopenMissing(long nowNs) {
        for (int i = 0; i < channels.length; i++) {
            if (channels[i] != null) {
                continue;
            }
            SflowTarget target = targets.get(i);
            DatagramChannel channel = null;
            try {
                channel = DatagramChannel.open(target.address().getAddress() instanceof Inet4Address
                    ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
                channel.configureBlocking(false);
                channel.connect(target.address());
                channels[i] = channel;
            } catch (IOException e) {
                closeQuietly(channel);
                failed(nowNs, target, e);
            }
        }
    }

    /** Sends {@code datagram} (position to limit) to every target; never blocks. */
    void send(ByteBuffer datagram, long nowNs) {
        int start = datagram.position();
        for (int i = 0; i < channels.length; i++) {
            datagram.position(start);
            DatagramChannel channel = channels[i];
            if (channel == null) {
                failed(nowNs, targets.get(i), null);
                continue;
            }
            try {
                if (channel.write(datagram) > 0) {
                    sent++;
                } else {
                    failed(nowNs, targets.get(i), null);
                }
            } catch (IOException e) {
                // PortUnreachableException (ECONNREFUSED) and friends: the socket stays usable.
                failed(nowNs, targets.get(i), e);
            }
        }
    }

    private void failed(long nowNs, SflowTarget target, IOException cause) {
        failures++;
        failuresSinceLog++;
        if (nowNs - nextLogNs >= 0 || nextLogNs == Long.MIN_VALUE) {
            String why = cause == null ? "not sent" : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
            LOG.warn("sFlow: sending to collector {} failed: {}; {} failure(s) since the last warning",
                target, why, failuresSinceLog);
            failuresSinceLog = 0;
            nextLogNs = nowNs + LOG_INTERVAL_NS;
        }
    }

    /** Datagrams handed to the kernel (one per target). */
    long sent() {
        return sent;
    }

    /** Datagrams not sent to a target (refused, no route, socket full, socket not open). */
    long failures() {
        return failures;
    }

    @Override
    public void close() {
        for (int i = 0; i < channels.length; i++) {
            closeQuietly(channels[i]);
            channels[i] = null;
        }
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("sFlow: closing a collector socket failed", e);
            }
        }
    }
}

package io.jvswitch.datapath.normal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * MAC learning of one bridge shared between the PMD threads that serve its ports.
 *
 * <h2>What</h2>
 * When a bridge's ports are spread over several PMDs, each PMD keeps its own
 * {@link MacLearningTable} for the bridge but sees frames only from the ports it polls. This class
 * lets the tables learn from each other: every member PMD announces what it learns
 * ({@link Member#publish}: VLAN, MAC, port) to every other member, and applies what the others
 * announced ({@link Member#drain}) to its own table once per receive batch. A member announces an
 * entry when it is new or moved, and again whenever it keeps seeing the address but has not
 * announced it for {@link #REFRESH_NS}, so the peers' copies do not age out while traffic flows
 * (see {@link MacLearningTable#learnShared}). Applied announcements are never announced again: a
 * member publishes only what it learned from its own ports.
 *
 * <h2>Threading</h2>
 * Each member has one inbox, an Agrona {@link ManyToOneRingBuffer} of fixed-size records over an
 * aligned direct buffer: the other members write into it (lock-free: one CAS on the tail to claim
 * a record, then a release store of its length to commit it) and only the owner reads it. A
 * {@link Member} is used by one thread, the PMD it belongs to; {@link Member#publish} and
 * {@link Member#drain} never lock, block or allocate. A producer preempted between claiming and
 * committing a record only delays the reader at that record until the next drain. A full inbox
 * drops the announcement and counts it ({@link #droppedEvents()}): a lost announcement costs
 * floods until the address is announced again (next move, or the next refresh a second later).
 * The counters may be read from any thread.
 *
 * <h2>Invariants</h2>
 * An inbox holds only announcements from other members, in the order each producer published
 * them; a member never reads its own announcements and never re-publishes one it applied, so
 * there is no echo and traffic is bounded by what members learn from their own ports. Tables are
 * eventually consistent, not identical: announcements cross in flight (two members seeing one
 * address on two ports at once may each end with the other's port until the address's next frame
 * corrects the member that polls it), and each table still ages and evicts on its own. With one
 * member there is no inbox and both operations return at once.
 */
public final class MacLearningShare {
    /** How long a member keeps seeing an address before announcing it again (1 s). */
    public static final long REFRESH_NS = TimeUnit.SECONDS.toNanos(1);
    /** Default inbox capacity in announcements. */
    public static final int DEFAULT_CAPACITY_PER_INBOX = 4096;

    private static final int MSG_TYPE_LEARN = 1;
    private static final int MAC_OFFSET = 0;
    private static final int VLAN_OFFSET = MAC_OFFSET + Long.BYTES;
    private static final int PORT_OFFSET = VLAN_OFFSET + Integer.BYTES;
    private static final int EVENT_LENGTH = PORT_OFFSET + Integer.BYTES;
    private static final int RECORD_LENGTH =
        BitUtil.align(RecordDescriptor.HEADER_LENGTH + EVENT_LENGTH, RecordDescriptor.ALIGNMENT);

    /** Largest inbox capacity in announcements (a 64 MiB ring). */
    public static final int MAX_CAPACITY_PER_INBOX = (1 << 26) / RECORD_LENGTH;
    private static final int MIN_RING_BYTES = 1024;

    private final Member[] members;
    private final int capacityPerInbox;

    /**
     * A share among {@code members} PMDs, each with an inbox of at least {@code capacityPerInbox}
     * announcements (rounded up to fill a power-of-two ring).
     */
    public MacLearningShare(int members, int capacityPerInbox) {
        if (members < 1) {
            throw new IllegalArgumentException("a share needs at least one member: " + members);
        }
        if (capacityPerInbox < 1 || capacityPerInbox > MAX_CAPACITY_PER_INBOX) {
            throw new IllegalArgumentException("inbox capacity must be positive: " + capacityPerInbox);
        }
        this.capacityPerInbox = capacityPerInbox;
        this.members = new Member[members];
        RingBuffer[] inboxes = new RingBuffer[members];
        if (members > 1) {
            for (int m = 0; m < members; m++) {
                inboxes[m] = newInbox(capacityPerInbox);
            }
        }
        for (int m = 0; m < members; m++) {
            RingBuffer[] peers = new RingBuffer[members - 1];
            int n = 0;
            for (int p = 0; p < members; p++) {
                if (p != m) {
                    peers[n++] = inboxes[p];
                }
            }
            this.members[m] = new Member(m, inboxes[m], peers);
        }
    }

    private static RingBuffer newInbox(int capacity) {
        int bytes = BitUtil.findNextPositivePowerOfTwo(Math.max(capacity * RECORD_LENGTH, MIN_RING_BYTES));
        int total = bytes + RingBufferDescriptor.TRAILER_LENGTH;
        return new ManyToOneRingBuffer(new UnsafeBuffer(BufferUtil.allocateDirectAligned(total,
            BitUtil.CACHE_LINE_LENGTH)));
    }

    /** Number of member PMDs. */
    public int memberCount() {
        return members.length;
    }

    /** Requested inbox capacity in announcements. */
    public int capacityPerInbox() {
        return capacityPerInbox;
    }

    /** Member {@code id} ({@code 0 .. memberCount()-1}); hand each to exactly one PMD. */
    public Member member(int id) {
        return members[id];
    }

    /** Announcements dropped because a peer's inbox was full, over all members. */
    public long droppedEvents() {
        long sum = 0;
        for (Member m : members) {
            sum += m.droppedEvents();
        }
        return sum;
    }

    /**
     * One PMD's end of the share: publishes into the peers' inboxes and drains its own.
     *
     * <p>Threading: owned by one PMD thread; only the counters may be read elsewhere.
     */
    public static final class Member {
        private final int id;
        private final RingBuffer inbox;
        private final RingBuffer[] peers;
        private final int drainLimit;
        private final AtomicLong published = new AtomicLong();
        private final AtomicLong dropped = new AtomicLong();
        private final AtomicLong applied = new AtomicLong();
        private final AtomicLong rejected = new AtomicLong();
        private final MessageHandler applier = this::apply;
        private MacLearningTable drainTable;
        private long drainNowNs;
        private IntPredicate drainPortFilter;
        private int drainRejected;

        Member(int id, RingBuffer inbox, RingBuffer[] peers) {
            this.id = id;
            this.inbox = inbox;
            this.peers = peers;
            this.drainLimit = inbox == null ? 0 : inbox.capacity() / RECORD_LENGTH;
        }

        /** This member's id in its share. */
        public int id() {
            return id;
        }

        /** Number of other members (0 in a share of one: nothing to do). */
        public int peerCount() {
            return peers.length;
        }

        /**
         * Announces that ({@code vlan}, {@code mac}) is on {@code port} to every other member. A
         * full inbox drops the announcement for that peer and counts it. Never blocks or allocates.
         */
        public void publish(int vlan, long mac, int port) {
            RingBuffer[] list = peers;
            for (int k = 0; k < list.length; k++) {
                RingBuffer ring = list[k];
                int index = ring.tryClaim(MSG_TYPE_LEARN, EVENT_LENGTH);
                if (index < 0) {
                    dropped.setRelease(dropped.getPlain() + 1);
                    continue;
                }
                MutableDirectBuffer buffer = ring.buffer();
                buffer.putLong(index + MAC_OFFSET, mac);
                buffer.putInt(index + VLAN_OFFSET, vlan);
                buffer.putInt(index + PORT_OFFSET, port);
                ring.commit(index);
                published.setRelease(published.getPlain() + 1);
            }
        }

        /**
         * Applies every announcement waiting in this member's inbox (at most one inbox's worth) to
         * {@code table} with {@link MacLearningTable#learn} at {@code nowNs}, the caller's own time.
         * Never allocates; returns how many were read.
         */
        public int drain(MacLearningTable table, long nowNs) {
            return drain(table, nowNs, null);
        }

        /**
         * Like {@link #drain(MacLearningTable, long)}, but skips announcements whose port
         * {@code acceptPort} (if not null) rejects, e.g. a port this member already saw leave the
         * bridge.
         */
        public int drain(MacLearningTable table, long nowNs, IntPredicate acceptPort) {
            if (inbox == null) {
                return 0;
            }
            drainTable = table;
            drainNowNs = nowNs;
            drainPortFilter = acceptPort;
            drainRejected = 0;
            // A read stops at the end of the ring (after skipping the padding there, which it does
            // not count), so a second read picks up what follows the wrap. The limit keeps a busy
            // inbox from holding this PMD for more than one inbox's worth.
            int total = inbox.read(applier, drainLimit);
            if (total < drainLimit) {
                total += inbox.read(applier, drainLimit - total);
            }
            drainTable = null;
            drainPortFilter = null;
            if (total > 0) {
                applied.setRelease(applied.getPlain() + total - drainRejected);
                if (drainRejected > 0) {
                    rejected.setRelease(rejected.getPlain() + drainRejected);
                }
            }
            return total;
        }

        private void apply(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
            if (msgTypeId != MSG_TYPE_LEARN) {
                return;
            }
            int port = buffer.getInt(index + PORT_OFFSET);
            IntPredicate filter = drainPortFilter;
            if (filter != null && !filter.test(port)) {
                drainRejected++;
                return;
            }
            drainTable.learn(buffer.getInt(index + VLAN_OFFSET), buffer.getLong(index + MAC_OFFSET), port,
                drainNowNs);
        }

        /** Announcements this member wrote into peers' inboxes (one per peer). */
        public long publishedEvents() {
            return published.get();
        }

        /** Announcements this member could not write because a peer's inbox was full. */
        public long droppedEvents() {
            return dropped.get();
        }

        /** Announcements this member applied to its table. */
        public long appliedEvents() {
            return applied.get();
        }

        /** Announcements this member read but skipped (port rejected by the drain's filter). */
        public long rejectedEvents() {
            return rejected.get();
        }
    }
}

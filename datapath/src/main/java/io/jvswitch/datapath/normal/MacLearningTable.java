package io.jvswitch.datapath.normal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.jvswitch.datapath.packet.MacAddresses;

/**
 * The MAC learning table of one bridge: which port each (VLAN, MAC) was last seen on.
 *
 * <h2>What</h2>
 * Entries are keyed by {@code VLAN << 48 | MAC} in a {@code long}. At most {@link #maxEntries()}
 * entries are kept (default 2048, Open vSwitch's {@code mac-table-size}); learning a new address
 * into a full table evicts the least recently seen entry. An entry not seen for
 * {@link #agingNs()} (default 300 s, {@code mac-aging-time}) is gone: lookups ignore it and
 * {@link #expire(long)} reclaims it. Learning a known address on another port moves it.
 *
 * <h2>Layout</h2>
 * Entries live in parallel primitive arrays indexed by an entry id (key, port, last-seen time,
 * last-shared time, LRU links). A separate open-addressing index (linear probing, at most half
 * full, deletion by backward shift) maps a key to its entry id, so deleting never moves an entry and the
 * doubly-linked LRU list over entry ids (head = least recently seen) stays valid. Nothing is
 * boxed and nothing allocates after construction except {@link #setMaxEntries(int)} and
 * {@link #dump(long)}.
 *
 * <h2>Threading</h2>
 * Single writer and reader: the PMD that owns this table. Control-plane reads ({@code fdb/show})
 * and changes (flush, limits) run on that PMD through its {@code PmdProxy}. A bridge whose ports
 * are spread over several PMDs has one table per PMD; they learn from each other's ports through
 * a {@link MacLearningShare}: {@link #learnShared} tells the owner when an address is new, moved
 * or due to be re-announced, and the owner applies its peers' announcements with {@link #learn}.
 * The table itself is never touched by another thread.
 *
 * <h2>Invariants</h2>
 * {@code size} entries are linked in LRU order by non-decreasing last-seen time (callers pass a
 * monotonic {@code nowNs}); the index holds exactly their ids, each reachable from its key's home
 * slot without crossing an empty slot.
 */
public final class MacLearningTable {
    /** Default maximum number of entries ({@code other_config:mac-table-size}). */
    public static final int DEFAULT_MAX_ENTRIES = 2048;
    /** Default aging time ({@code other_config:mac-aging-time}, 300 s). */
    public static final long DEFAULT_AGING_NS = TimeUnit.SECONDS.toNanos(300);
    /** Returned by {@link #lookup} when the address is unknown. */
    public static final int NO_PORT = -1;
    /** {@link #learnShared}: the port is unchanged and the entry was shared recently. */
    public static final int LEARN_UNCHANGED = 0;
    /** {@link #learnShared}: the entry is new (or had aged) or moved to another port. */
    public static final int LEARN_CHANGED = 1;
    /** {@link #learnShared}: the port is unchanged but the entry was last shared long enough ago. */
    public static final int LEARN_REFRESH_DUE = 2;

    private static final int EMPTY = 0;
    private static final int NIL = -1;

    private long agingNs;
    private int maxEntries;
    private long[] keys;
    private int[] ports;
    private long[] lastSeenNs;
    private long[] lastSharedNs;
    private int[] lruPrev;
    private int[] lruNext;
    private int[] index;
    private int indexMask;
    private int lruHead;
    private int lruTail;
    private int freeHead;
    private int size;
    private long evictions;
    private long moves;

    /** A table with the default size and aging time. */
    public MacLearningTable() {
        this(DEFAULT_MAX_ENTRIES, DEFAULT_AGING_NS);
    }

    /** A table of at most {@code maxEntries} entries that age after {@code agingNs}. */
    public MacLearningTable(int maxEntries, long agingNs) {
        setAgingNs(agingNs);
        allocate(maxEntries);
    }

    /** Packs a VLAN and a MAC into a table key. */
    public static long key(int vlan, long mac) {
        return ((long) (vlan & 0xFFF) << 48) | (mac & 0xFFFF_FFFF_FFFFL);
    }

    private void allocate(int newMax) {
        if (newMax < 1) {
            throw new IllegalArgumentException("mac-table-size must be positive: " + newMax);
        }
        maxEntries = newMax;
        keys = new long[newMax];
        ports = new int[newMax];
        lastSeenNs = new long[newMax];
        lastSharedNs = new long[newMax];
        lruPrev = new int[newMax];
        lruNext = new int[newMax];
        int indexSize = Integer.highestOneBit(Math.max(4, newMax * 2 - 1)) << 1;
        index = new int[indexSize];
        indexMask = indexSize - 1;
        clearAll();
    }

    private void clearAll() {
        Arrays.fill(index, EMPTY);
        for (int e = 0; e < maxEntries; e++) {
            lruNext[e] = e + 1 < maxEntries ? e + 1 : NIL;
        }
        freeHead = 0;
        lruHead = NIL;
        lruTail = NIL;
        size = 0;
    }

    /** Maximum number of entries. */
    public int maxEntries() {
        return maxEntries;
    }

    /** Aging time in nanoseconds. */
    public long agingNs() {
        return agingNs;
    }

    /** Number of entries (including any aged ones not yet reclaimed by {@link #expire}). */
    public int size() {
        return size;
    }

    /** Entries evicted because the table was full. */
    public long evictions() {
        return evictions;
    }

    /** Addresses that moved to another port. */
    public long moves() {
        return moves;
    }

    /** Changes the aging time; takes effect on the next lookup or expiry. */
    public void setAgingNs(long newAgingNs) {
        if (newAgingNs <= 0) {
            throw new IllegalArgumentException("mac-aging-time must be positive: " + newAgingNs);
        }
        agingNs = newAgingNs;
    }

    /** Changes the maximum size, keeping the most recently seen entries. Allocates; control path. */
    public void setMaxEntries(int newMax) {
        int count = size;
        long[] oldKeys = new long[count];
        int[] oldPorts = new int[count];
        long[] oldSeen = new long[count];
        long[] oldShared = new long[count];
        int n = 0;
        for (int e = lruHead; e != NIL; e = lruNext[e]) {
            oldKeys[n] = keys[e];
            oldPorts[n] = ports[e];
            oldSeen[n] = lastSeenNs[e];
            oldShared[n] = lastSharedNs[e];
            n++;
        }
        allocate(newMax);
        for (int k = Math.max(0, count - newMax); k < count; k++) {
            int e = insertNew(oldKeys[k], oldPorts[k], oldSeen[k]);
            lastSharedNs[e] = oldShared[k];
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private int findSlot(long key) {
        for (int s = hash(key) & indexMask; ; s = (s + 1) & indexMask) {
            int v = index[s];
            if (v == EMPTY) {
                return NIL;
            }
            if (keys[v - 1] == key) {
                return s;
            }
        }
    }

    /**
     * The port on which ({@code vlan}, {@code mac}) was last seen, or {@link #NO_PORT} when unknown
     * or aged out (an aged entry is removed).
     */
    public int lookup(int vlan, long mac, long nowNs) {
        int slot = findSlot(key(vlan, mac));
        if (slot == NIL) {
            return NO_PORT;
        }
        int e = index[slot] - 1;
        if (nowNs - lastSeenNs[e] >= agingNs) {
            removeAt(slot);
            return NO_PORT;
        }
        return ports[e];
    }

    /**
     * Records that ({@code vlan}, {@code mac}) was seen on {@code port} at {@code nowNs}. Returns
     * true when the entry is new (or had aged out) or moved to another port. A new or moved entry
     * counts as shared at {@code nowNs} (see {@link #learnShared}).
     */
    public boolean learn(int vlan, long mac, int port, long nowNs) {
        return learnShared(vlan, mac, port, nowNs, Long.MAX_VALUE) == LEARN_CHANGED;
    }

    /**
     * Records that ({@code vlan}, {@code mac}) was seen on {@code port} at {@code nowNs}, like
     * {@link #learn}, and says whether the owner should announce the entry to its peers.
     *
     * @param refreshNs how long an unchanged entry may go without being announced
     * @return {@link #LEARN_CHANGED} when the entry is new, had aged out or moved;
     *     {@link #LEARN_REFRESH_DUE} when it is unchanged but was last announced at least
     *     {@code refreshNs} ago; else {@link #LEARN_UNCHANGED}. Both announcing results mark the
     *     entry as shared at {@code nowNs}.
     */
    public int learnShared(int vlan, long mac, int port, long nowNs, long refreshNs) {
        long key = key(vlan, mac);
        int slot = findSlot(key);
        if (slot != NIL) {
            int e = index[slot] - 1;
            boolean aged = nowNs - lastSeenNs[e] >= agingNs;
            lastSeenNs[e] = nowNs;
            unlink(e);
            linkTail(e);
            if (ports[e] != port) {
                ports[e] = port;
                if (!aged) {
                    moves++;
                }
                lastSharedNs[e] = nowNs;
                return LEARN_CHANGED;
            }
            if (aged) {
                lastSharedNs[e] = nowNs;
                return LEARN_CHANGED;
            }
            if (nowNs - lastSharedNs[e] >= refreshNs) {
                lastSharedNs[e] = nowNs;
                return LEARN_REFRESH_DUE;
            }
            return LEARN_UNCHANGED;
        }
        if (size == maxEntries) {
            removeEntry(lruHead);
            evictions++;
        }
        insertNew(key, port, nowNs);
        return LEARN_CHANGED;
    }

    private int insertNew(long key, int port, long nowNs) {
        int e = freeHead;
        freeHead = lruNext[e];
        keys[e] = key;
        ports[e] = port;
        lastSeenNs[e] = nowNs;
        lastSharedNs[e] = nowNs;
        linkTail(e);
        int s = hash(key) & indexMask;
        while (index[s] != EMPTY) {
            s = (s + 1) & indexMask;
        }
        index[s] = e + 1;
        size++;
        return e;
    }

    /** Removes every entry not seen for the aging time; returns how many. Cheap when none are due. */
    public int expire(long nowNs) {
        int removed = 0;
        while (lruHead != NIL && nowNs - lastSeenNs[lruHead] >= agingNs) {
            removeEntry(lruHead);
            removed++;
        }
        return removed;
    }

    /** Removes every entry. */
    public void flush() {
        clearAll();
    }

    /** Removes the entries learned on {@code port}; returns how many. */
    public int flushPort(int port) {
        int removed = 0;
        for (int e = lruHead; e != NIL; ) {
            int next = lruNext[e];
            if (ports[e] == port) {
                removeEntry(e);
                removed++;
            }
            e = next;
        }
        return removed;
    }

    /** Removes the entries of VLAN {@code vlan}; returns how many. */
    public int flushVlan(int vlan) {
        int removed = 0;
        for (int e = lruHead; e != NIL; ) {
            int next = lruNext[e];
            if ((int) (keys[e] >>> 48) == vlan) {
                removeEntry(e);
                removed++;
            }
            e = next;
        }
        return removed;
    }

    /**
     * The live entries, least recently seen first (the order {@code fdb/show} prints), with their
     * age in whole seconds at {@code nowNs}. Allocates; control path.
     */
    public List<MacEntry> dump(long nowNs) {
        List<MacEntry> out = new ArrayList<>(size);
        for (int e = lruHead; e != NIL; e = lruNext[e]) {
            long ageNs = nowNs - lastSeenNs[e];
            if (ageNs < agingNs) {
                out.add(new MacEntry(ports[e], (int) (keys[e] >>> 48), keys[e] & 0xFFFF_FFFF_FFFFL,
                    TimeUnit.NANOSECONDS.toSeconds(Math.max(0, ageNs))));
            }
        }
        return out;
    }

    private void removeEntry(int e) {
        int s = hash(keys[e]) & indexMask;
        while (index[s] != e + 1) {
            s = (s + 1) & indexMask;
        }
        removeAt(s);
    }

    /** Empties index slot {@code slot}, frees its entry, and closes the gap by backward shift. */
    private void removeAt(int slot) {
        int e = index[slot] - 1;
        unlink(e);
        lruNext[e] = freeHead;
        freeHead = e;
        size--;
        int gap = slot;
        index[gap] = EMPTY;
        for (int s = (gap + 1) & indexMask; index[s] != EMPTY; s = (s + 1) & indexMask) {
            int home = hash(keys[index[s] - 1]) & indexMask;
            // Move the entry into the gap unless its home lies cyclically in (gap, s].
            boolean homeBetween = gap <= s ? (home > gap && home <= s) : (home > gap || home <= s);
            if (!homeBetween) {
                index[gap] = index[s];
                index[s] = EMPTY;
                gap = s;
            }
        }
    }

    private void unlink(int e) {
        int p = lruPrev[e];
        int n = lruNext[e];
        if (p == NIL) {
            lruHead = n;
        } else {
            lruNext[p] = n;
        }
        if (n == NIL) {
            lruTail = p;
        } else {
            lruPrev[n] = p;
        }
    }

    private void linkTail(int e) {
        lruPrev[e] = lruTail;
        lruNext[e] = NIL;
        if (lruTail == NIL) {
            lruHead = e;
        } else {
            lruNext[lruTail] = e;
        }
        lruTail = e;
    }

    /**
     * One learned address, as {@code fdb/show} prints it.
     *
     * @param port datapath port index
     * @param vlan VLAN
     * @param mac MAC as a 48-bit value
     * @param ageSeconds seconds since last seen
     */
    public record MacEntry(int port, int vlan, long mac, long ageSeconds) {
        @Override
        public String toString() {
            return port + " " + vlan + " " + MacAddresses.format(mac) + " " + ageSeconds;
        }
    }
}

package io.jvswitch.datapath.sflow;

import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link CounterSource} over ports defined by the test, with counters that grow on each read. */
final class TestCounterSource implements CounterSource {
    private final Map<Integer, Long> basePackets = new LinkedHashMap<>();
    private int reads;

    /** Adds a port whose rx packet counter starts at {@code packets}. */
    synchronized TestCounterSource port(int ifIndex, long packets) {
        basePackets.put(ifIndex, packets);
        return this;
    }

    synchronized void remove(int ifIndex) {
        basePackets.remove(ifIndex);
    }

    synchronized int reads() {
        return reads;
    }

    @Override
    public synchronized int portIfIndexes(int[] into) {
        int i = 0;
        for (int ifIndex : basePackets.keySet()) {
            if (i < into.length) {
                into[i] = ifIndex;
            }
            i++;
        }
        return i;
    }

    @Override
    public synchronized boolean readCounters(int ifIndex, PortCounters into) {
        Long packets = basePackets.get(ifIndex);
        if (packets == null) {
            return false;
        }
        reads++;
        into.name = "port" + ifIndex;
        into.speed = 10_000_000_000L;
        into.direction = PortCounters.DIRECTION_FULL_DUPLEX;
        into.adminUp = true;
        into.operUp = true;
        into.rxPackets = packets;
        into.rxOctets = packets * 100;
        into.rxMulticast = 2;
        into.rxDiscards = 0;
        into.rxErrors = 0;
        into.txPackets = packets / 2;
        into.txOctets = packets * 50;
        into.txDiscards = 1;
        into.txErrors = 0;
        basePackets.put(ifIndex, packets + 10);
        return true;
    }
}

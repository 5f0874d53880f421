package io.jvswitch.datapath.sflow;

/**
 * Where the {@link SflowAgent} gets port counters for counter samples; implemented by the
 * datapath (per bridge). Called only on the agent thread, about once a second, so it may do
 * system calls but should not block for long.
 */
public interface CounterSource {
    /** A source with no ports (flow sampling only). */
    CounterSource NONE = new CounterSource() {
        @Override
        public int portIfIndexes(int[] into) {
            return 0;
        }

        @Override
        public boolean readCounters(int ifIndex, PortCounters into) {
            return false;
        }
    };

    /**
     * Writes the ifIndexes of the ports to poll into {@code into} and returns how many there are;
     * when that is more than {@code into.length}, only the first {@code into.length} are written
     * and the agent calls again with a larger array.
     */
    int portIfIndexes(int[] into);

    /**
     * Fills {@code into} (already cleared: all unknown) with the counters of port {@code ifIndex};
     * returns false when the port is gone.
     */
    boolean readCounters(int ifIndex, PortCounters into);
}

package io.jvswitch.datapath.stats;

import java.util.Locale;

/**
 * Turns one PMD's counters into the text of {@code jvs-appctl dpif-netdev/pmd-stats-show} (Open vSwitch 3.1's
 * layout and wording, checked against a live {@code ovs-vswitchd} 3.1.0) and into the derived lines
 * {@code dpif/show} adds to its per-PMD block.
 *
 * <p>How our counters map onto Open vSwitch's:
 * <ul>
 *   <li>{@code packets received} is {@link DatapathCounter#RX}; there is no recirculation, so {@code packet
 *       recirculations} is 0 and every packet makes one datapath pass. {@code phwol}, {@code mfex opt},
 *       {@code simple match} and {@code smc} hits are 0: those stages do not exist here.</li>
 *   <li>{@code miss with success upcall} counts every frame the classifier decided, as Open vSwitch counts
 *       every upcall that produced a datapath flow: classifier hits and table misses (a miss installs a
 *       drop megaflow in both). {@code miss with failed upcall} is {@link DatapathCounter#LOST}: misses the
 *       datapath could not handle. Table misses on their own are in our {@code no flow rate} line.</li>
 *   <li>{@code avg. subtable lookups per megaflow hit} is {@link DatapathCounter#MEGAFLOW_MASKS_PROBED} per
 *       megaflow hit: a megaflow mask is Open vSwitch's subtable.</li>
 *   <li>{@code avg. packets per output batch} is {@link DatapathCounter#TX_OFFERED} per
 *       {@link DatapathCounter#TX_BATCHES}.</li>
 *   <li><b>Cycles are nanoseconds.</b> The PMD counts the time its duty cycles take ({@link DatapathCounter#BUSY_NS},
 *       {@link DatapathCounter#IDLE_NS}) with the monotonic clock, not the CPU's time-stamp counter; the
 *       {@code cycles} lines print those nanoseconds unconverted (1 "cycle" = 1 ns), and a closing
 *       {@code cycle unit} line says so. Percentages are unaffected; per-packet "cycles" are nanoseconds per
 *       packet (multiply by the clock rate in GHz to compare with Open vSwitch's TSC cycles).</li>
 * </ul>
 * After Open vSwitch's lines come our own: packets per receive batch and each lookup stage's share of the
 * frames looked up (EMC, megaflow cache, classifier, no flow; they add up to 100 %).
 */
public final class PmdStatsFormatter {
    /** The NUMA node every PMD reports: the PMDs are not placed by NUMA node. */
    public static final int NUMA_ID = 0;
    /** The last line of each pmd-stats-show block: what the "cycles" are. */
    public static final String CYCLE_UNIT_LINE = "  cycle unit: 1 ns (cycles are nanoseconds of monotonic time)\n";

    private PmdStatsFormatter() {
    }

    /** The header line of a PMD's block, as Open vSwitch prints it: {@code pmd thread numa_id 0 core_id N:}. */
    public static String header(int coreId) {
        return "pmd thread numa_id " + NUMA_ID + " core_id " + coreId + ":\n";
    }

    /** Appends the pmd-stats-show block of the PMD whose counters are {@code s}, shown as core {@code coreId}. */
    public static void appendStatsShow(StringBuilder sb, int coreId, PmdStatsSnapshot s) {
        sb.append(header(coreId));
        appendOvsLines(sb, s);
        line(sb, "avg. packets per rx batch", fixed(ratio(s.get(DatapathCounter.RX),
                s.get(DatapathCounter.RX_BATCHES))));
        appendHitRates(sb, s);
        sb.append(CYCLE_UNIT_LINE);
    }

    /** Open vSwitch's own lines, including its rule of omitting cycle lines without cycles or packets. */
    private static void appendOvsLines(StringBuilder sb, PmdStatsSnapshot s) {
        long packets = s.get(DatapathCounter.RX);
        long recirculations = 0;
        long lost = s.get(DatapathCounter.LOST);
        long upcalls = s.get(DatapathCounter.CLASSIFIER_HIT) + s.get(DatapathCounter.MISS);
        line(sb, "packets received", packets);
        line(sb, "packet recirculations", recirculations);
        line(sb, "avg. datapath passes per packet", fixed(ratio(packets + recirculations, packets)));
        line(sb, "phwol hits", 0);
        line(sb, "mfex opt hits", 0);
        line(sb, "simple match hits", 0);
        line(sb, "emc hits", s.get(DatapathCounter.EMC_HIT));
        line(sb, "smc hits", 0);
        line(sb, "megaflow hits", s.get(DatapathCounter.MEGAFLOW_HIT));
        line(sb, "avg. subtable lookups per megaflow hit", fixed(ratio(s.get(DatapathCounter.MEGAFLOW_MASKS_PROBED),
                s.get(DatapathCounter.MEGAFLOW_HIT))));
        line(sb, "miss with success upcall", Math.max(0, upcalls - lost));
        line(sb, "miss with failed upcall", lost);
        line(sb, "avg. packets per output batch", fixed(ratio(s.get(DatapathCounter.TX_OFFERED),
                s.get(DatapathCounter.TX_BATCHES))));
        long idle = s.get(DatapathCounter.IDLE_NS);
        long busy = s.get(DatapathCounter.BUSY_NS);
        long total = idle + busy;
        if (total == 0) {
            return;
        }
        line(sb, "idle cycles", idle + " (" + percent(idle, total) + ")");
        line(sb, "processing cycles", busy + " (" + percent(busy, total) + ")");
        if (packets == 0) {
            return;
        }
        line(sb, "avg cycles per packet", fixed(ratio(total, packets)) + " (" + total + "/" + packets + ")");
        line(sb, "avg processing cycles per packet", fixed(ratio(busy, packets)) + " (" + busy + "/" + packets + ")");
    }

    /**
     * Appends the derived lines of a PMD's {@code dpif/show} block: packets per receive and transmit batch, each
     * lookup stage's share, and the share of time spent busy.
     */
    public static void appendDpifShowLines(StringBuilder sb, PmdStatsSnapshot s) {
        line(sb, "avg. packets per rx batch", fixed(ratio(s.get(DatapathCounter.RX),
                s.get(DatapathCounter.RX_BATCHES))));
        line(sb, "avg. packets per tx batch", fixed(ratio(s.get(DatapathCounter.TX_OFFERED),
                s.get(DatapathCounter.TX_BATCHES))));
        appendHitRates(sb, s);
        long busy = s.get(DatapathCounter.BUSY_NS);
        line(sb, "busy time", percent(busy, busy + s.get(DatapathCounter.IDLE_NS)));
    }

    /** Each lookup stage's share of the frames looked up (0.00 % each when nothing was looked up). */
    private static void appendHitRates(StringBuilder sb, PmdStatsSnapshot s) {
        long emc = s.get(DatapathCounter.EMC_HIT);
        long megaflow = s.get(DatapathCounter.MEGAFLOW_HIT);
        long classifier = s.get(DatapathCounter.CLASSIFIER_HIT);
        long miss = s.get(DatapathCounter.MISS);
        long lookups = emc + megaflow + classifier + miss;
        line(sb, "emc hit rate", percent(emc, lookups));
        line(sb, "megaflow hit rate", percent(megaflow, lookups));
        line(sb, "classifier hit rate", percent(classifier, lookups));
        line(sb, "no flow rate", percent(miss, lookups));
    }

    private static void line(StringBuilder sb, String label, long value) {
        sb.append("  ").append(label).append(": ").append(value).append('\n');
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append("  ").append(label).append(": ").append(value).append('\n');
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : numerator / (double) denominator;
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String percent(long part, long whole) {
        return fixed(ratio(part, whole) * 100) + "%";
    }
}

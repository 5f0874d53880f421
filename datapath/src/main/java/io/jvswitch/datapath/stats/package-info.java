/**
 * Datapath counters: per-PMD single-writer arrays ({@link io.jvswitch.datapath.stats.PmdStats}) summed on
 * read ({@link io.jvswitch.datapath.stats.StatsReader}); named by {@link io.jvswitch.datapath.stats.DatapathCounter},
 * {@link io.jvswitch.datapath.stats.DropReason} and {@link io.jvswitch.datapath.stats.PortCounter}. Per-PMD reports
 * work on copies ({@link io.jvswitch.datapath.stats.PmdStatsSnapshot}), minus the baseline of the last
 * {@code pmd-stats-clear} ({@link io.jvswitch.datapath.stats.PmdStatsBaselines}), formatted as Open vSwitch prints
 * them ({@link io.jvswitch.datapath.stats.PmdStatsFormatter}, {@link io.jvswitch.datapath.stats.PmdRxqFormatter}).
 */
package io.jvswitch.datapath.stats;

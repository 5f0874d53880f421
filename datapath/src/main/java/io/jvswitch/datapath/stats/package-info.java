/**
 * Datapath counters: per-PMD single-writer arrays ({@link io.jvswitch.datapath.stats.PmdStats}) summed on
 * read ({@link io.jvswitch.datapath.stats.StatsReader}); named by {@link io.jvswitch.datapath.stats.DatapathCounter},
 * {@link io.jvswitch.datapath.stats.DropReason} and {@link io.jvswitch.datapath.stats.PortCounter}.
 */
package io.jvswitch.datapath.stats;

/** The write-ahead journal: checksummed records, fsync per commit, torn-tail recovery and compaction. */
package io.jvswitch.ovsdb.journal;

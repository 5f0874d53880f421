/** The forwarding engine, native I/O and the jvs-vswitchd daemon. */
package io.jvswitch.datapath;

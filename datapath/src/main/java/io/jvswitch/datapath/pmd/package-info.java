/**
 * Poll-mode driver agents: the duty cycle ({@link io.jvswitch.datapath.pmd.PmdAgent}), the control-plane
 * proxy, per-port transmit batching and idle strategies.
 */
package io.jvswitch.datapath.pmd;

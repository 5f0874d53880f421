/** {@code tap} and {@code internal} ports: frame I/O on a TAP device the switch creates or attaches to. */
package io.jvswitch.datapath.port.tap;

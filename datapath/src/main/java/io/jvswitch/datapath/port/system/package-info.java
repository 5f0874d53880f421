/** {@code system} ports: frame I/O on an existing device through an AF_PACKET socket, batched. */
package io.jvswitch.datapath.port.system;

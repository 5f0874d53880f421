/** In-memory port I/O for engine tests; never a user-visible port type. */
package io.jvswitch.datapath.port.memory;

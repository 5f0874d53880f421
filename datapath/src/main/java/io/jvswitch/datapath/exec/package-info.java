/**
 * Action execution: header rewrites with checksum fix-up
 * ({@link io.jvswitch.datapath.exec.PacketRewriter}), compiled action programs and their executor, and the
 * {@link io.jvswitch.datapath.exec.OutputSink} through which frames leave. Knows nothing about devices.
 */
package io.jvswitch.datapath.exec;

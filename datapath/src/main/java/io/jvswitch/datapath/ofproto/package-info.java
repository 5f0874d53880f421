/**
 * The OpenFlow-side control of the switch: {@code jvs-ofctl}'s commands
 * ({@link io.jvswitch.datapath.ofproto.OfctlHandler}), the datapath's {@code jvs-appctl} commands, and flow
 * persistence across restarts ({@link io.jvswitch.datapath.ofproto.FlowStore}).
 */
package io.jvswitch.datapath.ofproto;

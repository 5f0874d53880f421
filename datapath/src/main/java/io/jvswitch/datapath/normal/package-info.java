/**
 * The NORMAL action: per-VLAN MAC learning ({@link io.jvswitch.datapath.normal.MacLearningTable}), Open
 * vSwitch VLAN rules ({@link io.jvswitch.datapath.normal.VlanPolicy}) and the forwarding decision
 * ({@link io.jvswitch.datapath.normal.NormalSwitch}), all plain methods taking {@code nowNs}, testable without I/O.
 */
package io.jvswitch.datapath.normal;

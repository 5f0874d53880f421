/**
 * The NORMAL action: per-VLAN MAC learning ({@link io.jvswitch.datapath.normal.MacLearningTable}), Open
 * vSwitch VLAN rules ({@link io.jvswitch.datapath.normal.VlanPolicy}) and the forwarding decision
 * ({@link io.jvswitch.datapath.normal.NormalSwitch}), all plain methods taking {@code nowNs}, testable without I/O.
 * A bridge spread over several PMDs keeps one table per PMD, kept in step by a
 * {@link io.jvswitch.datapath.normal.MacLearningShare}.
 */
package io.jvswitch.datapath.normal;

/**
 * The reconciler: turns the configuration store's state into datapath bridges and ports, applying only what
 * changed, and writes the ports' state back ({@link io.jvswitch.datapath.bridge.BridgeReconciler}).
 */
package io.jvswitch.datapath.bridge;

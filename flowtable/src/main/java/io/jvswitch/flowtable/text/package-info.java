/**
 * Open vSwitch's {@code ovs-ofctl} flow syntax: {@link io.jvswitch.flowtable.text.FlowParser} turns text
 * into flow rules and flow mods, {@link io.jvswitch.flowtable.text.FlowFormatter} prints them back the way
 * {@code ovs-ofctl} 3.1 normalizes them.
 */
package io.jvswitch.flowtable.text;

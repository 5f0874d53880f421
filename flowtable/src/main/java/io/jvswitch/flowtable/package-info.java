/** Packet keys, matches, actions, the classifier and Open vSwitch's flow syntax; pure Java, no I/O. */
package io.jvswitch.flowtable;

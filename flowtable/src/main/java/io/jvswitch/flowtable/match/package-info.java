/** Packet keys ({@link io.jvswitch.flowtable.match.FlowKey}), matches, match fields and their prerequisites. */
package io.jvswitch.flowtable.match;

/** jvs-ofctl: Open vSwitch's ovs-ofctl grammar; offline flow parsing, everything else through the daemon. */
package io.jvswitch.cli.ofctl;

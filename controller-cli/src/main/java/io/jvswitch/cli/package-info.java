/** The command-line clients jvs-vsctl, jvs-ofctl and jvs-appctl. */
package io.jvswitch.cli;

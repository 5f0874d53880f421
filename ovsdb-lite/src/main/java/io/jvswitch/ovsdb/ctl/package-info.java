/**
 * The ovs-vsctl command engine: parses an ovs-vsctl command line, runs all its commands as one atomic
 * transaction against the {@link io.jvswitch.ovsdb} store and renders Open vSwitch's outputs and error texts.
 *
 * <p>Entry point: {@link io.jvswitch.ovsdb.ctl.VsctlEngine#run}. The pieces: {@link io.jvswitch.ovsdb.ctl.VsctlParser}
 * (grammar), {@link io.jvswitch.ovsdb.ctl.NameMatcher} (table/column names), {@link io.jvswitch.ovsdb.ctl.ValueParser}
 * (value syntax), {@link io.jvswitch.ovsdb.ctl.CtlTxn} (the working copy the commands edit),
 * {@link io.jvswitch.ovsdb.ctl.RecordFinder} (record names), {@link io.jvswitch.ovsdb.ctl.TableFormatter}
 * (list/table/csv/json output), {@link io.jvswitch.ovsdb.ctl.DbCommands} and
 * {@link io.jvswitch.ovsdb.ctl.BridgeCommands} (the commands).
 */
package io.jvswitch.ovsdb.ctl;

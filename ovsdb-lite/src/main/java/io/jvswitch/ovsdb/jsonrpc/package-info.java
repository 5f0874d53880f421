/**
 * The OVSDB management protocol (RFC 7047, plus ovsdb-server's {@code _Server},
 * {@code monitor_cond}, {@code monitor_cond_since} and {@code monitor_cond_change} extensions) in front of
 * ovsdb-lite, over Unix domain sockets ({@code punix:}) and, when configured, TLS with client certificates
 * ({@code pssl:}), so that stock {@code ovs-vsctl}, {@code ovsdb-client} and libvirt use jvswitch's store directly.
 *
 * <p>Entry point: {@link io.jvswitch.ovsdb.jsonrpc.OvsdbJsonRpcServer} ({@code listen}, {@code listenTls},
 * {@code close}).
 * Framing is {@link io.jvswitch.ovsdb.jsonrpc.MessageFramer} (concatenated JSON, no delimiter, bounded);
 * {@link io.jvswitch.ovsdb.jsonrpc.JsonRpcMessage} holds OVS's message rules;
 * {@link io.jvswitch.ovsdb.jsonrpc.SessionMethods} the methods; {@link io.jvswitch.ovsdb.jsonrpc.Monitor} and
 * {@link io.jvswitch.ovsdb.jsonrpc.UpdateEncoder} the update/update2/update3 notifications;
 * {@link io.jvswitch.ovsdb.jsonrpc.CfgFollower} stands in for the datapath in the {@code next_cfg}/{@code cur_cfg}
 * handshake until the datapath acknowledges configurations itself.
 */
package io.jvswitch.ovsdb.jsonrpc;

/** gRPC adapters over the store: the {@code Config} service (transact, list, watch). */
package io.jvswitch.ovsdb.server;

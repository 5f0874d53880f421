package io.jvswitch.ovsdb.jsonrpc;

import java.io.IOException;
import java.nio.channels.ByteChannel;

/** A listening endpoint of the server: a Unix socket ({@code punix:}) or TLS over TCP ({@code pssl:}). */
interface Listener extends AutoCloseable {
    /** The endpoint in OVS's remote syntax, for logs ({@code punix:/run/jvs/db.sock}, {@code pssl:6640:127.0.0.1}). */
    String name();

    /** Blocks for the next connection; closing the channel ends it. */
    ByteChannel accept() throws IOException;

    @Override
    void close() throws IOException;
}

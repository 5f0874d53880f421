package io.jvswitch.ovsdb.jsonrpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A {@code pssl:PORT[:IP]} endpoint: TLS over TCP, client certificates required (no anonymous TCP remote
 * exists, by design: SPEC §1). The handshake runs lazily on the session's own threads, so a slow or hostile
 * client cannot hold up accepting others.
 */
final class TlsListener implements Listener {
    private final SSLServerSocket socket;

    private TlsListener(SSLServerSocket socket) {
        this.socket = socket;
    }

    /** Listens at {@code address} with {@code tls}'s key material. */
    static TlsListener bind(InetSocketAddress address, TlsConfig tls) throws IOException {
        SSLServerSocket s = (SSLServerSocket) tls.serverContext().getServerSocketFactory().createServerSocket();
        try {
            s.setNeedClientAuth(true);
            s.setReuseAddress(true);
            s.bind(address);
            return new TlsListener(s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The TCP port bound. */
    int port() {
        return socket.getLocalPort();
    }

    @Override
    public String name() {
        return "pssl:" + port() + ":" + socket.getInetAddress().getHostAddress();
    }

    @Override
    public ByteChannel accept() throws IOException {
        SSLSocket s = (SSLSocket) socket.accept();
        s.setTcpNoDelay(true);
        return new StreamChannel(s);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A connected socket's streams as one channel; closing it closes the socket. */
    private static final class StreamChannel implements ByteChannel {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] readBuf = new byte[16 * 1024];

        StreamChannel(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n = in.read(readBuf, 0, Math.min(readBuf.length, dst.remaining()));
            if (n > 0) {
                dst.put(readBuf, 0, n);
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = src.remaining();
            byte[] bytes = new byte[n];
            src.get(bytes);
            out.write(bytes);
            out.flush();
            return n;
        }

        @Override
        public boolean isOpen() {
            return !socket.isClosed();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

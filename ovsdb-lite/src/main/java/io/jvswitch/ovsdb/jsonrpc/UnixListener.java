package io.jvswitch.ovsdb.jsonrpc;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * A listening Unix domain socket at one path. Binding never takes over a live server: when something already
 * answers at the path, {@link #bind} throws {@link SocketInUseException} and leaves the socket alone; a stale
 * socket file (nobody answers) is replaced. Closing removes the socket file only while it is still the one this
 * listener created.
 */
final class UnixListener implements Listener {
    private final Path path;
    private final ServerSocketChannel channel;
    private final Object fileKey;

    private UnixListener(Path path, ServerSocketChannel channel, Object fileKey) {
        this.path = path;
        this.channel = channel;
        this.fileKey = fileKey;
    }

    /** Thrown when a live server already answers at the path. */
    static final class SocketInUseException extends IOException {
        private static final long serialVersionUID = 1L;

        SocketInUseException(Path path) {
            super(path + ": a server is already listening there");
        }
    }

    /** Whether a server accepts connections at {@code path} (a connect succeeds). */
    static boolean isServing(Path path) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Listens at {@code path} (mode 0660), creating its directory.
     *
     * @throws SocketInUseException when a live server answers there
     * @throws IOException          when the path exists and is not a socket, or binding fails
     */
    static UnixListener bind(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (isServing(path)) {
                throw new SocketInUseException(path);
            }
            BasicFileAttributes attrs =
                    Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attrs.isOther()) {
                throw new FileAlreadyExistsException(path.toString(), null, "exists and is not a socket");
            }
            Files.delete(path);
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
            Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return new UnixListener(path, ch, key);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The socket path. */
    Path path() {
        return path;
    }

    @Override
    public String name() {
        return "punix:" + path;
    }

    @Override
    public SocketChannel accept() throws IOException {
        return channel.accept();
    }

    @Override
    public void close() throws IOException {
        channel.close();
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (Objects.equals(key, fileKey)) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // Gone already, or replaced by someone else's socket: leave it.
        }
    }
}

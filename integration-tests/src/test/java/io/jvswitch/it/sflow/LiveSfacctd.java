package io.jvswitch.it.sflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * pmacct's {@code sfacctd} running live on 127.0.0.1 (a free UDP port), printing the flows it decodes as CSV
 * every second into a file (ovs-compat.md §4.5, CLI form). Closing stops the process this class started.
 */
final class LiveSfacctd implements AutoCloseable {
    private final Process process;
    private final Path output;
    private final int port;

    private LiveSfacctd(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /** Starts sfacctd on a free port of 127.0.0.1, its output going to {@code output}. */
    static LiveSfacctd start(Path output) {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of("sfacctd", "-L", "127.0.0.1", "-l", Integer.toString(port), "-P", "print",
            "-O", "csv", "-r", "1", "-c", "src_mac,dst_mac,vlan,in_iface,out_iface,etype,src_host,dst_host,proto");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return new LiveSfacctd(process, output, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code host:port} it listens on. */
    String target() {
        return "127.0.0.1:" + port;
    }

    /** The CSV lines printed so far (a header line and rows per one-second interval). */
    List<String> lines() {
        try {
            return Files.readAllLines(output).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the process is still running. */
    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

package io.jvswitch.it.sflow;

import io.jvswitch.datapath.sflow.PcapWriter;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A UDP listener on 127.0.0.1 (free port) that records every datagram it receives, on a thread of its own, and
 * writes them into a pcap file for offline decoders. Closing stops the thread and the socket.
 */
final class SflowCollector implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread receiver;
    private final List<byte[]> datagrams = new ArrayList<>();

    SflowCollector() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        receiver = new Thread(this::receive, "sflow-collector-" + socket.getLocalPort());
        receiver.setDaemon(true);
        receiver.start();
    }

    /** The UDP port the collector listens on. */
    int port() {
        return socket.getLocalPort();
    }

    /** The {@code target} column value for this collector, already quoted for jvs-vsctl. */
    String target() {
        return "target=\"127.0.0.1:" + port() + "\"";
    }

    /** Forgets what arrived so far. */
    synchronized void clear() {
        datagrams.clear();
    }

    /** What arrived so far, in order. */
    synchronized List<byte[]> datagrams() {
        return List.copyOf(datagrams);
    }

    /** Writes what arrived so far into {@code file} (UDP to this collector's port); returns how many. */
    int writePcap(Path file) throws IOException {
        List<byte[]> copy = datagrams();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (PcapWriter pcap = new PcapWriter(file, loopback, loopback, port())) {
            long time = System.currentTimeMillis() * 1_000L;
            for (byte[] datagram : copy) {
                pcap.write(datagram, time++);
            }
        }
        return copy.size();
    }

    private void receive() {
        byte[] buffer = new byte[65_536];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException closed) {
                return;
            }
            byte[] datagram = Arrays.copyOf(buffer, packet.getLength());
            synchronized (this) {
                datagrams.add(datagram);
            }
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            receiver.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

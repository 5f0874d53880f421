package io.jvswitch.datapath.linux;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * An AF_PACKET raw socket bound to one existing device: promiscuous, with a virtio-net header in
 * front of every frame both ways (PACKET_VNET_HDR, so checksum-partial and GSO frames of veth's
 * default offloads arrive with their offload metadata and leave with it), the stripped VLAN tag
 * reported as ancillary data (PACKET_AUXDATA), our own transmissions not looped back
 * (PACKET_IGNORE_OUTGOING; the receiver also skips PACKET_OUTGOING frames on kernels without it),
 * and the qdisc bypassed on transmit. Non-blocking.
 *
 * <p>Frames leave through a second packet socket on the same device that receives nothing (bound
 * with protocol 0): the send path's per-frame socket accounting and write-space wake-ups then touch
 * a socket that no other core writes and no epoll set waits on. On one shared socket they bounced
 * its cache lines and wait-queue lock against the core delivering into the receive ring and cost
 * a fifth of the transmitting core.
 *
 * <p>By default frames are received through a memory-mapped ring ({@link PacketRxRing}); the
 * system property {@value #RX_RING_PROPERTY}{@code =false} falls back to plain receive calls, and
 * so does a kernel that refuses the ring.
 *
 * <p>The socket stays bound to the ifindex: a device deleted and re-created under the same name
 * is a new ifindex, so the owner opens a new socket then.
 */
public final class PacketSocket implements AutoCloseable {
    static final int AF_PACKET = 17;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    /** ETH_P_ALL in network byte order, as sll_protocol wants it. */
    static final short ETH_P_ALL_BE = 0x0300;

    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_SNDBUFFORCE = 32;
    static final int SO_RCVBUFFORCE = 33;

    /** Socket level of the PACKET_* options and of the auxdata control message. */
    public static final int SOL_PACKET = 263;
    static final int PACKET_ADD_MEMBERSHIP = 1;
    /** Option and control message type of {@code struct tpacket_auxdata}. */
    public static final int PACKET_AUXDATA = 8;
    static final int PACKET_VNET_HDR = 15;
    static final int PACKET_STATISTICS = 6;
    static final int PACKET_QDISC_BYPASS = 20;
    static final int PACKET_IGNORE_OUTGOING = 23;
    static final int PACKET_MR_PROMISC = 1;

    /** sll_pkttype of a frame this host sent (looped back to packet sockets). */
    public static final int PACKET_OUTGOING = 4;

    static final int SOCKET_BUFFER_BYTES = 4 << 20;

    /** System property that turns the receive ring off ({@code false}); on by default. */
    public static final String RX_RING_PROPERTY = "jvswitch.afpacket.rxRing";
    /**
     * Ring slot size: an untagged 1500-byte-MTU frame fits with its headers (the frame starts 76
     * bytes into a slot); longer frames take the copying path, see {@link PacketRxRing}.
     */
    static final int RX_RING_FRAME_SIZE = 2048;
    /** 2048 slots (4 MiB): about 1.5 ms of 64-byte frames at line rate of a busy veth. */
    static final int RX_RING_FRAMES = 2048;
    static final int RX_RING_BLOCK_SIZE = 64 << 10;

    private final String name;
    private final int ifindex;
    private final boolean ignoresOutgoing;
    private final UnsafeBuffer statistics = NativeMemory.allocate(16);
    private final PacketRxRing rxRing;
    private long kernelDrops;
    private int fd;
    private int txFd;

    private PacketSocket(String name, int ifindex, int fd, int txFd, boolean ignoresOutgoing, PacketRxRing rxRing) {
        this.name = name;
        this.ifindex = ifindex;
        this.fd = fd;
        this.txFd = txFd;
        this.ignoresOutgoing = ignoresOutgoing;
        this.rxRing = rxRing;
    }

    /** Opens a packet socket on the existing device {@code name}, with a receive ring unless turned off. */
    public static PacketSocket open(String name) throws NativeIoException {
        return open(name, !"false".equalsIgnoreCase(System.getProperty(RX_RING_PROPERTY)));
    }

    /**
     * Opens a packet socket on the existing device {@code name}; {@code withRxRing} asks for a
     * receive ring (a kernel that refuses it leaves the socket without one, see {@link #rxRing()}).
     */
    public static PacketSocket open(String name, boolean withRxRing) throws NativeIoException {
        int ifindex = Links.ifindex(name);
        if (ifindex == 0) {
            throw new NativeIoException("if_nametoindex", Errno.ENODEV, name);
        }
        // Protocol 0 until bind: the socket sees nothing from other devices in between.
        int fd = Syscalls.socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        try {
            Syscalls.setsockoptInt(fd, SOL_PACKET, PACKET_VNET_HDR, 1, "PACKET_VNET_HDR");
            Syscalls.setsockoptInt(fd, SOL_PACKET, PACKET_AUXDATA, 1, "PACKET_AUXDATA");
            boolean ignoresOutgoing = trySetInt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, 1);
            trySetInt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, 1);
            setBuffer(fd, SO_RCVBUFFORCE, SO_RCVBUF);
            setBuffer(fd, SO_SNDBUFFORCE, SO_SNDBUF);
            PacketRxRing ring = withRxRing ? tryRxRing(fd, name) : null;

            UnsafeBuffer sll = NativeMemory.allocate(SockaddrLl.SIZE);
            SockaddrLl.fill(sll, ETH_P_ALL_BE, ifindex);
            Syscalls.bind(fd, sll.addressOffset(), SockaddrLl.SIZE, name);

            UnsafeBuffer mreq = NativeMemory.allocate(16);
            mreq.putInt(0, ifindex);
            mreq.putShort(4, (short) PACKET_MR_PROMISC);
            Syscalls.setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, mreq.addressOffset(), 16,
                "PACKET_ADD_MEMBERSHIP");
            int txFd = openTransmitSocket(name, ifindex);
            return new PacketSocket(name, ifindex, fd, txFd, ignoresOutgoing, ring);
        } catch (NativeIoException | RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    /**
     * Opens one more send-only socket on this socket's device, for another thread's sends (the caller
     * closes it with {@link Syscalls#close}).
     */
    public int openExtraTransmitSocket() throws NativeIoException {
        return openTransmitSocket(name, ifindex);
    }

    /** The send-only socket: bound to the device with protocol 0, so the kernel delivers it nothing. */
    private static int openTransmitSocket(String name, int ifindex) throws NativeIoException {
        int fd = Syscalls.socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        try {
            Syscalls.setsockoptInt(fd, SOL_PACKET, PACKET_VNET_HDR, 1, "PACKET_VNET_HDR");
            trySetInt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, 1);
            setBuffer(fd, SO_SNDBUFFORCE, SO_SNDBUF);
            UnsafeBuffer sll = NativeMemory.allocate(SockaddrLl.SIZE);
            SockaddrLl.fill(sll, (short) 0, ifindex);
            Syscalls.bind(fd, sll.addressOffset(), SockaddrLl.SIZE, name);
            return fd;
        } catch (NativeIoException | RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    /** A receive ring on {@code fd}, or null (the socket then stays on plain receive calls) when refused. */
    private static PacketRxRing tryRxRing(int fd, String name) {
        try {
            return PacketRxRing.map(fd, RX_RING_FRAME_SIZE, RX_RING_FRAMES, RX_RING_BLOCK_SIZE, name);
        } catch (NativeIoException e) {
            return null;
        }
    }

    private static boolean trySetInt(int fd, int level, int option, int value) {
        try {
            Syscalls.setsockoptInt(fd, level, option, value, "option " + option);
            return true;
        } catch (NativeIoException e) {
            return false;
        }
    }

    private static void setBuffer(int fd, int forceOption, int option) {
        if (!trySetInt(fd, SOL_SOCKET, forceOption, SOCKET_BUFFER_BYTES)) {
            trySetInt(fd, SOL_SOCKET, option, SOCKET_BUFFER_BYTES);
        }
    }

    /** The device name. */
    public String name() {
        return name;
    }

    /** The interface index the socket is bound to. */
    public int ifindex() {
        return ifindex;
    }

    /** The receiving socket's fd (poll it, read it, its ring); -1 after close. */
    public int fd() {
        return fd;
    }

    /** The transmitting socket's fd; -1 after close. */
    public int txFd() {
        return txFd;
    }

    /** Whether the kernel drops our own transmissions before they reach this socket. */
    public boolean ignoresOutgoing() {
        return ignoresOutgoing;
    }

    /**
     * Frames the kernel dropped because this socket's receive queue was full, since open
     * (PACKET_STATISTICS, which resets on every read, accumulated here). Control-plane rate; call
     * from one thread.
     */
    public synchronized long kernelDrops() {
        if (fd >= 0) {
            long address = statistics.addressOffset();
            statistics.putInt(8, 8);
            if (Syscalls.getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, address, address + 8) == 0) {
                kernelDrops += statistics.getInt(4) & 0xFFFF_FFFFL;
            }
        }
        return kernelDrops;
    }

    /** The receive ring, or null when frames are read with receive calls. */
    public PacketRxRing rxRing() {
        return rxRing;
    }

    /** Closes the socket (the promiscuous membership goes with it) and unmaps its ring. Idempotent. */
    @Override
    public void close() {
        int toClose = fd;
        int txToClose = txFd;
        fd = -1;
        txFd = -1;
        Syscalls.close(toClose);
        Syscalls.close(txToClose);
        if (rxRing != null) {
            rxRing.close();
        }
    }
}

package io.jvswitch.datapath.linux;

/**
 * A TAP device opened through {@code /dev/net/tun}: created when no device of the name exists,
 * attached when a persistent one does. The fd is non-blocking and every frame read or written
 * through it is preceded by a 10-byte {@code virtio_net_hdr} (IFF_VNET_HDR); the kernel is told
 * (TUNSETOFFLOAD) that we take checksum-partial and TCP segmentation-offload frames, so it hands
 * us large TCP frames unsegmented and accepts the same back.
 *
 * <p>A device this object created is not persistent, so the kernel deletes it when the fd closes;
 * an attached persistent device stays. Threading: opened and closed by the control plane; the fd
 * is read and written by one PMD.
 */
public final class TapDevice implements AutoCloseable {
    static final int O_RDWR = 2;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;

    static final long TUNSETIFF = 0x400454CAL;
    static final long TUNSETOFFLOAD = 0x400454D0L;
    static final long TUNSETVNETHDRSZ = 0x400454D8L;

    static final int IFF_TAP = 0x0002;
    static final int IFF_NO_PI = 0x1000;
    static final int IFF_VNET_HDR = 0x4000;

    static final int TUN_F_CSUM = 0x01;
    static final int TUN_F_TSO4 = 0x02;
    static final int TUN_F_TSO6 = 0x04;
    static final int TUN_F_TSO_ECN = 0x08;

    private final String name;
    private final int ifindex;
    private final boolean created;
    private final int offloads;
    private int fd;

    private TapDevice(String name, int fd, int ifindex, boolean created, int offloads) {
        this.name = name;
        this.fd = fd;
        this.ifindex = ifindex;
        this.created = created;
        this.offloads = offloads;
    }

    /** Creates (or attaches to) the TAP {@code name}, with vnet headers and offloads, and brings it up. */
    public static TapDevice open(String name) throws NativeIoException {
        Links.checkName(name);
        boolean existed = Links.exists(name);
        int fd = Syscalls.open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
        try {
            Ifreq ifreq = Ifreq.named(name).flags(IFF_TAP | IFF_NO_PI | IFF_VNET_HDR);
            Syscalls.ioctl(fd, TUNSETIFF, ifreq.address(), "TUNSETIFF", name);
            Ifreq size = new Ifreq().intValue(VirtioNetHeader.LENGTH);
            // TUNSETVNETHDRSZ and TUNSETOFFLOAD take a pointer to an int and a plain int.
            Syscalls.ioctl(fd, TUNSETVNETHDRSZ, size.address() + Ifreq.UNION_OFFSET, "TUNSETVNETHDRSZ", name);
            int offloads = setOffloads(fd, name);
            Links.setUp(name, true);
            return new TapDevice(name, fd, Links.ifindex(name), !existed, offloads);
        } catch (NativeIoException | RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    private static int setOffloads(int fd, String name) throws NativeIoException {
        int full = TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6 | TUN_F_TSO_ECN;
        if (Syscalls.ioctlErrno(fd, TUNSETOFFLOAD, full) == 0) {
            return full;
        }
        Syscalls.ioctl(fd, TUNSETOFFLOAD, TUN_F_CSUM, "TUNSETOFFLOAD", name);
        return TUN_F_CSUM;
    }

    /** The device name. */
    public String name() {
        return name;
    }

    /** The non-blocking fd frames are read from and written to; -1 after close. */
    public int fd() {
        return fd;
    }

    /** The interface index the device had when opened. */
    public int ifindex() {
        return ifindex;
    }

    /** Whether this object created the device (so it goes away on close). */
    public boolean created() {
        return created;
    }

    /** The device's MAC address (the kernel picks a random one for a new TAP). */
    public byte[] mac() throws NativeIoException {
        return Links.mac(name);
    }

    /** The device's MTU. */
    public int mtu() throws NativeIoException {
        return Links.mtu(name);
    }

    /** Sets the device's MTU (up to 65521 for a TAP; 9000 for jumbo frames). */
    public void setMtu(int mtu) throws NativeIoException {
        Links.setMtu(name, mtu);
    }

    /** The TUN_F_* offloads the kernel accepted. */
    public int offloads() {
        return offloads;
    }

    /** Closes the fd; the kernel removes a device we created. Idempotent. */
    @Override
    public void close() {
        int toClose = fd;
        fd = -1;
        Syscalls.close(toClose);
    }
}

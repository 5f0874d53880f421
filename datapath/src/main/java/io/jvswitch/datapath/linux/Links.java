package io.jvswitch.datapath.linux;

/**
 * Questions and settings about network devices by name: existence and index, administrative and
 * carrier state, MTU, MAC. Control path only: each call is an ioctl (or if_nametoindex) on a
 * shared datagram socket and allocates a small struct.
 */
public final class Links {
    static final int AF_INET = 2;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;

    static final long SIOCGIFFLAGS = 0x8913;
    static final long SIOCSIFFLAGS = 0x8914;
    static final long SIOCGIFMTU = 0x8921;
    static final long SIOCSIFMTU = 0x8922;
    static final long SIOCGIFHWADDR = 0x8927;

    /** Administratively up ({@code ip link set X up}). */
    public static final int IFF_UP = 0x1;
    /** Carrier present: the kernel's operational "running" bit. */
    public static final int IFF_RUNNING = 0x40;
    /** Receives all frames. */
    public static final int IFF_PROMISC = 0x100;

    private Links() {
    }

    /** One AF_INET datagram socket for all interface ioctls of the process, opened on first use. */
    private static final class ControlSocket {
        static final int FD = open();

        private ControlSocket() {
        }

        private static int open() {
            try {
                return Syscalls.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            } catch (NativeIoException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    /** Checks a Linux interface name: 1..15 printable ASCII characters, no '/' or blank. */
    public static String checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > Ifreq.NAME_SIZE - 1) {
            throw new IllegalArgumentException("bad interface name (1..15 characters): " + name);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 127 || c == '/' || c == ':') {
                throw new IllegalArgumentException("bad interface name: " + name);
            }
        }
        return name;
    }

    /** The device's interface index, or 0 when no device has that name. */
    public static int ifindex(String name) {
        return Syscalls.ifNameToIndex(checkName(name));
    }

    /** Whether a device of that name exists. */
    public static boolean exists(String name) {
        return ifindex(name) != 0;
    }

    /** The device's flags ({@code IFF_*}, low 16 bits), or -1 when there is no such device. */
    public static int flags(String name) {
        Ifreq ifreq = Ifreq.named(name);
        if (Syscalls.ioctlErrno(ControlSocket.FD, SIOCGIFFLAGS, ifreq.address()) != 0) {
            return -1;
        }
        return ifreq.flags() & 0xFFFF;
    }

    /** Whether the device exists, is administratively up and has carrier. */
    public static boolean isUp(String name) {
        int flags = flags(name);
        return flags >= 0 && (flags & IFF_UP) != 0 && (flags & IFF_RUNNING) != 0;
    }

    /** Whether the device exists and is administratively up (carrier or not). */
    public static boolean isAdminUp(String name) {
        int flags = flags(name);
        return flags >= 0 && (flags & IFF_UP) != 0;
    }

    /** Brings the device administratively up or down. */
    public static void setUp(String name, boolean up) throws NativeIoException {
        Ifreq ifreq = Ifreq.named(name);
        Syscalls.ioctl(ControlSocket.FD, SIOCGIFFLAGS, ifreq.address(), "SIOCGIFFLAGS", name);
        int flags = ifreq.flags() & 0xFFFF;
        int wanted = up ? flags | IFF_UP : flags & ~IFF_UP;
        if (wanted != flags) {
            ifreq.flags(wanted);
            Syscalls.ioctl(ControlSocket.FD, SIOCSIFFLAGS, ifreq.address(), "SIOCSIFFLAGS", name);
        }
    }

    /** The device's MTU. */
    public static int mtu(String name) throws NativeIoException {
        Ifreq ifreq = Ifreq.named(name);
        Syscalls.ioctl(ControlSocket.FD, SIOCGIFMTU, ifreq.address(), "SIOCGIFMTU", name);
        return ifreq.intValue();
    }

    /** Sets the device's MTU. */
    public static void setMtu(String name, int mtu) throws NativeIoException {
        Ifreq ifreq = Ifreq.named(name).intValue(mtu);
        Syscalls.ioctl(ControlSocket.FD, SIOCSIFMTU, ifreq.address(), "SIOCSIFMTU", name + " mtu " + mtu);
    }

    /** The device's 6-byte hardware (MAC) address. */
    public static byte[] mac(String name) throws NativeIoException {
        Ifreq ifreq = Ifreq.named(name);
        Syscalls.ioctl(ControlSocket.FD, SIOCGIFHWADDR, ifreq.address(), "SIOCGIFHWADDR", name);
        return ifreq.hardwareAddress();
    }

    /** A MAC address as {@code 02:00:5e:10:00:01}. */
    public static String formatMac(byte[] mac) {
        StringBuilder text = new StringBuilder(17);
        for (int i = 0; i < mac.length; i++) {
            if (i > 0) {
                text.append(':');
            }
            text.append(Character.forDigit((mac[i] >> 4) & 0xF, 16)).append(Character.forDigit(mac[i] & 0xF, 16));
        }
        return text.toString();
    }
}

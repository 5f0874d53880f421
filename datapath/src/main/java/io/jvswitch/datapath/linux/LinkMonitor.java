package io.jvswitch.datapath.linux;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Notices network devices appearing, vanishing and going up or down, from the kernel's rtnetlink
 * link notifications (a NETLINK_ROUTE socket joined to RTMGRP_LINK), so ports of devices that come
 * and go (VMs started and stopped, veths re-created) are re-opened without polling.
 *
 * <p>Why netlink rather than polling {@code /sys/class/net}: the kernel pushes every change the
 * moment it happens, an idle monitor costs nothing, and the fd can sit in an {@link Epoll} with
 * anything else the control thread waits on. If the socket's queue overflows the kernel drops
 * notifications; the monitor then tells the listener ({@link Listener#onEventsLost()}) and asks
 * for a full dump, whose entries arrive as ordinary events.
 *
 * <p>Threading: one control thread calls {@link #poll}/{@link #awaitAndPoll}; the listener runs on
 * it. Allocates per event (control plane only). Sees the network namespace it was opened in.
 */
public final class LinkMonitor implements AutoCloseable {
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int NETLINK_ROUTE = 0;
    static final int RTMGRP_LINK = 1;

    static final int NLMSG_HDRLEN = 16;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_DUMP = 0x300;
    static final int IFINFOMSG_LENGTH = 16;
    static final int IFLA_IFNAME = 3;
    static final int RECEIVE_BUFFER_LENGTH = 64 * 1024;

    /** Receives what the monitor saw. */
    public interface Listener {
        /** A device appeared, changed or vanished. */
        void onLink(LinkEvent event);

        /** Notifications were lost (queue overflow); a dump follows, but re-checking state is wise. */
        default void onEventsLost() {
        }
    }

    private final UnsafeBuffer buffer = NativeMemory.allocate(RECEIVE_BUFFER_LENGTH);
    private final Map<Integer, String> known = new HashMap<>();
    private final Epoll epoll;
    private int fd;
    private int sequence;

    private LinkMonitor(int fd, Epoll epoll) {
        this.fd = fd;
        this.epoll = epoll;
    }

    /** Opens the monitor; call {@link #requestDump()} to also learn the devices present now. */
    public static LinkMonitor open() throws NativeIoException {
        int fd = Syscalls.socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_ROUTE);
        Epoll epoll = null;
        try {
            UnsafeBuffer address = NativeMemory.allocate(12);
            address.putShort(0, (short) AF_NETLINK);
            address.putInt(8, RTMGRP_LINK);
            Syscalls.bind(fd, address.addressOffset(), 12, "rtnetlink RTMGRP_LINK");
            Syscalls.setsockoptInt(fd, PacketSocket.SOL_SOCKET, PacketSocket.SO_RCVBUF, 1 << 20, "SO_RCVBUF");
            epoll = Epoll.create(1);
            epoll.add(fd, Epoll.EPOLLIN, 0);
            return new LinkMonitor(fd, epoll);
        } catch (NativeIoException | RuntimeException e) {
            if (epoll != null) {
                epoll.close();
            }
            Syscalls.close(fd);
            throw e;
        }
    }

    /** The netlink fd, readable when events are waiting. */
    public int fd() {
        return fd;
    }

    /** Asks the kernel for every device; each arrives as an event (APPEARED if not yet known). */
    public void requestDump() throws NativeIoException {
        UnsafeBuffer request = NativeMemory.allocate(20);
        request.putInt(0, 20);
        request.putShort(4, (short) RTM_GETLINK);
        request.putShort(6, (short) (NLM_F_REQUEST | NLM_F_DUMP));
        request.putInt(8, ++sequence);
        long n = Syscalls.write(fd, request.addressOffset(), 20);
        if (n != 20) {
            throw new NativeIoException("write(RTM_GETLINK)", n < 0 ? (int) -n : Errno.EAGAIN);
        }
    }

    /** Waits up to {@code timeoutMs} for notifications, then delivers all that are waiting. */
    public int awaitAndPoll(int timeoutMs, Listener listener) {
        epoll.await(timeoutMs);
        return poll(listener);
    }

    /** Delivers every notification already waiting, without blocking; returns how many events. */
    public int poll(Listener listener) {
        int events = 0;
        while (fd >= 0) {
            long n = Syscalls.recv(fd, buffer.addressOffset(), RECEIVE_BUFFER_LENGTH, 0);
            if (n == 0) {
                return events;
            }
            if (n < 0) {
                if (-n == Errno.ENOBUFS) {
                    listener.onEventsLost();
                    try {
                        requestDump();
                    } catch (NativeIoException e) {
                        return events;
                    }
                    continue;
                }
                return events;
            }
            events += parse((int) n, listener);
        }
        return events;
    }

    private int parse(int length, Listener listener) {
        int events = 0;
        int offset = 0;
        while (offset + NLMSG_HDRLEN <= length) {
            int messageLength = buffer.getInt(offset);
            int type = buffer.getShort(offset + 4) & 0xFFFF;
            if (messageLength < NLMSG_HDRLEN || offset + messageLength > length) {
                break;
            }
            if ((type == RTM_NEWLINK || type == RTM_DELLINK) && messageLength >= NLMSG_HDRLEN + IFINFOMSG_LENGTH) {
                listener.onLink(toEvent(offset, messageLength, type == RTM_DELLINK));
                events++;
            }
            offset += align4(messageLength);
        }
        return events;
    }

    private LinkEvent toEvent(int message, int messageLength, boolean deleted) {
        int info = message + NLMSG_HDRLEN;
        int ifindex = buffer.getInt(info + 4);
        int flags = buffer.getInt(info + 8);
        String name = attributeName(info + IFINFOMSG_LENGTH, message + messageLength);
        LinkEvent.Kind kind;
        if (deleted) {
            kind = LinkEvent.Kind.VANISHED;
            String last = known.remove(ifindex);
            if (name == null) {
                name = last;
            }
        } else {
            kind = known.containsKey(ifindex) ? LinkEvent.Kind.CHANGED : LinkEvent.Kind.APPEARED;
            if (name == null) {
                name = known.get(ifindex);
            }
            known.put(ifindex, name);
        }
        return new LinkEvent(kind, ifindex, name, (flags & Links.IFF_UP) != 0, (flags & Links.IFF_RUNNING) != 0);
    }

    /** The IFLA_IFNAME attribute among the rtattrs in [{@code offset}, {@code end}), or null. */
    private String attributeName(int offset, int end) {
        while (offset + 4 <= end) {
            int attributeLength = buffer.getShort(offset) & 0xFFFF;
            int type = buffer.getShort(offset + 2) & 0x3FFF;
            if (attributeLength < 4 || offset + attributeLength > end) {
                return null;
            }
            if (type == IFLA_IFNAME) {
                int textLength = 0;
                while (textLength < attributeLength - 4 && buffer.getByte(offset + 4 + textLength) != 0) {
                    textLength++;
                }
                byte[] text = new byte[textLength];
                buffer.getBytes(offset + 4, text);
                return new String(text, StandardCharsets.US_ASCII);
            }
            offset += align4(attributeLength);
        }
        return null;
    }

    private static int align4(int length) {
        return (length + 3) & ~3;
    }

    /** Closes the socket. Idempotent. */
    @Override
    public void close() {
        int toClose = fd;
        fd = -1;
        epoll.close();
        Syscalls.close(toClose);
    }
}

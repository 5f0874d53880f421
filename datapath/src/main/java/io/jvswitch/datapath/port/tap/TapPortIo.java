package io.jvswitch.datapath.port.tap;

import io.jvswitch.datapath.packet.VnetHeader;
import org.agrona.concurrent.UnsafeBuffer;

import io.jvswitch.datapath.linux.Errno;
import io.jvswitch.datapath.linux.IoVecArray;
import io.jvswitch.datapath.linux.Links;
import io.jvswitch.datapath.linux.NativeIoException;
import io.jvswitch.datapath.linux.NativeMemory;
import io.jvswitch.datapath.linux.Syscalls;
import io.jvswitch.datapath.linux.TapDevice;
import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.port.PortIo;
import io.jvswitch.datapath.port.PortIoStats;
import io.jvswitch.datapath.port.SendOnlyPort;

/**
 * {@link PortIo} over a TAP device (types {@code tap} and {@code internal}). A TAP fd has no
 * batched read, so receive is a loop of {@code readv} calls (vnet header straight into the batch's
 * header slot, frame straight into the slot after the headroom) until the kernel says EAGAIN or the
 * batch is full, as Open vSwitch's netdev-linux does; send is one {@code writev} per frame.
 *
 * <p>Link states: a TAP whose interface is set down answers reads and writes with EIO, and one
 * whose device was deleted under us with EBADFD; both count as "link down", not as errors, and
 * {@link #isLinkUp()} asks the kernel.
 */
public final class TapPortIo implements PortIo {
    private final TapDevice device;
    private final IoVecArray iov = new IoVecArray(3);
    /**
     * Receives the byte after a full slot: the TAP returns only what fit, so a frame longer than
     * the batch capacity shows as one spilling into this sink, and is dropped.
     */
    private final UnsafeBuffer overflow = NativeMemory.allocate(64);
    private final PortIoStats stats = new PortIoStats();
    /** Set by the PMD when the fd reports that its device is gone (EBADFD). */
    private volatile boolean deviceGone;

    private TapPortIo(TapDevice device) {
        this.device = device;
    }

    /** Creates the TAP {@code name} (or attaches to an existing persistent one) and brings it up. */
    public static TapPortIo open(String name) throws NativeIoException {
        return new TapPortIo(TapDevice.open(name));
    }

    /** The device underneath (name, ifindex, whether we created it). */
    public TapDevice device() {
        return device;
    }

    @Override
    public int receive(PacketBatch batch) {
        int fd = device.fd();
        if (fd < 0) {
            return 0;
        }
        int capacity = batch.frameCapacity();
        long headers = batch.vnetHeaders().addressOffset();
        long memory = batch.memoryAddress();
        int received = 0;
        while (!batch.isFull()) {
            int i = batch.claim();
            iov.set(0, headers + (long) i * VnetHeader.LENGTH, VnetHeader.LENGTH);
            iov.set(1, memory + batch.frameOffset(i), capacity);
            iov.set(2, overflow.addressOffset(), overflow.capacity());
            long n = Syscalls.readv(fd, iov.address(0), 3);
            if (n <= 0) {
                batch.truncate(batch.count() - 1);
                if (n < 0) {
                    onReceiveError((int) -n);
                }
                break;
            }
            long frameLength = n - VnetHeader.LENGTH;
            if (frameLength > capacity || frameLength <= 0) {
                // Longer than a slot (it spilled into the overflow sink): drop, never truncate.
                batch.truncate(batch.count() - 1);
                stats.rxDropped++;
                continue;
            }
            batch.setFrameLength(i, (int) frameLength);
            received++;
        }
        return received;
    }

    private void onReceiveError(int errno) {
        if (errno == Errno.EBADFD) {
            deviceGone = true;
        } else if (!Errno.meansLinkDown(errno)) {
            stats.rxErrors++;
        }
    }

    @Override
    public int send(PacketBatch batch) {
        return send(batch, iov);
    }

    /** One {@code writev} per frame through {@code scratch} (this port's, or a sender's own). */
    private int send(PacketBatch batch, IoVecArray scratch) {
        int fd = device.fd();
        int count = batch.count();
        if (fd < 0) {
            stats.addTxDropped(count);
            return 0;
        }
        long headers = batch.vnetHeaders().addressOffset();
        int sent = 0;
        for (int i = 0; i < count; i++) {
            scratch.set(0, headers + (long) i * VnetHeader.LENGTH, VnetHeader.LENGTH);
            scratch.set(1, batch.frameAddress(i), batch.frameLength(i));
            long n = Syscalls.writev(fd, scratch.address(0), 2);
            if (n > 0) {
                sent++;
            } else if (n == 0) {
                stats.addTxDropped(1);
            } else {
                int errno = (int) -n;
                if (errno == Errno.EBADFD) {
                    deviceGone = true;
                }
                if (Errno.meansLinkDown(errno)) {
                    stats.addTxDropped(1);
                } else {
                    stats.addTxErrors(1);
                }
            }
        }
        return sent;
    }

    /** A sender for another PMD: the same TAP fd (writes to it are atomic per frame), its own iovecs. */
    @Override
    public PortIo openSender() {
        TapPortIo owner = this;
        IoVecArray scratch = new IoVecArray(2);
        return new SendOnlyPort(this) {
            @Override
            public int send(PacketBatch batch) {
                return owner.send(batch, scratch);
            }
        };
    }

    @Override
    public int pollFd() {
        return device.fd();
    }

    /** Asks the kernel (an ioctl: call at control-plane rate, not per packet). */
    @Override
    public boolean isLinkUp() {
        if (deviceGone || device.fd() < 0) {
            return false;
        }
        String name = device.name();
        return Links.ifindex(name) == device.ifindex() && Links.isUp(name);
    }

    @Override
    public PortIoStats stats() {
        return stats;
    }

    @Override
    public void close() {
        device.close();
    }

    @Override
    public String toString() {
        return "tap:" + device.name();
    }
}

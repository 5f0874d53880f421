package io.jvswitch.datapath.linux;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * An array of {@code struct mmsghdr} in direct memory, allocated once, for {@code recvmmsg} and
 * {@code sendmmsg}. Layout of one entry on x86-64 (64 bytes):
 *
 * <pre>
 *   0 msg_name (ptr)     8 msg_namelen (u32)   16 msg_iov (ptr)      24 msg_iovlen (size_t)
 *  32 msg_control (ptr) 40 msg_controllen      48 msg_flags (int)    56 msg_len (u32, the result)
 * </pre>
 */
public final class MmsgHdrArray {
    /** sizeof(struct mmsghdr). */
    public static final int SIZE = 64;
    static final int NAME_OFFSET = 0;
    static final int NAMELEN_OFFSET = 8;
    static final int IOV_OFFSET = 16;
    static final int IOVLEN_OFFSET = 24;
    static final int CONTROL_OFFSET = 32;
    static final int CONTROLLEN_OFFSET = 40;
    static final int FLAGS_OFFSET = 48;
    static final int LEN_OFFSET = 56;

    /** msg_flags bit: the frame was longer than the buffers (recvmmsg with MSG_TRUNC gives its length). */
    public static final int MSG_TRUNC = 0x20;
    /** msg_flags bit: control data did not fit. */
    public static final int MSG_CTRUNC = 0x08;

    private final UnsafeBuffer memory;
    private final int capacity;

    /** {@code capacity} zeroed entries. */
    public MmsgHdrArray(int capacity) {
        this.capacity = capacity;
        this.memory = NativeMemory.allocate(capacity * SIZE);
    }

    /** Native address of entry {@code i}, the {@code msgvec} argument for a call starting there. */
    public long address(int i) {
        return memory.addressOffset() + (long) i * SIZE;
    }

    /** Number of entries. */
    public int capacity() {
        return capacity;
    }

    /** Sets entry {@code i}'s scatter/gather list. */
    public void setIov(int i, long iovAddress, int iovCount) {
        memory.putLong(i * SIZE + IOV_OFFSET, iovAddress);
        memory.putLong(i * SIZE + IOVLEN_OFFSET, iovCount);
    }

    /** Sets entry {@code i}'s address buffer (and its capacity, which the kernel overwrites). */
    public void setName(int i, long address, int length) {
        memory.putLong(i * SIZE + NAME_OFFSET, address);
        memory.putInt(i * SIZE + NAMELEN_OFFSET, length);
    }

    /** Sets entry {@code i}'s control (ancillary data) buffer and its capacity. */
    public void setControl(int i, long address, int length) {
        memory.putLong(i * SIZE + CONTROL_OFFSET, address);
        memory.putLong(i * SIZE + CONTROLLEN_OFFSET, length);
    }

    /** Resets the in/out lengths the kernel shrank on a previous receive. */
    public void resetLengths(int i, int nameLength, int controlLength) {
        memory.putInt(i * SIZE + NAMELEN_OFFSET, nameLength);
        memory.putLong(i * SIZE + CONTROLLEN_OFFSET, controlLength);
        memory.putInt(i * SIZE + FLAGS_OFFSET, 0);
    }

    /** Bytes the kernel received into (or sent from) entry {@code i}. */
    public int length(int i) {
        return memory.getInt(i * SIZE + LEN_OFFSET);
    }

    /** msg_flags of entry {@code i} after a receive. */
    public int flags(int i) {
        return memory.getInt(i * SIZE + FLAGS_OFFSET);
    }

    /** msg_controllen of entry {@code i} after a receive: bytes of control data present. */
    public int controlLength(int i) {
        return (int) memory.getLong(i * SIZE + CONTROLLEN_OFFSET);
    }
}

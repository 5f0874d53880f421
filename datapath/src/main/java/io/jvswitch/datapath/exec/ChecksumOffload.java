package io.jvswitch.datapath.exec;

import java.nio.ByteOrder;

import io.jvswitch.datapath.packet.PacketBatch;
import io.jvswitch.datapath.packet.VnetHeader;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Completes a checksum the kernel left partial (virtio-net NEEDS_CSUM), for a frame about to leave
 * through a port that cannot carry the virtio-net header: sums from {@code csum_start} to the end
 * of the frame, starting from the pseudo-header sum already in the field, and stores the result.
 *
 * <p>Threading: stateless; safe on any PMD. Never allocates.
 */
public final class ChecksumOffload {
    private static final int UDP_CHECKSUM_OFFSET = 6;

    private ChecksumOffload() {
    }

    /**
     * Completes the partial checksum of frame {@code i} and clears its NEEDS_CSUM flag. Returns
     * false (frame untouched) when there is nothing to complete or the offsets lie outside the frame.
     */
    public static boolean complete(PacketBatch batch, int i) {
        if (!VnetHeader.needsChecksum(batch, i)) {
            return false;
        }
        int start = VnetHeader.checksumStart(batch, i);
        int fieldOffset = VnetHeader.checksumOffset(batch, i);
        int length = batch.frameLength(i);
        if (start + fieldOffset + 2 > length) {
            return false;
        }
        UnsafeBuffer m = batch.memory();
        int base = batch.frameOffset(i);
        int field = base + start + fieldOffset;
        int checksum = InternetChecksum.compute(m, base + start, length - start);
        if (checksum == 0 && fieldOffset == UDP_CHECKSUM_OFFSET) {
            checksum = 0xFFFF;
        }
        m.putShort(field, (short) checksum, ByteOrder.BIG_ENDIAN);
        VnetHeader.clearNeedsChecksum(batch, i);
        return true;
    }
}

package io.jvswitch.datapath.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import io.jvswitch.datapath.packet.PacketBatch;

class ChecksumOffloadTest {
    private static final int UDP = 17;
    private static final int TCP = 6;

    @Test
    void shouldProduceTheReferenceChecksumWhenCompletingRandomUdpAndTcpFrames() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        PacketBatch batch = new PacketBatch();
        for (int round = 0; round < 500; round++) {
            batch.clear();
            int protocol = random.nextBoolean() ? UDP : TCP;
            boolean tagged = random.nextInt(4) == 0;
            byte[] frame = ipv4Frame(random, protocol, random.nextInt(1400), tagged);
            int l3 = tagged ? 18 : 14;
            int l4 = l3 + 20;
            int field = l4 + (protocol == UDP ? 6 : 16);
            int expected = referenceChecksum(frame, l3, l4);

            writePartial(batch, frame, l3, l4, field);
            VirtioNetHeader.set(batch, 0, VirtioNetHeader.F_NEEDS_CSUM, 0, 0, 0, l4, field - l4);

            assertThat(ChecksumOffload.complete(batch, 0)).isTrue();
            int actual = (batch.memory().getByte(batch.frameOffset(0) + field) & 0xFF) << 8
                | batch.memory().getByte(batch.frameOffset(0) + field + 1) & 0xFF;
            assertThat(actual).as("seed %d round %d protocol %d length %d", seed, round, protocol, frame.length)
                .isEqualTo(expected);
            assertThat(VirtioNetHeader.needsChecksum(batch, 0)).isFalse();
        }
    }

    @Test
    void shouldLeaveTheFrameAloneWhenTheOffsetsPointOutsideIt() {
        PacketBatch batch = new PacketBatch();
        byte[] frame = ipv4Frame(new Random(1), UDP, 10, false);
        writePartial(batch, frame, 14, 34, 40);
        VirtioNetHeader.set(batch, 0, VirtioNetHeader.F_NEEDS_CSUM, 0, 0, 0, 34, 200);
        assertThat(ChecksumOffload.complete(batch, 0)).isFalse();
        assertThat(VirtioNetHeader.needsChecksum(batch, 0)).isTrue();
    }

    @Test
    void shouldDoNothingWhenNoChecksumIsRequested() {
        PacketBatch batch = new PacketBatch();
        byte[] frame = ipv4Frame(new Random(2), TCP, 33, false);
        int i = batch.claim();
        batch.memory().putBytes(batch.frameOffset(i), frame);
        batch.setFrameLength(i, frame.length);
        assertThat(ChecksumOffload.complete(batch, i)).isTrue();
        byte[] after = new byte[frame.length];
        batch.memory().getBytes(batch.frameOffset(i), after);
        assertThat(after).isEqualTo(frame);
    }

    /** Writes the frame with the L4 checksum field holding the folded pseudo-header sum, as the kernel leaves it. */
    private static void writePartial(PacketBatch batch, byte[] frame, int l3, int l4, int field) {
        byte[] partial = frame.clone();
        int pseudo = fold(pseudoHeaderSum(frame, l3, l4));
        partial[field] = (byte) (pseudo >>> 8);
        partial[field + 1] = (byte) pseudo;
        int i = batch.claim();
        batch.memory().putBytes(batch.frameOffset(i), partial);
        batch.setFrameLength(i, partial.length);
    }

    private static byte[] ipv4Frame(Random random, int protocol, int payloadLength, boolean tagged) {
        int l3 = tagged ? 18 : 14;
        int l4Length = (protocol == UDP ? 8 : 20) + payloadLength;
        byte[] frame = new byte[l3 + 20 + l4Length];
        random.nextBytes(frame);
        if (tagged) {
            frame[12] = (byte) 0x81;
            frame[13] = 0;
        }
        frame[l3 - 2] = 0x08;
        frame[l3 - 1] = 0x00;
        frame[l3] = 0x45;
        frame[l3 + 9] = (byte) protocol;
        int totalLength = 20 + l4Length;
        frame[l3 + 2] = (byte) (totalLength >>> 8);
        frame[l3 + 3] = (byte) totalLength;
        if (protocol == UDP) {
            frame[l3 + 24] = (byte) (l4Length >>> 8);
            frame[l3 + 25] = (byte) l4Length;
        }
        return frame;
    }

    /** Straightforward RFC 768/793 checksum: pseudo header plus segment with the field zeroed. */
    private static int referenceChecksum(byte[] frame, int l3, int l4) {
        byte[] segment = java.util.Arrays.copyOfRange(frame, l4, frame.length);
        int field = frame[l3 + 9] == UDP ? 6 : 16;
        segment[field] = 0;
        segment[field + 1] = 0;
        long sum = pseudoHeaderSum(frame, l3, l4) + wordSum(segment);
        int result = ~fold(sum) & 0xFFFF;
        return result == 0 ? 0xFFFF : result;
    }

    private static long pseudoHeaderSum(byte[] frame, int l3, int l4) {
        byte[] addresses = java.util.Arrays.copyOfRange(frame, l3 + 12, l3 + 20);
        return wordSum(addresses) + (frame[l3 + 9] & 0xFF) + (frame.length - l4);
    }

    private static long wordSum(byte[] bytes) {
        long sum = 0;
        for (int i = 0; i < bytes.length; i += 2) {
            int high = bytes[i] & 0xFF;
            int low = i + 1 < bytes.length ? bytes[i + 1] & 0xFF : 0;
            sum += high << 8 | low;
        }
        return sum;
    }

    private static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }
}

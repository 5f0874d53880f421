package io.jvswitch.datapath.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class InternetChecksumTest {
    @Test
    void shouldMatchRfc1071ExampleWhenComputed() {
        UnsafeBuffer b = new UnsafeBuffer(ByteBuffer.allocateDirect(8));
        byte[] data = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        b.putBytes(0, data);
        assertThat(InternetChecksum.fold(InternetChecksum.sum(b, 0, 8, 0))).isEqualTo(0xddf2);
        assertThat(InternetChecksum.compute(b, 0, 8)).isEqualTo(~0xddf2 & 0xFFFF);
    }

    @Test
    void shouldEqualRecomputedWhenWordUpdatedIncrementally() {
        UnsafeBuffer b = new UnsafeBuffer(ByteBuffer.allocateDirect(20));
        for (int i = 0; i < 20; i++) {
            b.putByte(i, (byte) (i * 37 + 11));
        }
        int before = InternetChecksum.compute(b, 0, 20);
        int oldWord = b.getShort(6, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF;
        b.putShort(6, (short) 0xBEEF, java.nio.ByteOrder.BIG_ENDIAN);
        assertThat(InternetChecksum.update16(before, oldWord, 0xBEEF)).isEqualTo(InternetChecksum.compute(b, 0, 20));
    }

    @Test
    void shouldMatchJdkCrc32cWhenComputed() {
        UnsafeBuffer b = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        byte[] data = new byte[64];
        for (int i = 0; i < 64; i++) {
            data[i] = (byte) (i * 13);
        }
        b.putBytes(0, data);
        data[8] = 0;
        data[9] = 0;
        data[10] = 0;
        data[11] = 0;
        CRC32C crc = new CRC32C();
        crc.update(data);
        assertThat(Crc32c.compute(b, 0, 64, 8)).isEqualTo((int) crc.getValue());
    }
}

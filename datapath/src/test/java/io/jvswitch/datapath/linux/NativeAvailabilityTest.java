package io.jvswitch.datapath.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class NativeAvailabilityTest {

    @Test
    void shouldBeAvailableWhenRunningOnLinuxX86() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        assertThat(NativeAvailability.unavailabilityCause()).isNull();
        assertThat(NativeAvailability.isAvailable()).isTrue();
    }

    @Test
    void shouldNameTheSyscallAndErrnoWhenAControlCallFails() {
        assumeTrue(NativeAvailability.isAvailable());
        assertThatThrownBy(() -> Syscalls.open("/nonexistent/jvs", 0))
            .isInstanceOf(NativeIoException.class)
            .hasMessageContaining("open(/nonexistent/jvs)")
            .hasMessageContaining("No such file")
            .satisfies(e -> assertThat(((NativeIoException) e).errno()).isEqualTo(Errno.ENOENT));
    }

    @Test
    void shouldReturnZeroInsteadOfThrowingWhenANonBlockingReadHasNothing() throws Exception {
        assumeTrue(NativeAvailability.isAvailable());
        int fd = Syscalls.eventfd(0, 0x800 /* EFD_NONBLOCK */);
        try {
            var buffer = NativeMemory.allocate(8);
            assertThat(Syscalls.read(fd, buffer.addressOffset(), 8)).isZero();
            assertThat(Syscalls.read(-1, buffer.addressOffset(), 8)).isEqualTo(-Errno.EBADF);
        } finally {
            Syscalls.close(fd);
        }
    }
}

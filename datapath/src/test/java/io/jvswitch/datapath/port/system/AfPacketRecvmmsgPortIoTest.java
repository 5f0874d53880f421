package io.jvswitch.datapath.port.system;

import org.junit.jupiter.api.Tag;

import io.jvswitch.datapath.linux.NativeIoException;

/** The same contract for a port without the receive ring: one {@code recvmmsg} per batch. */
@Tag("system")
class AfPacketRecvmmsgPortIoTest extends AfPacketPortIoTest {
    @Override
    protected AfPacketPortIo openPort(String name) throws NativeIoException {
        return AfPacketPortIo.open(name, false);
    }

    @Override
    protected boolean expectsRing() {
        return false;
    }
}

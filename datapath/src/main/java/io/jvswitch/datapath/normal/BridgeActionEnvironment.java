package io.jvswitch.datapath.normal;

import io.jvswitch.datapath.exec.ActionEnvironment;
import io.jvswitch.datapath.exec.OutputSink;
import io.jvswitch.datapath.packet.PacketBatch;

/**
 * The {@link ActionEnvironment} of one bridge: its ports and NORMAL come from the bridge's
 * {@link NormalSwitch}, its LOCAL port is set by the bridge as the internal port comes and goes, and
 * controller output goes to a {@link ControllerSink} (none: controller actions output nothing).
 *
 * <p>Threading: PMD thread only, like the switch it wraps.
 */
public final class BridgeActionEnvironment implements ActionEnvironment {
    /** Receives frames sent to the controller (packet-in). */
    @FunctionalInterface
    public interface ControllerSink {
        /** Takes up to {@code maxLength} bytes of frame {@code i}; false when it could not (queue full). */
        boolean packetIn(PacketBatch batch, int i, int maxLength);
    }

    private final NormalSwitch normalSwitch;
    private final NormalBatchProcessor normal;
    private int localPort;
    private final ControllerSink controllerSink;

    /**
     * An environment over {@code normalSwitch} (switched by {@code normal}), whose internal port is
     * {@code localPort} (-1 if none) and whose packet-ins go to {@code controllerSink} (or nowhere if null).
     */
    public BridgeActionEnvironment(NormalSwitch normalSwitch, NormalBatchProcessor normal, int localPort,
        ControllerSink controllerSink) {
        this.normalSwitch = normalSwitch;
        this.normal = normal;
        this.localPort = localPort;
        this.controllerSink = controllerSink;
    }

    @Override
    public int[] ports() {
        return normalSwitch.memberPorts();
    }

    @Override
    public int localPort() {
        return localPort;
    }

    /** Sets the datapath index of the bridge's internal (LOCAL) port, -1 when it has none. */
    public void setLocalPort(int dpPortIndex) {
        this.localPort = dpPortIndex;
    }

    @Override
    public void normal(PacketBatch batch, int i, long nowNs, OutputSink sink) {
        normal.switchFrame(batch, i, nowNs, sink);
    }

    @Override
    public boolean controller(PacketBatch batch, int i, int maxLength) {
        return controllerSink != null && controllerSink.packetIn(batch, i, maxLength);
    }
}

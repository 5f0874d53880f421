package io.jvswitch.flowtable.text;

/**
 * The runtime numbers a {@code dump-flows} line shows beside a flow.
 *
 * @param durationNs     time since the flow was added (printed in seconds with millisecond precision)
 * @param packetCount    packets matched
 * @param byteCount      bytes matched
 * @param idleAgeSeconds seconds since the flow last matched a packet (or since it was added), -1 if unknown
 * @param hardAgeSeconds seconds since the flow was added or last modified, -1 if unknown (printed only
 *                       when it differs from the duration's whole seconds, as Open vSwitch does)
 */
public record FlowDumpStats(long durationNs, long packetCount, long byteCount, long idleAgeSeconds,
                            long hardAgeSeconds) {
}

package io.jvswitch.datapath.sflow;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings of one bridge's sFlow agent, as the {@code sFlow} table row gives them, with
 * Open vSwitch's defaults for empty columns. Immutable and validated on construction.
 *
 * @param agent           device name or IP literal giving the agent address; empty: the source
 *                        address towards the first target
 * @param targets         collectors; every datagram goes to each of them (at least one)
 * @param headerLength    bytes of each sampled frame copied into the raw packet header record
 * @param samplingRate    1-in-N packet sampling rate; 0 turns flow sampling off
 * @param pollingInterval seconds between counter samples of a port; 0 turns polling off
 * @param subAgentId      the sub-agent id in every datagram (Open vSwitch: the bridge number)
 */
public record SflowConfig(String agent, List<SflowTarget> targets, int headerLength, int samplingRate,
                          int pollingInterval, int subAgentId) {
    /** Default {@code header} ({@code SFL_DEFAULT_HEADER_SIZE}). */
    public static final int DEFAULT_HEADER_LENGTH = 128;
    /** Default {@code sampling} ({@code SFL_DEFAULT_SAMPLING_RATE}). */
    public static final int DEFAULT_SAMPLING_RATE = 400;
    /** Default {@code polling}, in seconds. */
    public static final int DEFAULT_POLLING_INTERVAL = 30;
    /**
     * Largest {@code header}: a flow sample with this many header bytes still fits one datagram
     * with an IPv6 agent address ({@link SflowDatagramEncoder#MAX_DATAGRAM_LENGTH}).
     */
    public static final int MAX_HEADER_LENGTH = 1024;

    /** Validates and freezes the settings. */
    public SflowConfig {
        agent = agent == null ? "" : agent.trim();
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("sFlow: at least one target is required");
        }
        targets = List.copyOf(targets);
        if (headerLength < 1 || headerLength > MAX_HEADER_LENGTH) {
            throw new IllegalArgumentException(
                "sFlow header " + headerLength + " out of range 1-" + MAX_HEADER_LENGTH);
        }
        if (samplingRate < 0) {
            throw new IllegalArgumentException("sFlow sampling " + samplingRate + " must not be negative");
        }
        if (pollingInterval < 0) {
            throw new IllegalArgumentException("sFlow polling " + pollingInterval + " must not be negative");
        }
        if (subAgentId < 0) {
            throw new IllegalArgumentException("sFlow sub-agent id " + subAgentId + " must not be negative");
        }
    }

    /**
     * Builds a configuration from the columns of an {@code sFlow} row, where a null column means
     * "not set" and takes Open vSwitch's default.
     *
     * @throws IllegalArgumentException with a one-line message for a bad target or value
     */
    public static SflowConfig fromColumns(String agent, List<String> targets, Integer header, Integer sampling,
                                          Integer polling, int subAgentId) {
        List<SflowTarget> parsed = new ArrayList<>();
        if (targets != null) {
            for (String target : targets) {
                parsed.add(SflowTarget.parse(target.trim()));
            }
        }
        return new SflowConfig(agent, parsed,
            header == null ? DEFAULT_HEADER_LENGTH : header,
            sampling == null ? DEFAULT_SAMPLING_RATE : sampling,
            polling == null ? DEFAULT_POLLING_INTERVAL : polling,
            subAgentId);
    }

    /** A configuration with the defaults and the given targets. */
    public static SflowConfig withTargets(String... targets) {
        return fromColumns(null, List.of(targets), null, null, null, 0);
    }

    /** A copy with another sampling rate. */
    public SflowConfig withSamplingRate(int rate) {
        return new SflowConfig(agent, targets, headerLength, rate, pollingInterval, subAgentId);
    }

    /** A copy with another header length. */
    public SflowConfig withHeaderLength(int length) {
        return new SflowConfig(agent, targets, length, samplingRate, pollingInterval, subAgentId);
    }

    /** A copy with another polling interval. */
    public SflowConfig withPollingInterval(int seconds) {
        return new SflowConfig(agent, targets, headerLength, samplingRate, seconds, subAgentId);
    }

    /** A copy with another agent (device name or IP literal; empty for the route towards the first target). */
    public SflowConfig withAgent(String newAgent) {
        return new SflowConfig(newAgent, targets, headerLength, samplingRate, pollingInterval, subAgentId);
    }

    /** A copy with another sub-agent id. */
    public SflowConfig withSubAgentId(int id) {
        return new SflowConfig(agent, targets, headerLength, samplingRate, pollingInterval, id);
    }
}

/**
 * sFlow version 5 monitoring of a bridge, as Open vSwitch's agent does it: random 1-in-N packet
 * sampling in the datapath, periodic port counters, and datagrams that real collectors (tshark,
 * sfacctd) decode.
 *
 * <h2>Threading: who runs what</h2>
 * <pre>
 *   PMD thread(s)                          |  sflow-agent-N thread            |  control thread
 *   ---------------------------------------+----------------------------------+--------------------------
 *   per packet: sampler.sample()           |  SflowAgent.doWork():            |  SflowConfig.fromColumns(...)
 *     (one decrement; true 1 in N)         |   apply posted config            |  agent.reconfigure(config)
 *   per sample: ring.offer(sampler, frame, |   drain SflowSampleRing -> flow  |  sampler.setSamplingRate(n)
 *     in, out, vlans) -- copies header,    |     samples into the datagram    |    for every port sampler
 *     never blocks; full ring = drop       |   every 1 s tick: poll due ports |  new SflowAgent(...).start()
 *   per duty cycle:                        |     (CounterSource), flush       |  agent.close()
 *     sampler.applyPendingRate()           |   send UDP to every target       |
 * </pre>
 * The only things the PMDs touch are their own {@link io.jvswitch.datapath.sflow.SflowSampler}s
 * (one per port per PMD; single owner) and the bridge's
 * {@link io.jvswitch.datapath.sflow.SflowSampleRing} (an Agrona many-to-one ring in direct memory,
 * preallocated). Nothing on that side allocates, locks, logs or throws, and nothing the collector
 * does (absent, refusing, slow) can reach it: the agent's sockets are non-blocking and every
 * failure is a counter plus a rate-limited warning.
 *
 * <h2>Integration (what the datapath does)</h2>
 * <ol>
 *   <li>Per bridge with sFlow: one {@code SflowSampleRing}, one {@code SflowAgent(config, ring,
 *       counterSource)} started with {@code start()}; the bridge implements
 *       {@link io.jvswitch.datapath.sflow.CounterSource} (ports with a Linux ifIndex).</li>
 *   <li>Per port and PMD: an {@code SflowSampler(config.samplingRate(), seed)}. For each received
 *       packet call {@code sample()} before the packet is modified; when it returns true, once
 *       the output is known, call {@code ring.offer(sampler, buffer, frameOffset, frameLength,
 *       inIfIndex, output, inVlanTci, outVlanTci)} with the frame as received. {@code output} is
 *       {@link io.jvswitch.datapath.sflow.SflowInterfaces#forOutputs(int, int)}; VLAN TCIs are
 *       {@code pcp << 13 | vid}, 0 when untagged ({@code outVlanTci}: the VLAN after input
 *       processing, e.g. an access port's tag). A PMD whose actions rewrite the frame before the
 *       output is known uses {@code claim(...)} at input and {@code publish(claim, output,
 *       outVlanTci)} (or {@code abort}) before the end of the batch instead.</li>
 *   <li>On a configuration change: {@code agent.reconfigure(newConfig)} and
 *       {@code setSamplingRate} on the samplers; on {@code clear bridge br0 sflow}: samplers to 0
 *       and {@code agent.close()} (joins the thread, closes the sockets).</li>
 * </ol>
 *
 * <h2>Datagram layout (all fields big-endian u32 unless noted)</h2>
 * <pre>
 *   header    5 | 1 (IPv4) or 2 (IPv6) | agent address | sub-agent id | sequence (from 1)
 *             | uptime ms | sample count
 *   flow      (0,1) len | seq | source 2:(1000 + sub-agent id) | rate | pool | drops | input | output | 2
 *               (0,1001) 16 | in vlan | in pri | out vlan | out pri
 *               (0,1)    16 + pad4(h) | 1 Ethernet | frame length + 4 (FCS) | 4 | h | h header bytes, 0-padded
 *   counters  (0,2) 168 | seq | source 0:ifIndex | 2
 *               (0,2) 52 | 13 dot3Stats counters (unknown = 0xFFFFFFFF)
 *               (0,1) 88 | ifIndex | 6 | speed u64 | direction | status | in octets u64 | in ucast
 *                 | in mcast | in bcast | in discards | in errors | in unknown protos
 *                 | out octets u64 | out ucast | out mcast | out bcast | out discards | out errors | promisc
 * </pre>
 * Datagrams are at most 1400 bytes: one is sent when the next sample would not fit and at every
 * one-second tick. Counter samples carry only records 1 and 2: Open vSwitch also sends 1004
 * (OpenFlow port) and 1005 (port name), which tshark 4.0 cannot skip and reports as malformed.
 * Flow samples use one bridge-wide source, as Open vSwitch does; its pool and drops are the sums of
 * the port samplers' counts (each sampler's pool is exact: the packets its countdown consumed).
 */
package io.jvswitch.datapath.sflow;

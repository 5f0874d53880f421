package io.jvswitch.bench.datapath;

import java.util.ArrayList;
import java.util.List;

/**
 * The "10,000 flows in 8 masks" table of issue 6, as OpenFlow flow text, and the packets that hit it.
 * The same layout is written by {@code bench/flows.sh} for the end-to-end run, so the per-stage numbers and
 * the end-to-end rate describe one table.
 *
 * <p>Rule {@code (k, j)} ({@code k} = mask 0..7, {@code j} = 0..1249) is the only one matching UDP from
 * {@link #source(int, int)} port {@link #sourcePort(int, int)}: every mask has its own range of source
 * addresses and ports, so a packet matches one rule and the traffic of {@code n} (k, j) pairs hits exactly
 * {@code n} rules. All rules output to OpenFlow port 2; mask {@code k} has priority {@code 100 + k}.
 */
public final class FlowSet {
    /** Distinct masks. */
    public static final int MASKS = 8;
    /** Rules per mask. */
    public static final int RULES_PER_MASK = 1250;
    /** The MAC address of the sending namespace (anchors.sh's v1). */
    public static final String MAC1 = "02:18:00:00:00:01";
    /** The MAC address of the receiving namespace (anchors.sh's v2). */
    public static final String MAC2 = "02:18:00:00:00:02";
    /** The sending namespace's address, 198.18.0.1. */
    public static final int IP1 = 0xc6120001;
    /** The receiving namespace's address, 198.18.0.2. */
    public static final int IP2 = 0xc6120002;
    /** The destination UDP port of every packet. */
    public static final int DPORT = 9;

    private FlowSet() {
    }

    /** Source address of rule (k, j): 198.18.(16(k+1) + (j+1)/256).((j+1)%256), inside 198.18.0.0/15. */
    public static int source(int k, int j) {
        return 0xc6120000 | ((k + 1) << 12) | (j + 1);
    }

    /** Source UDP port of rule (k, j). */
    public static int sourcePort(int k, int j) {
        return (k + 1) * 2048 + j;
    }

    /** The match of rule (k, j) (without priority and actions). */
    public static String match(int k, int j) {
        String src = dotted(source(k, j));
        int sport = sourcePort(k, j);
        switch (k) {
            case 0:
                return "udp,nw_src=" + src;
            case 1:
                return "udp,tp_src=" + sport;
            case 2:
                return "udp,nw_src=" + src + ",tp_src=" + sport;
            case 3:
                return "udp,in_port=1,nw_src=" + src;
            case 4:
                return "udp,nw_src=" + src + ",nw_dst=" + dotted(IP2);
            case 5:
                return "udp,tp_src=" + sport + ",tp_dst=" + DPORT;
            case 6:
                return "udp,dl_src=" + MAC1 + ",tp_src=" + sport;
            case 7:
                return "ip,nw_src=" + src;
            default:
                throw new IllegalArgumentException("mask " + k);
        }
    }

    /** All 10,000 rules as {@code ovs-ofctl add-flows} lines. */
    public static List<String> lines() {
        List<String> lines = new ArrayList<>(MASKS * RULES_PER_MASK);
        for (int j = 0; j < RULES_PER_MASK; j++) {
            for (int k = 0; k < MASKS; k++) {
                lines.add("priority=" + (100 + k) + "," + match(k, j) + ",actions=output:2");
            }
        }
        return lines;
    }

    /** a.b.c.d of {@code ip}. */
    public static String dotted(int ip) {
        return (ip >>> 24) + "." + ((ip >>> 16) & 0xff) + "." + ((ip >>> 8) & 0xff) + "." + (ip & 0xff);
    }

    /** Prints the rules (for scripts: {@code java -cp benchmarks.jar io.jvswitch.bench.datapath.FlowSet}). */
    public static void main(String[] args) {
        StringBuilder out = new StringBuilder(MASKS * RULES_PER_MASK * 64);
        for (String line : lines()) {
            out.append(line).append('\n');
        }
        System.out.print(out);
    }
}

package io.jvswitch.flowtable.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Generates random, valid flow texts in the many spellings a user may type (aliases, masks, hex and
 * decimal, commas or spaces, shorthands), always respecting prerequisites so every text must parse.
 */
final class FlowTextGenerator {
    private final Random rnd;

    FlowTextGenerator(long seed) {
        this.rnd = new Random(seed);
    }

    String next() {
        List<String> items = new ArrayList<>();
        int l3 = rnd.nextInt(8);
        String proto;
        switch (l3) {
            case 0:
                proto = pick("ip", "ipv4", "ip4", "dl_type=0x0800", "eth_type=2048");
                break;
            case 1:
                proto = pick("tcp", "udp", "sctp", "icmp", "ip,nw_proto=6", "dl_type=0x0800,nw_proto=17");
                break;
            case 2:
                proto = pick("arp", "rarp", "dl_type=0x0806");
                break;
            case 3:
                proto = pick("ipv6", "ip6", "dl_type=0x86dd");
                break;
            case 4:
                proto = pick("tcp6", "udp6", "sctp6", "icmp6");
                break;
            case 5:
                proto = pick("dl_type=0x88cc", "dl_type=0x8847", "eth_type=0x9000");
                break;
            default:
                proto = null;
                break;
        }
        if (proto != null) {
            items.add(proto);
        }
        boolean ip4 = l3 == 0 || l3 == 1;
        boolean ip6 = l3 == 3 || l3 == 4;
        boolean arp = l3 == 2;
        String p = proto == null ? "" : proto;
        boolean tcp = p.contains("tcp") || p.contains("nw_proto=6");
        boolean udp = p.contains("udp") || p.contains("nw_proto=17");
        boolean sctp = p.contains("sctp");
        boolean icmp4 = p.equals("icmp");
        boolean icmp6 = p.equals("icmp6");
        maybe(items, 0.3, () -> "in_port=" + pick("1", "2", "65279", "LOCAL", "local",
                String.valueOf(1 + rnd.nextInt(100))));
        maybe(items, 0.2, () -> pick("dl_src=", "eth_src=") + mac() + (rnd.nextBoolean() ? "" : "/" + macMask()));
        maybe(items, 0.2, () -> pick("dl_dst=", "eth_dst=") + mac() + (rnd.nextBoolean() ? "" : "/" + macMask()));
        int vlan = rnd.nextInt(6);
        if (vlan == 0) {
            items.add("dl_vlan=" + rnd.nextInt(4096));
        } else if (vlan == 1) {
            items.add("dl_vlan_pcp=" + rnd.nextInt(8));
        } else if (vlan == 2) {
            items.add(pick("vlan_tci=0", "dl_vlan=0xffff", "vlan_tci=0x1000/0x1000",
                    vlanTci()));
        }
        if (ip4 || arp) {
            String src = arp ? pick("arp_spa=", "nw_src=") : pick("nw_src=", "ip_src=");
            String dst = arp ? pick("arp_tpa=", "nw_dst=") : pick("nw_dst=", "ip_dst=");
            maybe(items, 0.5, () -> src + ipv4() + ipv4Mask());
            maybe(items, 0.4, () -> dst + ipv4() + ipv4Mask());
        }
        if (arp) {
            maybe(items, 0.4, () -> "arp_op=" + rnd.nextInt(256));
            maybe(items, 0.3, () -> "arp_sha=" + mac() + (rnd.nextBoolean() ? "" : "/" + macMask()));
            maybe(items, 0.3, () -> "arp_tha=" + mac());
        }
        if (ip6) {
            maybe(items, 0.5, () -> "ipv6_src=" + ipv6() + ipv6Mask());
            maybe(items, 0.4, () -> "ipv6_dst=" + ipv6() + ipv6Mask());
            maybe(items, 0.2, () -> "ipv6_label=" + hexOrDec(rnd.nextInt(0x100000)));
        }
        if (ip4 || ip6) {
            maybe(items, 0.2, () -> "nw_tos=" + rnd.nextInt(256));
            maybe(items, 0.15, () -> "ip_dscp=" + rnd.nextInt(64));
            maybe(items, 0.15, () -> pick("nw_ecn=", "ip_ecn=") + rnd.nextInt(4));
            maybe(items, 0.2, () -> "nw_ttl=" + rnd.nextInt(256));
            // A later fragment has no transport header, so "later" only goes with L3-only flows.
            boolean l4 = tcp || udp || sctp || icmp4 || icmp6;
            maybe(items, 0.2, () -> pick("nw_frag=", "ip_frag=") + (l4 ? pick("no", "yes", "first", "not_later")
                    : pick("no", "yes", "first", "later", "not_later")));
            if (!tcp && !udp && !sctp && !icmp4 && !icmp6 && !p.contains("nw_proto")) {
                maybe(items, 0.3, () -> "nw_proto=" + pick("47", "50", "89", "2"));
            }
        }
        if (tcp || udp || sctp) {
            String prefix = tcp ? pick("tp_", "tcp_") : udp ? pick("tp_", "udp_") : pick("tp_", "sctp_");
            maybe(items, 0.5, () -> prefix + "src=" + port());
            maybe(items, 0.5, () -> prefix + "dst=" + port());
        }
        if (tcp) {
            maybe(items, 0.3, () -> "tcp_flags=" + pick("+syn", "-ack", "+syn-ack", "+fin+rst", "0x012",
                    "0x002/0x012", "syn|ack"));
        }
        if (icmp4 || icmp6) {
            maybe(items, 0.5, () -> pick("icmp_type=", icmp6 ? "icmpv6_type=" : "icmp_type=") + rnd.nextInt(256));
            maybe(items, 0.4, () -> "icmp_code=" + rnd.nextInt(256));
        }
        maybe(items, 0.3, () -> "priority=" + rnd.nextInt(65536));
        maybe(items, 0.2, () -> "table=" + rnd.nextInt(255));
        maybe(items, 0.2, () -> "cookie=" + hexOrDec(rnd.nextInt(Integer.MAX_VALUE)));
        maybe(items, 0.2, () -> "idle_timeout=" + rnd.nextInt(65536));
        maybe(items, 0.2, () -> "hard_timeout=" + rnd.nextInt(65536));
        maybe(items, 0.1, () -> "send_flow_rem");
        maybe(items, 0.1, () -> "check_overlap");
        Collections.shuffle(items, rnd);
        String sep = rnd.nextInt(4) == 0 ? " " : ",";
        String match = String.join(sep, items);
        String actions = actions(ip4, tcp, udp);
        return match.isEmpty() ? "actions=" + actions : match + sep + "actions=" + actions;
    }

    /** A flow whose actions need OpenFlow 1.1+ (a VLAN push or pop is added at a random place). */
    String nextOpenFlow13() {
        String flow = next();
        int at = flow.indexOf("actions=") + "actions=".length();
        String actions = flow.substring(at);
        String extra = pick("push_vlan:0x8100", "push_vlan:0x88a8", "pop_vlan");
        if (actions.isEmpty() || actions.equals("drop")) {
            return flow.substring(0, at) + extra;
        }
        String[] parts = actions.split(",");
        int pos = rnd.nextInt(parts.length + 1);
        List<String> list = new ArrayList<>(List.of(parts));
        list.add(pos, extra);
        return flow.substring(0, at) + String.join(",", list);
    }

    /**
     * A masked TCI with the "present" bit set in the value; when the mask covers PCP bits it also covers the
     * present bit (PCP bits of a possibly absent header are refused in OpenFlow 1.1+ flows).
     */
    private String vlanTci() {
        int mask = rnd.nextInt(0x10000);
        if ((mask & 0xe000) != 0) {
            mask |= 0x1000;
        }
        return String.format("vlan_tci=0x%04x/0x%04x", rnd.nextInt(0x10000) | 0x1000, mask);
    }

    private String actions(boolean ip4, boolean tcp, boolean udp) {
        int n = rnd.nextInt(5);
        if (n == 0) {
            return pick("drop", "", "DROP".toLowerCase());
        }
        List<String> acts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            switch (rnd.nextInt(14)) {
                case 0:
                    acts.add("output:" + (1 + rnd.nextInt(65279)));
                    break;
                case 1:
                    acts.add(String.valueOf(1 + rnd.nextInt(100)));
                    break;
                case 2:
                    acts.add(pick("normal", "NORMAL", "flood", "all", "in_port", "local", "LOCAL", "output:local"));
                    break;
                case 3:
                    acts.add(pick("controller", "controller:" + rnd.nextInt(65536),
                            "controller(max_len=" + rnd.nextInt(65536) + ")"));
                    break;
                case 4:
                    acts.add(pick("mod_dl_src:", "mod_dl_dst:") + mac());
                    break;
                case 5:
                    acts.add("mod_vlan_vid:" + rnd.nextInt(4096));
                    break;
                case 6:
                    acts.add("mod_vlan_pcp:" + rnd.nextInt(8));
                    break;
                case 7:
                    acts.add("strip_vlan");
                    break;
                case 8:
                    acts.add(pick("mod_nw_src:", "mod_nw_dst:") + ipv4());
                    break;
                case 9:
                    acts.add("mod_nw_tos:" + 4 * rnd.nextInt(64));
                    break;
                case 10:
                    acts.add(pick("mod_tp_src:", "mod_tp_dst:") + rnd.nextInt(65536));
                    break;
                case 11:
                    acts.add(ip4 ? "dec_ttl" : "normal");
                    break;
                case 12:
                    acts.add(pick("resubmit(," + rnd.nextInt(255) + ")", "resubmit:" + (1 + rnd.nextInt(100)),
                            "resubmit(" + (1 + rnd.nextInt(100)) + "," + rnd.nextInt(255) + ")"));
                    break;
                default:
                    acts.add(pick("set_field:" + mac() + "->eth_src", "set_field:" + mac() + "->eth_dst",
                            ip4 ? "set_field:" + ipv4() + "->ip_dst" : "drop".replace("drop", "normal"),
                            tcp ? "set_field:" + rnd.nextInt(65536) + "->tcp_src" : "flood",
                            udp ? "set_field:" + rnd.nextInt(65536) + "->udp_dst" : "all"));
                    break;
            }
        }
        return String.join(",", acts);
    }

    private void maybe(List<String> items, double p, java.util.function.Supplier<String> item) {
        if (rnd.nextDouble() < p) {
            items.add(item.get());
        }
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[rnd.nextInt(options.length)];
    }

    private String hexOrDec(long v) {
        return rnd.nextBoolean() ? Long.toString(v) : "0x" + Long.toHexString(v);
    }

    private String mac() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append(':');
            }
            String b = String.format("%02x", rnd.nextInt(256));
            sb.append(rnd.nextBoolean() ? b : b.toUpperCase());
        }
        return sb.toString();
    }

    private String macMask() {
        return pick("ff:ff:ff:00:00:00", "01:00:00:00:00:00", "ff:ff:ff:ff:ff:ff", "00:00:00:00:00:00",
                "fe:ff:ff:ff:ff:ff", mac());
    }

    private String ipv4() {
        return rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256);
    }

    private String ipv4Mask() {
        switch (rnd.nextInt(4)) {
            case 0:
                return "";
            case 1:
                return "/" + rnd.nextInt(33);
            case 2:
                return "/" + pick("255.255.255.0", "255.0.0.0", "255.255.0.255", "0.0.0.0", "255.255.255.255");
            default:
                return "/" + ipv4();
        }
    }

    private String ipv6() {
        return pick("2001:db8::" + Integer.toHexString(rnd.nextInt(0x10000)), "fe80::1", "::",
                "::1", "2001:db8:" + Integer.toHexString(rnd.nextInt(0x10000)) + "::"
                        + Integer.toHexString(rnd.nextInt(0x10000)),
                "1:2:3:4:5:6:7:8", "::ffff:10.0.0.1", "ff02::1:ff00:1");
    }

    private String ipv6Mask() {
        switch (rnd.nextInt(3)) {
            case 0:
                return "";
            case 1:
                return "/" + rnd.nextInt(129);
            default:
                return "/" + pick("ffff:ffff::", "ffff::ffff", "::", "ffff:ffff:ffff:ffff::");
        }
    }

    private String port() {
        switch (rnd.nextInt(3)) {
            case 0:
                return String.valueOf(rnd.nextInt(65536));
            case 1:
                return "0x" + Integer.toHexString(rnd.nextInt(65536));
            default:
                return "0x" + Integer.toHexString(rnd.nextInt(65536)) + "/0x" + Integer.toHexString(rnd.nextInt(65536));
        }
    }
}

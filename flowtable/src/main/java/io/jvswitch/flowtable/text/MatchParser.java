package io.jvswitch.flowtable.text;

import io.jvswitch.flowtable.OfPort;
import io.jvswitch.flowtable.match.FlowKey;
import io.jvswitch.flowtable.match.Match;
import io.jvswitch.flowtable.match.MatchField;
import io.jvswitch.flowtable.match.Prerequisite;

import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates the match part of a flow: shorthands ({@code ip}, {@code tcp6}, ...) and {@code field=value}
 * items, then checks every typed field's prerequisite once the whole match is known (so field order does
 * not matter, as in Open vSwitch). Not thread-safe; one instance per parse.
 */
final class MatchParser {
    /** The TCP flag names in bit order (bit 0 = fin), as Open vSwitch prints them. */
    static final String[] TCP_FLAG_NAMES = {"fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr", "ns"};
    private static final long TCP_FLAGS_ALL = 0xfff;

    private final Match.Builder builder = Match.builder();
    private final List<MatchKeyword> typed = new ArrayList<>();
    private final List<String> typedNames = new ArrayList<>();
    private final PortNames ports;

    MatchParser(PortNames ports) {
        this.ports = ports;
    }

    /** Applies a protocol shorthand; false when {@code name} is not one. */
    boolean applyShorthand(String name) {
        int dlType;
        int proto = -1;
        switch (name) {
            case "ip":
            case "ipv4":
            case "ip4":
                dlType = Prerequisite.ETH_IPV4;
                break;
            case "icmp":
                dlType = Prerequisite.ETH_IPV4;
                proto = Prerequisite.PROTO_ICMP;
                break;
            case "tcp":
                dlType = Prerequisite.ETH_IPV4;
                proto = Prerequisite.PROTO_TCP;
                break;
            case "udp":
                dlType = Prerequisite.ETH_IPV4;
                proto = Prerequisite.PROTO_UDP;
                break;
            case "sctp":
                dlType = Prerequisite.ETH_IPV4;
                proto = Prerequisite.PROTO_SCTP;
                break;
            case "arp":
                dlType = Prerequisite.ETH_ARP;
                break;
            case "rarp":
                dlType = Prerequisite.ETH_RARP;
                break;
            case "ipv6":
            case "ip6":
                dlType = Prerequisite.ETH_IPV6;
                break;
            case "icmp6":
                dlType = Prerequisite.ETH_IPV6;
                proto = Prerequisite.PROTO_ICMPV6;
                break;
            case "tcp6":
                dlType = Prerequisite.ETH_IPV6;
                proto = Prerequisite.PROTO_TCP;
                break;
            case "udp6":
                dlType = Prerequisite.ETH_IPV6;
                proto = Prerequisite.PROTO_UDP;
                break;
            case "sctp6":
                dlType = Prerequisite.ETH_IPV6;
                proto = Prerequisite.PROTO_SCTP;
                break;
            case "mpls":
                dlType = 0x8847;
                break;
            case "mplsm":
                dlType = 0x8848;
                break;
            default:
                return false;
        }
        builder.set(MatchField.DL_TYPE, dlType);
        if (proto >= 0) {
            builder.set(MatchField.NW_PROTO, proto);
        }
        return true;
    }

    /** Applies {@code name=value} for a match keyword. */
    void apply(MatchKeyword kw, String name, String value) {
        if (value.isEmpty()) {
            throw new FlowSyntaxException("field " + name + " missing value");
        }
        if (value.equals("*") || value.equalsIgnoreCase("ANY")) {
            wildcard(kw);
            return;
        }
        try {
            switch (kw.kind) {
                case INT:
                case SMALL:
                    applyInteger(kw, name, value);
                    break;
                case DL_VLAN:
                    applyDlVlan(name, value);
                    break;
                case VLAN_VID:
                    applyVlanVid(name, value);
                    break;
                case PORT:
                    builder.set(MatchField.IN_PORT, parsePort(value, name));
                    break;
                case MAC:
                    applyMac(kw, value);
                    break;
                case IPV4:
                    applyIpv4(kw, value);
                    break;
                case IPV6:
                    applyIpv6(kw, value);
                    break;
                case FRAG:
                    applyFrag(value);
                    break;
                case TCP_FLAGS:
                    applyTcpFlags(value);
                    break;
                default:
                    throw new IllegalStateException("unhandled kind " + kw.kind);
            }
        } catch (FlowSyntaxException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new FlowSyntaxException(name + "=" + value + ": " + e.getMessage());
        }
        typed.add(kw);
        typedNames.add(name);
    }

    private void wildcard(MatchKeyword kw) {
        if (kw == MatchKeyword.VLAN_VID || kw == MatchKeyword.DL_VLAN) {
            builder.setMasked(MatchField.VLAN_TCI, 0, 0);
            return;
        }
        builder.wildcard(kw.field);
    }

    /** The match, after checking that every typed field's prerequisite holds. */
    Match build() {
        Match m = builder.build();
        boolean laterFragment = (m.mask(MatchField.NW_FRAG) & m.value(MatchField.NW_FRAG) & FlowKey.FRAG_LATER) != 0;
        for (int i = 0; i < typed.size(); i++) {
            Requirement r = typed.get(i).requirement();
            if (r != null && !m.isWildcarded(typed.get(i).field) && !r.isSatisfiedBy(m)) {
                throw new FlowSyntaxException(typedNames.get(i) + " requires " + r.description());
            }
            if (laterFragment && isTransportLayer(typed.get(i).field) && !m.isWildcarded(typed.get(i).field)) {
                throw new FlowSyntaxException(typedNames.get(i) + " requires a first fragment or an unfragmented "
                        + "packet, but nw_frag=later matches only later fragments (they carry no transport header)");
            }
        }
        return m;
    }

    private static boolean isTransportLayer(MatchField f) {
        MatchField s = f.storage();
        return s == MatchField.TP_SRC || s == MatchField.TP_DST || s == MatchField.TCP_FLAGS
                || s == MatchField.ND_TARGET || s == MatchField.ARP_SHA && f != MatchField.ARP_SHA
                || s == MatchField.ARP_THA && f != MatchField.ARP_THA;
    }

    private void applyInteger(MatchKeyword kw, String name, String text) {
        MatchField f = kw.field;
        int slash = text.indexOf('/');
        String vText = slash < 0 ? text : text.substring(0, slash);
        long v = Values.parseUnsigned(vText);
        if (v < 0 && !isNegativeNumber(vText)) {
            throw new FlowSyntaxException(vText + ": bad syntax for " + kw.ovsErrorName + " value");
        }
        long max = f == MatchField.NW_TOS ? 0xff : f.maxValue();
        if (v < 0 || v > max) {
            if (kw.kind == MatchKeyword.Kind.SMALL) {
                throw new FlowSyntaxException(name + "=" + text + ": value out of range for " + name + " (0.." + max
                        + ")");
            }
            throw new FlowSyntaxException(vText + ": value too large for " + ((f.bitWidth() + 7) / 8)
                    + "-byte field " + kw.ovsErrorName);
        }
        if (f == MatchField.VLAN_TCI) {
            checkTciCanMatch(name, text, v, slash < 0 ? 0xffff : Values.parseUnsigned(text.substring(slash + 1)));
        }
        if (slash < 0) {
            builder.set(f, f == MatchField.NW_TOS ? v & 0xfc : v);
            return;
        }
        long m = Values.parseUnsigned(text.substring(slash + 1));
        if (m < 0) {
            throw new FlowSyntaxException(text.substring(slash + 1) + ": bad syntax for " + kw.ovsErrorName
                    + " mask");
        }
        if (m > max) {
            throw new FlowSyntaxException(text + ": mask too large for " + ((f.bitWidth() + 7) / 8)
                    + "-byte field " + kw.ovsErrorName);
        }
        if (!f.isMaskable() && m != max && m != 0) {
            throw new FlowSyntaxException(text + ": invalid mask for field " + kw.ovsErrorName);
        }
        builder.setMasked(f, v & m, m);
    }

    /**
     * A packet without a VLAN header has TCI 0, and one with a header always has the 0x1000 bit: a TCI that
     * requires the bit clear but other bits set matches nothing. Open vSwitch silently turns it into "no VLAN"
     * (OpenFlow 1.0) or keeps a flow that never matches; we reject it.
     */
    private static void checkTciCanMatch(String name, String text, long value, long mask) {
        if (mask >= 0 && (mask & 0x1000) != 0 && (value & 0x1000) == 0 && (value & mask) != 0) {
            throw new FlowSyntaxException(name + "=" + text + ": can never match (without the 0x1000 "
                    + "\"VLAN header present\" bit the only TCI is 0)");
        }
    }

    /** {@code -N}: {@code strtoull} wraps it to a huge number, so Open vSwitch reports "too large". */
    private static boolean isNegativeNumber(String s) {
        return s.length() > 1 && s.charAt(0) == '-' && Values.parseUnsigned(s.substring(1)) >= 0;
    }

    private void applyDlVlan(String name, String text) {
        long v = Values.parseUnsigned(text);
        if (v < 0 && !isNegativeNumber(text)) {
            throw new FlowSyntaxException(text + ": bad syntax for dl_vlan value");
        }
        if (v < 0 || v > 0xfff && v != 0xffff) {
            throw new FlowSyntaxException(name + "=" + text
                    + ": VLAN id out of range (0..4095, or 0xffff for no 802.1Q header)");
        }
        builder.set(MatchField.DL_VLAN, v);
    }

    private void applyVlanVid(String name, String text) {
        int slash = text.indexOf('/');
        long v = Values.parseUnsigned(slash < 0 ? text : text.substring(0, slash));
        long m = slash < 0 ? 0x1fff : Values.parseUnsigned(text.substring(slash + 1));
        if (v < 0 || m < 0) {
            throw new FlowSyntaxException(text + ": bad syntax for vlan_vid value");
        }
        if (v > 0x1fff || m > 0x1fff) {
            throw new FlowSyntaxException(name + "=" + text + ": value out of range for vlan_vid (0..0x1fff)");
        }
        checkTciCanMatch(name, text, v, m);
        Match current = builder.build();
        long tciMask = current.mask(MatchField.VLAN_TCI) & ~0x1fffL | m;
        long tciValue = current.value(MatchField.VLAN_TCI) & ~0x1fffL | (v & m);
        if (tciValue == 0 && (tciMask & 0x1000) != 0) {
            // "No VLAN header": the PCP bits of an absent header are 0 too, so this is vlan_tci=0x0000.
            tciMask = 0xffff;
        }
        builder.setMasked(MatchField.VLAN_TCI, tciValue & tciMask, tciMask);
    }

    private void applyMac(MatchKeyword kw, String text) {
        int slash = text.indexOf('/');
        String vText = slash < 0 ? text : text.substring(0, slash);
        long v = Values.parseMac(vText);
        if (v < 0) {
            throw new FlowSyntaxException(vText + ": invalid Ethernet address");
        }
        long m = 0xffffffffffffL;
        if (slash >= 0) {
            m = Values.parseMac(text.substring(slash + 1));
            if (m < 0) {
                throw new FlowSyntaxException(text.substring(slash + 1) + ": invalid Ethernet address");
            }
        }
        builder.setMasked(kw.field, v & m, m);
    }

    private void applyIpv4(MatchKeyword kw, String text) {
        int slash = text.indexOf('/');
        String vText = slash < 0 ? text : text.substring(0, slash);
        long v = Values.parseIpv4(vText);
        if (v < 0) {
            throw new FlowSyntaxException(vText + ": invalid IP address");
        }
        long m = 0xffffffffL;
        if (slash >= 0) {
            String mText = text.substring(slash + 1);
            if (mText.indexOf('.') >= 0) {
                m = Values.parseIpv4(mText);
                if (m < 0) {
                    throw new FlowSyntaxException(text + ": invalid IP address");
                }
            } else {
                long len = Values.parseDecimal(mText);
                if (len < 0 || len > 32) {
                    throw new FlowSyntaxException(text
                            + ": IPv4 network prefix bits not between 0 and 32, inclusive");
                }
                m = Values.prefixMask32((int) len);
            }
        }
        builder.setMasked(kw.field, v & m, m);
    }

    private void applyIpv6(MatchKeyword kw, String text) {
        int slash = text.indexOf('/');
        String vText = slash < 0 ? text : text.substring(0, slash);
        long[] v = Values.parseIpv6(vText);
        if (v == null) {
            throw new FlowSyntaxException(vText + ": invalid IPv6 address");
        }
        if (slash < 0) {
            builder.set128(kw.field, v[0], v[1]);
            return;
        }
        String mText = text.substring(slash + 1);
        if (mText.indexOf(':') >= 0) {
            long[] m = Values.parseIpv6(mText);
            if (m == null) {
                throw new FlowSyntaxException(text + ": Invalid IPv6 mask");
            }
            builder.setMasked128(kw.field, v[0] & m[0], v[1] & m[1], m[0], m[1]);
            return;
        }
        long len = Values.parseDecimal(mText);
        if (len < 0 || len > 128) {
            throw new FlowSyntaxException(text + ": IPv6 network prefix bits not between 0 and 128, inclusive");
        }
        builder.setPrefix128(kw.field, v[0], v[1], (int) len);
    }

    private void applyFrag(String text) {
        long value;
        long mask;
        switch (text) {
            case "no":
                value = 0;
                mask = FlowKey.FRAG_ANY;
                break;
            case "yes":
                value = FlowKey.FRAG_ANY;
                mask = FlowKey.FRAG_ANY;
                break;
            case "first":
                value = FlowKey.FRAG_ANY;
                mask = FlowKey.FRAG_ANY | FlowKey.FRAG_LATER;
                break;
            case "later":
                value = FlowKey.FRAG_ANY | FlowKey.FRAG_LATER;
                mask = FlowKey.FRAG_ANY | FlowKey.FRAG_LATER;
                break;
            case "not_later":
                value = 0;
                mask = FlowKey.FRAG_LATER;
                break;
            default:
                throw new FlowSyntaxException(text + ": unknown fragment type (valid types are \"no\", \"yes\", "
                        + "\"first\", \"later\", \"not_later\"");
        }
        builder.setMasked(MatchField.NW_FRAG, value, mask);
    }

    private void applyTcpFlags(String text) {
        char first = text.charAt(0);
        if (first == '+' || first == '-') {
            long value = 0;
            long mask = 0;
            int i = 0;
            while (i < text.length()) {
                char sign = text.charAt(i++);
                if (sign != '+' && sign != '-') {
                    throw new FlowSyntaxException(text + ": bad syntax for tcp_flags value");
                }
                int end = i;
                while (end < text.length() && text.charAt(end) != '+' && text.charAt(end) != '-') {
                    end++;
                }
                long bit = tcpFlagBit(text.substring(i, end), text);
                mask |= bit;
                if (sign == '+') {
                    value |= bit;
                }
                i = end;
            }
            builder.setMasked(MatchField.TCP_FLAGS, value, mask);
            return;
        }
        if (Character.isLetter(first) || text.indexOf('|') >= 0) {
            long value = 0;
            for (String part : text.split("\\|", -1)) {
                value |= tcpFlagBit(part, text);
            }
            builder.setMasked(MatchField.TCP_FLAGS, value, TCP_FLAGS_ALL);
            return;
        }
        int slash = text.indexOf('/');
        long v = Values.parseUnsigned(slash < 0 ? text : text.substring(0, slash));
        long m = slash < 0 ? TCP_FLAGS_ALL : Values.parseUnsigned(text.substring(slash + 1));
        if (v < 0 || m < 0) {
            throw new FlowSyntaxException(text + ": bad syntax for tcp_flags value");
        }
        if (v > TCP_FLAGS_ALL || m > TCP_FLAGS_ALL) {
            throw new FlowSyntaxException("tcp_flags=" + text + ": value out of range for tcp_flags (0..0xfff)");
        }
        builder.setMasked(MatchField.TCP_FLAGS, v & m, m);
    }

    private static long tcpFlagBit(String name, String whole) {
        for (int b = 0; b < TCP_FLAG_NAMES.length; b++) {
            if (TCP_FLAG_NAMES[b].equals(name)) {
                return 1L << b;
            }
        }
        if (name.startsWith("0x")) {
            long v = Values.parseUnsigned(name);
            if (v > 0 && Long.bitCount(v) == 1 && v <= TCP_FLAGS_ALL) {
                return v;
            }
        }
        if (name.length() > 2 && name.startsWith("[") && name.endsWith("]")) {
            long v = Values.parseUnsigned("0x" + name.substring(1, name.length() - 1));
            if (v > 0 && Long.bitCount(v) == 1 && v <= TCP_FLAGS_ALL) {
                return v;
            }
        }
        throw new FlowSyntaxException(whole + ": unknown tcp flag " + name);
    }

    /**
     * A port given as a number, a reserved name (any case) or a bridge port name; Open vSwitch's error
     * otherwise.
     */
    int parsePort(String text, String keyword) {
        int p = portOrMinusOne(text, ports);
        if (p < 0) {
            throw new FlowSyntaxException(text + ": invalid or unknown port for " + keyword);
        }
        return p;
    }

    /** A port number from a number, reserved name or known port name, or -1. */
    static int portOrMinusOne(String text, PortNames ports) {
        int reserved = OfPort.reservedNumber(text);
        if (reserved >= 0) {
            return reserved;
        }
        long n = Values.parseDecimal(text);
        if (n >= 0) {
            return n <= 0xffff ? (int) n : -1;
        }
        return ports.numberOf(text);
    }
}

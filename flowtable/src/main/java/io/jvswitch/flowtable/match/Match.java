package io.jvswitch.flowtable.match;

import java.util.Arrays;

/**
 * An immutable value+mask over the {@link FlowKey} layout: a key matches when
 * {@code (key.word(i) & mask[i]) == value[i]} for every word. Values are always stored pre-masked, so two
 * matches that accept the same packets are {@link #equals equal}.
 *
 * <p>Built with {@link #builder()}: typed setters per field (exact and masked), plus generic
 * {@link Builder#set(MatchField, long)} / {@link Builder#setMasked(MatchField, long, long)} used by the
 * text layer. The builder checks value ranges and refuses masks on non-maskable fields with an
 * {@link IllegalArgumentException} whose message names the field; prerequisites are checked separately
 * ({@link #firstFieldMissingPrerequisite()}) because the text layer reports them with the user's words.
 */
public final class Match {
    /** The match that accepts every packet. */
    public static final Match CATCH_ALL = new Match(new long[FlowKey.WORDS], new long[FlowKey.WORDS]);

    private final long[] value;
    private final long[] mask;
    private final int hash;

    private Match(long[] value, long[] mask) {
        this.value = value;
        this.mask = mask;
        for (int i = 0; i < FlowKey.WORDS; i++) {
            value[i] &= mask[i];
        }
        this.hash = 31 * Arrays.hashCode(value) + Arrays.hashCode(mask);
    }

    /** A match from raw words (copied; values are masked). Arrays must have {@link FlowKey#WORDS} entries. */
    public static Match ofWords(long[] value, long[] mask) {
        if (value.length != FlowKey.WORDS || mask.length != FlowKey.WORDS) {
            throw new IllegalArgumentException("a match has " + FlowKey.WORDS + " words");
        }
        return new Match(value.clone(), mask.clone());
    }

    /** A match that accepts exactly the packets whose fields equal those of {@code key}. */
    public static Match exactly(FlowKey key) {
        long[] v = new long[FlowKey.WORDS];
        long[] m = new long[FlowKey.WORDS];
        for (int i = 0; i < FlowKey.WORDS; i++) {
            v[i] = key.word(i);
            m[i] = -1L;
        }
        return new Match(v, m);
    }

    /** A new, empty (catch-all) builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this match. */
    public Builder toBuilder() {
        Builder b = new Builder();
        System.arraycopy(value, 0, b.value, 0, FlowKey.WORDS);
        System.arraycopy(mask, 0, b.mask, 0, FlowKey.WORDS);
        return b;
    }

    /** Value word {@code i} (already masked). */
    public long valueWord(int i) {
        return value[i];
    }

    /** Mask word {@code i}. */
    public long maskWord(int i) {
        return mask[i];
    }

    /** A copy of the mask words. */
    public long[] maskWords() {
        return mask.clone();
    }

    /** A copy of the value words. */
    public long[] valueWords() {
        return value.clone();
    }

    /** The value of a field of at most 64 bits, in the field's units (0 where wildcarded). */
    public long value(MatchField field) {
        requireNarrow(field);
        return (value[field.word()] >>> field.shift()) & field.valueMask();
    }

    /** The mask of a field of at most 64 bits, in the field's units. */
    public long mask(MatchField field) {
        requireNarrow(field);
        return (mask[field.word()] >>> field.shift()) & field.valueMask();
    }

    /** High word of a 128-bit field's value. */
    public long valueHigh(MatchField field) {
        return field.is128() ? value[field.word()] : 0;
    }

    /** Low word of a 128-bit field's value, or a narrower field's value. */
    public long valueLow(MatchField field) {
        return field.is128() ? value[field.word() + 1] : value(field);
    }

    /** High word of a 128-bit field's mask. */
    public long maskHigh(MatchField field) {
        return field.is128() ? mask[field.word()] : 0;
    }

    /** Low word of a 128-bit field's mask, or a narrower field's mask. */
    public long maskLow(MatchField field) {
        return field.is128() ? mask[field.word() + 1] : mask(field);
    }

    /** True when no bit of the field's storage slice is matched. */
    public boolean isWildcarded(MatchField field) {
        if (field.is128()) {
            return mask[field.word()] == 0 && mask[field.word() + 1] == 0;
        }
        return (mask[field.word()] & field.wordMask()) == 0;
    }

    /** True when every bit of the field's value is matched (for nw_tos: the six DSCP bits). */
    public boolean isExact(MatchField field) {
        if (field.is128()) {
            return mask[field.word()] == -1L && mask[field.word() + 1] == -1L;
        }
        return (mask[field.word()] & field.wordMask()) == field.wordMask();
    }

    /** True when the match wildcards everything. */
    public boolean isCatchAll() {
        for (long m : mask) {
            if (m != 0) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code key} is accepted. Allocation-free. */
    public boolean matches(FlowKey key) {
        for (int i = 0; i < FlowKey.WORDS; i++) {
            if ((key.word(i) & mask[i]) != value[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when this match is at least as specific as {@code pattern}: every bit {@code pattern} matches is
     * matched here too, with the same value. This is Open vSwitch's loose match used by non-strict
     * {@code del-flows}/{@code mod-flows} (a flow is selected when {@code flow.isAtLeastAsSpecificAs(pattern)}).
     */
    public boolean isAtLeastAsSpecificAs(Match pattern) {
        for (int i = 0; i < FlowKey.WORDS; i++) {
            long pm = pattern.mask[i];
            if ((pm & ~mask[i]) != 0 || (value[i] & pm) != pattern.value[i]) {
                return false;
            }
        }
        return true;
    }

    /** True when some packet could match both this and {@code other} (used by {@code check_overlap}). */
    public boolean overlaps(Match other) {
        for (int i = 0; i < FlowKey.WORDS; i++) {
            if (((value[i] ^ other.value[i]) & mask[i] & other.mask[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** True when both matches have the same mask (and therefore belong to one classifier subtable). */
    public boolean sameMask(Match other) {
        return Arrays.equals(mask, other.mask);
    }

    /**
     * The first matched field whose prerequisite is not met, or {@code null} when all are met. Fields that
     * share storage count as met when any of them is met (nw_src bits are fine in an {@code arp} flow, as
     * {@code arp_spa}). Reports the storage owner ({@code nw_src} rather than {@code arp_spa}).
     */
    public MatchField firstFieldMissingPrerequisite() {
        for (MatchField f : MatchField.values()) {
            if (f.prerequisite().isNone() || isWildcarded(f)) {
                continue;
            }
            boolean satisfied = false;
            for (MatchField g : MatchField.values()) {
                if (g.storage() == f.storage() && slicesIntersect(f, g) && g.prerequisite().isSatisfiedBy(this)) {
                    satisfied = true;
                    break;
                }
            }
            if (!satisfied) {
                return f.storage();
            }
        }
        return null;
    }

    private static boolean slicesIntersect(MatchField a, MatchField b) {
        return a.word() == b.word() && (a.is128() || b.is128() || (a.wordMask() & b.wordMask()) != 0);
    }

    private static void requireNarrow(MatchField field) {
        if (field.is128()) {
            throw new IllegalArgumentException(field.ovsName() + " is 128 bits wide: use valueHigh/valueLow");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Match)) {
            return false;
        }
        Match other = (Match) o;
        return hash == other.hash && Arrays.equals(mask, other.mask) && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** A debugging form listing matched storage fields in hex; the ovs-ofctl form is the text layer's job. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Match{");
        boolean first = true;
        for (MatchField f : MatchField.values()) {
            if (f.isAlias() || isWildcarded(f)) {
                continue;
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(f.ovsName()).append('=');
            if (f.is128()) {
                sb.append(Long.toHexString(valueHigh(f))).append(':').append(Long.toHexString(valueLow(f)))
                        .append('/').append(Long.toHexString(maskHigh(f))).append(':')
                        .append(Long.toHexString(maskLow(f)));
            } else {
                sb.append("0x").append(Long.toHexString(value(f)));
                if (!isExact(f)) {
                    sb.append("/0x").append(Long.toHexString(mask(f)));
                }
            }
        }
        return sb.append('}').toString();
    }

    /** Mutable builder; not thread-safe. Each setter replaces what was set before for the same bits. */
    public static final class Builder {
        private final long[] value = new long[FlowKey.WORDS];
        private final long[] mask = new long[FlowKey.WORDS];

        private Builder() {
        }

        /**
         * Matches {@code field} exactly. For {@link MatchField#DL_VLAN} 0xffff means "no 802.1Q header"
         * ({@code vlan_tci=0/0xffff}); dl_vlan and dl_vlan_pcp also require the tag-present bit.
         *
         * @throws IllegalArgumentException when the value does not fit the field
         */
        public Builder set(MatchField field, long v) {
            checkRange(field, v);
            if (field == MatchField.DL_VLAN) {
                if (v == 0xffff) {
                    return setMasked(MatchField.VLAN_TCI, 0, 0xffff);
                }
                if (v > 0xfff) {
                    throw new IllegalArgumentException("value " + v + " out of range for dl_vlan (0..4095, or 0xffff)");
                }
                return mergeVlan(0x1fff, FlowKey.VLAN_PRESENT | v);
            }
            if (field == MatchField.DL_VLAN_PCP) {
                return mergeVlan(0xf000, FlowKey.VLAN_PRESENT | (v << 13));
            }
            if (field.is128()) {
                return setMasked128(field, 0, v, -1L, -1L);
            }
            return putSlice(field, v, field.valueMask());
        }

        /**
         * Matches the bits of {@code field} selected by {@code m} (a mask of all ones is exact, 0 wildcards).
         *
         * @throws IllegalArgumentException when the value does not fit, or the field is not maskable and
         *     the mask is neither all ones nor zero
         */
        public Builder setMasked(MatchField field, long v, long m) {
            if (field.is128()) {
                return setMasked128(field, 0, v, 0, m);
            }
            checkRange(field, v);
            checkRange(field, m);
            long full = field.valueMask();
            if (field.isVlanView()) {
                if ((m & full) == full) {
                    return set(field, v);
                }
                if (m == 0) {
                    return wildcard(field);
                }
                throw new IllegalArgumentException(field.ovsName() + " does not take a mask");
            }
            if (!field.isMaskable() && (m & full) != full && m != 0) {
                throw new IllegalArgumentException(field.ovsName() + " does not take a mask");
            }
            return putSlice(field, v, m & full);
        }

        /** Matches a 128-bit field with a mask (all ones in both words for exact). */
        public Builder setMasked128(MatchField field, long high, long low, long maskHigh, long maskLow) {
            if (!field.is128()) {
                throw new IllegalArgumentException(field.ovsName() + " is not 128 bits wide");
            }
            int w = field.word();
            value[w] = high & maskHigh;
            mask[w] = maskHigh;
            value[w + 1] = low & maskLow;
            mask[w + 1] = maskLow;
            return this;
        }

        /** Matches a 128-bit field exactly. */
        public Builder set128(MatchField field, long high, long low) {
            return setMasked128(field, high, low, -1L, -1L);
        }

        /** Matches a 128-bit field on its first {@code prefixLen} bits (0..128). */
        public Builder setPrefix128(MatchField field, long high, long low, int prefixLen) {
            if (prefixLen < 0 || prefixLen > 128) {
                throw new IllegalArgumentException("prefix length " + prefixLen + " out of range for "
                        + field.ovsName() + " (0..128)");
            }
            long mh = prefixLen == 0 ? 0 : prefixLen >= 64 ? -1L : -1L << (64 - prefixLen);
            long ml = prefixLen <= 64 ? 0 : prefixLen == 128 ? -1L : -1L << (128 - prefixLen);
            return setMasked128(field, high, low, mh, ml);
        }

        /** Stops matching {@code field} (for a view, only its own bits). */
        public Builder wildcard(MatchField field) {
            if (field.is128()) {
                return setMasked128(field, 0, 0, 0, 0);
            }
            return putSlice(field, 0, 0);
        }

        /** Matches the ingress port. */
        public Builder inPort(int port) {
            return set(MatchField.IN_PORT, port & 0xffffffffL);
        }

        /** Matches the Ethernet type. */
        public Builder dlType(int type) {
            return set(MatchField.DL_TYPE, type);
        }

        /** Matches the Ethernet source exactly. */
        public Builder dlSrc(long mac) {
            return set(MatchField.DL_SRC, mac);
        }

        /** Matches the Ethernet source under a mask. */
        public Builder dlSrc(long mac, long macMask) {
            return setMasked(MatchField.DL_SRC, mac, macMask);
        }

        /** Matches the Ethernet destination exactly. */
        public Builder dlDst(long mac) {
            return set(MatchField.DL_DST, mac);
        }

        /** Matches the Ethernet destination under a mask. */
        public Builder dlDst(long mac, long macMask) {
            return setMasked(MatchField.DL_DST, mac, macMask);
        }

        /** Matches vlan_tci under a mask (see {@link MatchField#VLAN_TCI} for the present bit). */
        public Builder vlanTci(int tci, int tciMask) {
            return setMasked(MatchField.VLAN_TCI, tci, tciMask);
        }

        /** Matches the VLAN id (0xffff: untagged). */
        public Builder dlVlan(int vid) {
            return set(MatchField.DL_VLAN, vid);
        }

        /** Matches the VLAN priority (implies tagged). */
        public Builder dlVlanPcp(int pcp) {
            return set(MatchField.DL_VLAN_PCP, pcp);
        }

        /** Matches the IPv4 (or ARP) source under a CIDR prefix length (0..32). */
        public Builder nwSrc(int addr, int prefixLen) {
            return setMasked(MatchField.NW_SRC, addr & 0xffffffffL, prefixMask32(prefixLen));
        }

        /** Matches the IPv4 (or ARP) destination under a CIDR prefix length (0..32). */
        public Builder nwDst(int addr, int prefixLen) {
            return setMasked(MatchField.NW_DST, addr & 0xffffffffL, prefixMask32(prefixLen));
        }

        /** Matches the IP protocol. */
        public Builder nwProto(int proto) {
            return set(MatchField.NW_PROTO, proto);
        }

        /** Matches the transport source port exactly. */
        public Builder tpSrc(int port) {
            return set(MatchField.TP_SRC, port);
        }

        /** Matches the transport destination port exactly. */
        public Builder tpDst(int port) {
            return set(MatchField.TP_DST, port);
        }

        /** The immutable match. The builder may be reused afterwards. */
        public Match build() {
            return new Match(value.clone(), mask.clone());
        }

        private Builder mergeVlan(long maskBits, long bits) {
            int w = FlowKey.W_PORT_TYPE_TCI;
            long m = (mask[w] & 0xffff) | maskBits;
            long v = ((value[w] & 0xffff) & ~maskBits) | (bits & maskBits);
            mask[w] = (mask[w] & ~0xffffL) | m;
            value[w] = (value[w] & ~0xffffL) | (v & m);
            return this;
        }

        private Builder putSlice(MatchField field, long v, long m) {
            int w = field.word();
            long wordMask = field.wordMask();
            long sm = (m << field.shift()) & wordMask;
            mask[w] = (mask[w] & ~wordMask) | sm;
            value[w] = (value[w] & ~wordMask) | ((v << field.shift()) & sm);
            return this;
        }

        private static void checkRange(MatchField field, long v) {
            if (field.bitWidth() < 64 && Long.compareUnsigned(v, field.maxValue()) > 0) {
                throw new IllegalArgumentException("value " + v + " out of range for " + field.ovsName()
                        + " (0.." + field.maxValue() + ")");
            }
        }

        private static long prefixMask32(int prefixLen) {
            if (prefixLen < 0 || prefixLen > 32) {
                throw new IllegalArgumentException("prefix length " + prefixLen + " out of range (0..32)");
            }
            return prefixLen == 0 ? 0 : (0xffffffffL << (32 - prefixLen)) & 0xffffffffL;
        }
    }
}

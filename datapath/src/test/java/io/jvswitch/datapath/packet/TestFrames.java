package io.jvswitch.datapath.packet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Hand-built frames for tests, with checksums computed from scratch (independently of the
 * production checksum code), and a textual frame syntax in the spirit of
 * {@code netdev-dummy/receive}: {@code "dl_src=00:00:00:00:00:01,dl_dst=ff:ff:ff:ff:ff:ff,dl_vlan=10"}.
 */
public final class TestFrames {
    /** IP protocol numbers. */
    public static final int TCP = 6;
    /** UDP. */
    public static final int UDP = 17;
    /** SCTP. */
    public static final int SCTP = 132;
    /** ICMP. */
    public static final int ICMP = 1;

    private TestFrames() {
    }

    /** Starts a frame. */
    public static Builder frame() {
        return new Builder();
    }

    /**
     * Parses {@code key=value,...} with keys dl_src, dl_dst, dl_vlan, dl_vlan_pcp, dl_type, len
     * (total frame length, default 64) into a frame with a zero payload.
     */
    public static byte[] parse(String text) {
        Builder b = frame();
        int vlan = -1;
        int pcp = 0;
        for (String pair : text.split(",")) {
            String[] kv = pair.trim().split("=", 2);
            switch (kv[0]) {
                case "dl_src":
                    b.ethSrc(MacAddresses.parse(kv[1]));
                    break;
                case "dl_dst":
                    b.ethDst(MacAddresses.parse(kv[1]));
                    break;
                case "dl_vlan":
                    vlan = Integer.parseInt(kv[1]);
                    break;
                case "dl_vlan_pcp":
                    pcp = Integer.parseInt(kv[1]);
                    break;
                case "dl_type":
                    b.etherType(Integer.decode(kv[1]));
                    break;
                case "len":
                    b.payload(Integer.parseInt(kv[1]) - 14 - (vlan >= 0 ? 4 : 0));
                    break;
                default:
                    throw new IllegalArgumentException("unknown key " + kv[0]);
            }
        }
        if (vlan >= 0) {
            b.vlan(VlanTags.tci(pcp, vlan));
        }
        return b.build();
    }

    /** Copies {@code frame} into a new slot of {@code batch}, from {@code inPort}; returns the slot. */
    public static int load(PacketBatch batch, byte[] frame, int inPort) {
        int i = batch.claim();
        batch.memory().putBytes(batch.frameOffset(i), frame);
        batch.setFrameLength(i, frame.length);
        batch.setInPort(i, inPort);
        return i;
    }

    /** The bytes of frame {@code i} of {@code batch}. */
    public static byte[] bytes(PacketBatch batch, int i) {
        byte[] out = new byte[batch.frameLength(i)];
        batch.memory().getBytes(batch.frameOffset(i), out);
        return out;
    }

    /** Offset of the L3 header in an untagged or single-tagged frame. */
    public static int l3Offset(byte[] f) {
        int type = u16(f, 12);
        return VlanTags.isTpid(type) ? 18 : 14;
    }

    /** IPv4 header checksum verifies (sum over the header folds to 0xFFFF). */
    public static boolean ipv4HeaderChecksumValid(byte[] f) {
        int l3 = l3Offset(f);
        int ihl = (f[l3] & 0xF) * 4;
        return fold(sum(f, l3, ihl, 0)) == 0xFFFF;
    }

    /** The one's-complement sum of the IPv4 pseudo-header of an IPv4 frame, folded. */
    public static int pseudoHeaderSum(byte[] f) {
        int l3 = l3Offset(f);
        int ihl = (f[l3] & 0xF) * 4;
        int l4Length = u16(f, l3 + 2) - ihl;
        long s = sum(f, l3 + 12, 8, 0) + (f[l3 + 9] & 0xFF) + l4Length;
        return fold(s);
    }

    /** TCP/UDP checksum of an IPv4 frame verifies from scratch (a UDP zero checksum counts as valid). */
    public static boolean l4ChecksumValid(byte[] f) {
        int l3 = l3Offset(f);
        int ihl = (f[l3] & 0xF) * 4;
        int l4 = l3 + ihl;
        int l4Length = u16(f, l3 + 2) - ihl;
        int proto = f[l3 + 9] & 0xFF;
        if (proto == UDP && u16(f, l4 + 6) == 0) {
            return true;
        }
        return fold(sum(f, l4, l4Length, pseudoHeaderSum(f))) == 0xFFFF;
    }

    /** The L4 checksum field of an IPv4 TCP/UDP frame. */
    public static int l4ChecksumField(byte[] f) {
        int l3 = l3Offset(f);
        int l4 = l3 + (f[l3] & 0xF) * 4;
        return u16(f, l4 + ((f[l3 + 9] & 0xFF) == TCP ? 16 : 6));
    }

    static long sum(byte[] f, int off, int len, long initial) {
        long s = initial;
        for (int i = 0; i < len; i += 2) {
            int hi = f[off + i] & 0xFF;
            int lo = i + 1 < len ? f[off + i + 1] & 0xFF : 0;
            s += (hi << 8) | lo;
        }
        return s;
    }

    static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }

    static int u16(byte[] f, int off) {
        return ((f[off] & 0xFF) << 8) | (f[off + 1] & 0xFF);
    }

    /** Fluent frame builder. */
    public static final class Builder {
        private long ethSrc = 0x0200_0000_0001L;
        private long ethDst = 0x0200_0000_0002L;
        private int tci = -1;
        private int etherType = 0x88B5;
        private boolean ipv4;
        private int ipSrc = 0xC612_0001;
        private int ipDst = 0xC612_0002;
        private int ttl = 64;
        private int tos;
        private int proto = -1;
        private int sport = 1234;
        private int dport = 80;
        private int payloadLength = 46;
        private boolean udpNoChecksum;
        private boolean partialChecksum;

        /** Source MAC. */
        public Builder ethSrc(long mac) {
            ethSrc = mac;
            return this;
        }

        /** Destination MAC. */
        public Builder ethDst(long mac) {
            ethDst = mac;
            return this;
        }

        /** Adds an 802.1Q tag with this TCI. */
        public Builder vlan(int tciValue) {
            tci = tciValue;
            return this;
        }

        /** EtherType of a non-IP frame. */
        public Builder etherType(int type) {
            etherType = type;
            return this;
        }

        /** Makes an IPv4 frame. */
        public Builder ipv4(int src, int dst) {
            ipv4 = true;
            ipSrc = src;
            ipDst = dst;
            return this;
        }

        /** TTL. */
        public Builder ttl(int value) {
            ttl = value;
            return this;
        }

        /** ToS byte. */
        public Builder tos(int value) {
            tos = value;
            return this;
        }

        /** L4 protocol and ports (TCP, UDP, SCTP or ICMP). */
        public Builder l4(int protocol, int src, int dst) {
            proto = protocol;
            sport = src;
            dport = dst;
            return this;
        }

        /** Bytes of payload after the last header. */
        public Builder payload(int length) {
            payloadLength = length;
            return this;
        }

        /** Leaves the UDP checksum zero ("none"). */
        public Builder udpNoChecksum() {
            udpNoChecksum = true;
            return this;
        }

        /** Stores only the pseudo-header sum in the L4 checksum field, as for a NEEDS_CSUM frame. */
        public Builder partialChecksum() {
            partialChecksum = true;
            return this;
        }

        /** Builds the frame. */
        public byte[] build() {
            int l4Header = !ipv4 ? 0
                : proto == TCP ? 20 : proto == UDP ? 8 : proto == SCTP ? 12 : proto == ICMP ? 8 : 0;
            int l3Header = ipv4 ? 20 : 0;
            int l2 = tci >= 0 ? 18 : 14;
            ByteBuffer b = ByteBuffer.allocate(l2 + l3Header + l4Header + payloadLength);
            b.putShort((short) (ethDst >>> 32)).putInt((int) ethDst);
            b.putShort((short) (ethSrc >>> 32)).putInt((int) ethSrc);
            if (tci >= 0) {
                b.putShort((short) 0x8100).putShort((short) tci);
            }
            b.putShort((short) (ipv4 ? 0x0800 : etherType));
            byte[] f = b.array();
            for (int i = l2 + l3Header + l4Header; i < f.length; i++) {
                f[i] = (byte) (i * 7 + 3);
            }
            if (!ipv4) {
                return f;
            }
            int l3 = l2;
            b.position(l3);
            b.put((byte) 0x45).put((byte) tos).putShort((short) (f.length - l3)).putShort((short) 0x1c46)
                .putShort((short) 0x4000).put((byte) ttl).put((byte) Math.max(proto, 0)).putShort((short) 0)
                .putInt(ipSrc).putInt(ipDst);
            b.putShort(l3 + 10, (short) ~fold(sum(f, l3, 20, 0)));
            int l4 = l3 + 20;
            b.position(l4);
            if (proto == TCP) {
                b.putShort((short) sport).putShort((short) dport).putInt(0x01020304).putInt(0x0a0b0c0d)
                    .putShort((short) 0x5018).putShort((short) 0xffff).putShort((short) 0).putShort((short) 0);
                fillL4Checksum(f, b, l4 + 16);
            } else if (proto == UDP) {
                b.putShort((short) sport).putShort((short) dport).putShort((short) (f.length - l4))
                    .putShort((short) 0);
                if (!udpNoChecksum) {
                    fillL4Checksum(f, b, l4 + 6);
                    if (!partialChecksum && b.getShort(l4 + 6) == 0) {
                        b.putShort(l4 + 6, (short) 0xFFFF);
                    }
                }
            } else if (proto == SCTP) {
                b.putShort((short) sport).putShort((short) dport).putInt(0x11223344).putInt(0);
                CRC32C crc = new CRC32C();
                crc.update(f, l4, f.length - l4);
                b.order(ByteOrder.LITTLE_ENDIAN).putInt(l4 + 8, (int) crc.getValue());
            } else if (proto == ICMP) {
                b.put((byte) 8).put((byte) 0).putShort((short) 0).putInt(0x00010001);
                b.putShort(l4 + 2, (short) ~fold(sum(f, l4, f.length - l4, 0)));
            }
            return f;
        }

        private void fillL4Checksum(byte[] f, ByteBuffer b, int field) {
            int pseudo = pseudoHeaderSum(f);
            if (partialChecksum) {
                b.putShort(field, (short) pseudo);
            } else {
                int l4 = l3Offset(f) + 20;
                b.putShort(field, (short) ~fold(sum(f, l4, f.length - l4, pseudo)));
            }
        }
    }

    /** Frames equal, with a readable hex diff on failure. */
    public static String hex(byte[] f) {
        StringBuilder sb = new StringBuilder();
        for (byte x : f) {
            sb.append(String.format("%02x", x & 0xFF));
        }
        return sb.toString();
    }

    /** Copy of {@code f} without its 802.1Q tag. */
    public static byte[] untag(byte[] f) {
        byte[] out = new byte[f.length - 4];
        System.arraycopy(f, 0, out, 0, 12);
        System.arraycopy(f, 16, out, 12, f.length - 16);
        return out;
    }

    /** Copy of {@code f} with an 802.1Q tag {@code tci} inserted (f must be untagged). */
    public static byte[] tag(byte[] f, int tci) {
        byte[] out = new byte[f.length + 4];
        System.arraycopy(f, 0, out, 0, 12);
        out[12] = (byte) 0x81;
        out[13] = 0;
        out[14] = (byte) (tci >>> 8);
        out[15] = (byte) tci;
        System.arraycopy(f, 12, out, 16, f.length - 12);
        return out;
    }

    /** Whether two frames are byte-equal. */
    public static boolean same(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}

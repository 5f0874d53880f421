package io.jvswitch.datapath.linux;

/**
 * The PACKET_AUXDATA control message: a {@code cmsghdr} (len size_t at 0, level int at 8, type int
 * at 12) followed by {@code struct tpacket_auxdata} at 16 — status u32 at 0, len u32 at 4, snaplen
 * u32 at 8, mac u16 at 12, net u16 at 14, vlan_tci u16 at 16, vlan_tpid u16 at 18.
 */
public final class TpacketAuxdata {
    /** CMSG_SPACE(sizeof(struct tpacket_auxdata)): the control buffer one frame needs. */
    public static final int CONTROL_SPACE = 40;
    /** Offset of cmsg_level in the control buffer. */
    public static final int CMSG_LEVEL_OFFSET = 8;
    /** Offset of cmsg_type in the control buffer. */
    public static final int CMSG_TYPE_OFFSET = 12;
    /** Offset of tp_status in the control buffer. */
    public static final int STATUS_OFFSET = 16;
    /** Offset of tp_vlan_tci in the control buffer. */
    public static final int VLAN_TCI_OFFSET = 16 + 16;
    /** Offset of tp_vlan_tpid in the control buffer. */
    public static final int VLAN_TPID_OFFSET = 16 + 18;
    /** Bytes of control data when the auxdata message is present. */
    public static final int CMSG_LENGTH = 16 + 20;

    /** tp_status bit: the kernel stripped a VLAN tag and tp_vlan_tci holds it. */
    public static final int TP_STATUS_VLAN_VALID = 0x10;
    /** tp_status bit: tp_vlan_tpid holds the stripped tag's TPID. */
    public static final int TP_STATUS_VLAN_TPID_VALID = 0x40;

    private TpacketAuxdata() {
    }
}

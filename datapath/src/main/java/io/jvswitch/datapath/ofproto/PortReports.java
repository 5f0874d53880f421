package io.jvswitch.datapath.ofproto;

import io.jvswitch.datapath.Datapath;
import io.jvswitch.datapath.linux.Links;
import io.jvswitch.datapath.port.PortIo;
import io.jvswitch.datapath.stats.PortCounter;
import io.jvswitch.flowtable.OfPort;
import io.jvswitch.flowtable.text.PortNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The port reports of {@code jvs-ofctl}: {@code show}, {@code dump-ports}, {@code dump-ports-desc}, in
 * ovs-ofctl's layouts (ovs-compat §3.7), and the port-name table flows are parsed and printed with.
 */
final class PortReports {
    private final Datapath datapath;

    PortReports(Datapath datapath) {
        this.datapath = datapath;
    }

    /** Port names of {@code bridge} for flows: every port, the bridge's own as LOCAL. */
    PortNames names(String bridge) {
        Map<String, Integer> byName = new HashMap<>();
        for (Datapath.PortInfo p : datapath.ports(bridge)) {
            byName.put(p.name(), p.ofport());
        }
        return PortNames.of(byName);
    }

    /** The bridge's ports sorted by number, LOCAL last. */
    private List<Datapath.PortInfo> sorted(String bridge) {
        List<Datapath.PortInfo> list = new ArrayList<>(datapath.ports(bridge));
        list.sort(Comparator.comparingInt(Datapath.PortInfo::ofport));
        return list;
    }

    String show(String bridge) {
        StringBuilder sb = new StringBuilder();
        sb.append("OFPT_FEATURES_REPLY (xid=0x2): dpid:").append(dpid(bridge)).append('\n');
        sb.append("n_tables:254, n_buffers:0\n");
        sb.append("capabilities: FLOW_STATS TABLE_STATS PORT_STATS QUEUE_STATS ARP_MATCH_IP\n");
        sb.append("actions: output enqueue set_vlan_vid set_vlan_pcp strip_vlan mod_dl_src mod_dl_dst mod_nw_src "
                + "mod_nw_dst mod_nw_tos mod_tp_src mod_tp_dst\n");
        appendDescriptions(sb, bridge);
        sb.append("OFPT_GET_CONFIG_REPLY (xid=0x4): frags=normal miss_send_len=0\n");
        return sb.toString();
    }

    String dumpPortsDesc(String bridge) {
        StringBuilder sb = new StringBuilder("OFPST_PORT_DESC reply (xid=0x2):\n");
        appendDescriptions(sb, bridge);
        return sb.toString();
    }

    private void appendDescriptions(StringBuilder sb, String bridge) {
        for (Datapath.PortInfo p : sorted(bridge)) {
            sb.append(' ').append(number(p.ofport())).append('(').append(p.name()).append("): addr:")
                    .append(mac(p.name())).append('\n');
            boolean adminUp = Links.exists(p.name()) && Links.isAdminUp(p.name());
            PortIo io = datapath.portIo(bridge, p.name());
            boolean linkUp = io != null && io.isLinkUp();
            sb.append("     config:     ").append(adminUp ? "0" : "PORT_DOWN").append('\n');
            sb.append("     state:      ").append(linkUp ? "0" : "LINK_DOWN").append('\n');
            sb.append("     speed: 0 Mbps now, 0 Mbps max\n");
        }
    }

    String dumpPorts(String bridge, String only) {
        List<Datapath.PortInfo> list = new ArrayList<>(sorted(bridge));
        // ovs-ofctl lists LOCAL first.
        list.sort(Comparator.comparingInt(p -> p.ofport() == OfPort.LOCAL ? -1 : p.ofport()));
        if (only != null) {
            int wanted = parsePort(only, bridge);
            list.removeIf(p -> p.ofport() != wanted);
        }
        StringBuilder sb = new StringBuilder("OFPST_PORT reply (xid=0x2): ").append(list.size()).append(" ports\n");
        for (Datapath.PortInfo p : list) {
            String number = p.ofport() == OfPort.LOCAL ? "LOCAL" : (p.ofport() < 10 ? " " : "") + p.ofport();
            PortIo io = datapath.portIo(bridge, p.name());
            long rxDrop = datapath.portCounter(p, PortCounter.RX_DROPPED) + (io == null ? 0 : io.stats().rxDropped);
            long rxErr = datapath.portCounter(p, PortCounter.RX_ERRORS) + (io == null ? 0 : io.stats().rxErrors);
            long txDrop = datapath.portCounter(p, PortCounter.TX_DROPPED) + (io == null ? 0 : io.stats().txDropped);
            long txErr = datapath.portCounter(p, PortCounter.TX_ERRORS) + (io == null ? 0 : io.stats().txErrors);
            sb.append("  port ").append(number).append(": rx pkts=")
                    .append(datapath.portCounter(p, PortCounter.RX_PACKETS)).append(", bytes=")
                    .append(datapath.portCounter(p, PortCounter.RX_BYTES)).append(", drop=").append(rxDrop)
                    .append(", errs=").append(rxErr).append(", frame=?, over=?, crc=?\n");
            sb.append("           tx pkts=").append(datapath.portCounter(p, PortCounter.TX_PACKETS))
                    .append(", bytes=").append(datapath.portCounter(p, PortCounter.TX_BYTES)).append(", drop=")
                    .append(txDrop).append(", errs=").append(txErr).append(", coll=?\n");
        }
        return sb.toString();
    }

    private int parsePort(String text, String bridge) {
        if (text.equalsIgnoreCase("LOCAL")) {
            return OfPort.LOCAL;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            int n = names(bridge).numberOf(text);
            return n;
        }
    }

    private static String number(int ofport) {
        return ofport == OfPort.LOCAL ? "LOCAL" : Integer.toString(ofport);
    }

    private String dpid(String bridge) {
        String mac = mac(bridge).replace(":", "");
        return "0000" + mac;
    }

    private static String mac(String device) {
        try {
            if (Links.exists(device)) {
                return Links.formatMac(Links.mac(device));
            }
        } catch (Exception e) {
            // A device that vanished between the two calls: reported as unknown.
        }
        return "00:00:00:00:00:00";
    }
}

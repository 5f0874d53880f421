package io.jvswitch.datapath.bridge;

import io.jvswitch.datapath.normal.MacLearningTable;
import io.jvswitch.datapath.normal.PortVlanConfig;
import io.jvswitch.datapath.sflow.SflowConfig;
import io.jvswitch.ovsdb.DatabaseSnapshot;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Uuid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the store says the datapath should be: bridges, their ports and each port's interface, read from one
 * snapshot into plain immutable values that the reconciler diffs against what it applied last (Faucet's
 * {@code conf_diff} habit). Only the first interface of a port is used (no bonds); ports are known by that
 * interface's name.
 *
 * @param bridges by name, in the store's order
 */
public record DesiredConfig(Map<String, BridgeConfig> bridges) {
    private static final Logger LOG = LoggerFactory.getLogger(DesiredConfig.class);

    /** One bridge. */
    /**
     * One bridge.
     *
     * @param sflow its sFlow configuration, or null when it has none (or an invalid one, logged)
     */
    public record BridgeConfig(String name, int macTableSize, long macAgingNs, Map<String, PortConfig> ports,
                               SflowConfig sflow) {
    }

    /**
     * One port with its interface.
     *
     * @param ofportRequest the {@code ofport_request} column, or 0
     * @param storedOfport  the {@code ofport} column as last written back, or 0
     */
    public record PortConfig(String name, Uuid interfaceUuid, String type, PortVlanConfig vlan, int ofportRequest,
                             int storedOfport) {
    }

    /** Reads the configuration from {@code snapshot}. */
    public static DesiredConfig read(DatabaseSnapshot snapshot) {
        Map<String, BridgeConfig> bridges = new LinkedHashMap<>();
        Row ovs = snapshot.openVswitchRow();
        if (ovs == null) {
            return new DesiredConfig(bridges);
        }
        for (Uuid bridgeUuid : ovs.getUuids("bridges")) {
            Row bridge = snapshot.row("Bridge", bridgeUuid);
            if (bridge == null) {
                continue;
            }
            Map<String, PortConfig> ports = new LinkedHashMap<>();
            for (Uuid portUuid : bridge.getUuids("ports")) {
                Row port = snapshot.row("Port", portUuid);
                if (port == null) {
                    continue;
                }
                List<Uuid> ifaces = port.getUuids("interfaces");
                Row iface = ifaces.isEmpty() ? null : snapshot.row("Interface", ifaces.get(0));
                if (iface == null) {
                    continue;
                }
                // The device, and the OpenFlow port name, is the interface's name (equal to the port's but for bonds).
                String name = iface.getString("name");
                ports.put(name, new PortConfig(name, iface.uuid(),
                        iface.getString("type"), vlanOf(port), firstInt(iface, "ofport_request"),
                        firstInt(iface, "ofport")));
            }
            Map<String, String> other = bridge.getStringMap("other_config");
            int size = parseInt(other.get("mac-table-size"), MacLearningTable.DEFAULT_MAX_ENTRIES);
            long aging = TimeUnit.SECONDS.toNanos(parseInt(other.get("mac-aging-time"),
                    (int) TimeUnit.NANOSECONDS.toSeconds(MacLearningTable.DEFAULT_AGING_NS)));
            String name = bridge.getString("name");
            bridges.put(name, new BridgeConfig(name, Math.max(1, size), Math.max(1, aging), ports,
                    sflowOf(snapshot, bridge)));
        }
        return new DesiredConfig(bridges);
    }

    /** The sFlow configuration a Bridge row points to, or null. */
    static SflowConfig sflowOf(DatabaseSnapshot snapshot, Row bridge) {
        Uuid uuid = bridge.getUuid("sflow");
        Row row = uuid == null ? null : snapshot.row("sFlow", uuid);
        if (row == null) {
            return null;
        }
        List<String> targets = row.get("targets").keys().stream().map(a -> a.asString()).toList();
        try {
            return SflowConfig.fromColumns(row.getString("agent"), targets, intOrNull(row, "header"),
                    intOrNull(row, "sampling"), intOrNull(row, "polling"), 0);
        } catch (IllegalArgumentException e) {
            LOG.warn("bridge {}: sFlow ignored: {}", bridge.getString("name"), e.getMessage());
            return null;
        }
    }

    private static Integer intOrNull(Row row, String column) {
        Long v = row.getLong(column);
        return v == null ? null : v.intValue();
    }

    /** The VLAN configuration of a Port row; a malformed one falls back to a trunk of all VLANs. */
    static PortVlanConfig vlanOf(Row port) {
        List<Long> tags = port.getLongs("tag");
        Integer tag = tags.isEmpty() ? null : tags.get(0).intValue();
        List<Integer> trunks = port.getLongs("trunks").stream().map(Long::intValue).toList();
        String mode = port.getString("vlan_mode");
        try {
            return PortVlanConfig.of(tag, trunks, mode);
        } catch (IllegalArgumentException e) {
            return PortVlanConfig.TRUNK_ALL;
        }
    }

    private static int firstInt(Row row, String column) {
        List<Long> values = row.getLongs(column);
        return values.isEmpty() ? 0 : values.get(0).intValue();
    }

    private static int parseInt(String text, int fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}

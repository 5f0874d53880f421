package io.jvswitch.datapath.bridge;

import io.jvswitch.datapath.Datapath;
import io.jvswitch.datapath.linux.Links;
import io.jvswitch.datapath.port.PortIo;
import io.jvswitch.datapath.stats.PortCounter;
import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.DatabaseSnapshot;
import io.jvswitch.ovsdb.Datum;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Uuid;
import io.jvswitch.ovsdb.txn.TxnBuilder;
import io.jvswitch.ovsdb.txn.TxnResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what the datapath knows back into the Interface rows: {@code ofport}, {@code link_state},
 * {@code admin_state}, {@code mac_in_use}, {@code mtu}, {@code ifindex}, {@code error} and (when asked)
 * {@code statistics}, the keys libvirt and ovs-vsctl users read. Only columns whose value differs are
 * written, so a write-back does not trigger another one through the change feed.
 *
 * <p>Threading: the reconciler thread only.
 */
final class InterfaceStateWriter {
    private static final Logger LOG = LoggerFactory.getLogger(InterfaceStateWriter.class);

    private final Database db;
    private final Datapath datapath;

    InterfaceStateWriter(Database db, Datapath datapath) {
        this.db = db;
        this.datapath = datapath;
    }

    /** Writes the state of every port of {@code config}; statistics too when {@code withStatistics}. */
    void write(DesiredConfig config, boolean withStatistics) {
        DatabaseSnapshot snapshot = db.snapshot();
        TxnBuilder txn = db.newTransaction();
        int updates = 0;
        for (DesiredConfig.BridgeConfig bridge : config.bridges().values()) {
            for (DesiredConfig.PortConfig port : bridge.ports().values()) {
                Datapath.PortInfo info = datapath.portInfo(bridge.name(), port.name());
                Row row = snapshot.row("Interface", port.interfaceUuid());
                if (info == null || row == null) {
                    continue;
                }
                Map<String, Object> changes = changes(row, info, withStatistics);
                if (!changes.isEmpty()) {
                    txn.update("Interface", List.of(TxnBuilder.whereUuid(port.interfaceUuid())), changes);
                    updates++;
                }
            }
        }
        if (updates == 0) {
            return;
        }
        TxnResult r = txn.commit();
        if (!r.isSuccess()) {
            LOG.debug("interface state write-back failed: {}", r.error());
        }
    }

    /** Sets {@code Open_vSwitch.cur_cfg} to {@code next_cfg} once a configuration has been applied. */
    void acknowledge(DatabaseSnapshot applied) {
        Row ovs = applied.openVswitchRow();
        if (ovs == null) {
            return;
        }
        Long next = ovs.getLong("next_cfg");
        Long cur = ovs.getLong("cur_cfg");
        if (next == null || next.equals(cur)) {
            return;
        }
        Uuid uuid = ovs.uuid();
        TxnResult r = db.newTransaction().update("Open_vSwitch", List.of(TxnBuilder.whereUuid(uuid)),
                Map.of("cur_cfg", next)).commit();
        if (!r.isSuccess()) {
            LOG.debug("cur_cfg write-back failed: {}", r.error());
        }
    }

    private Map<String, Object> changes(Row row, Datapath.PortInfo info, boolean withStatistics) {
        Map<String, Object> want = new LinkedHashMap<>();
        want.put("ofport", List.of((long) info.ofport()));
        PortIo io = datapath.portIo(info.bridge(), info.name());
        boolean present = Links.exists(info.name());
        want.put("link_state", List.of(io != null && io.isLinkUp() ? "up" : "down"));
        want.put("admin_state", List.of(present && Links.isAdminUp(info.name()) ? "up" : "down"));
        want.put("error", info.error() == null ? List.of() : List.of(info.error()));
        if (present) {
            try {
                want.put("mac_in_use", List.of(Links.formatMac(Links.mac(info.name()))));
                want.put("mtu", List.of((long) Links.mtu(info.name())));
                want.put("ifindex", List.of((long) Links.ifindex(info.name())));
            } catch (Exception e) {
                LOG.debug("cannot read {}: {}", info.name(), e.toString());
            }
        }
        if (withStatistics) {
            Map<String, Long> stats = new LinkedHashMap<>();
            stats.put("collisions", 0L);
            stats.put("rx_bytes", datapath.portCounter(info, PortCounter.RX_BYTES));
            stats.put("rx_crc_err", 0L);
            stats.put("rx_dropped", datapath.portCounter(info, PortCounter.RX_DROPPED) + ioRxDropped(io));
            stats.put("rx_errors", datapath.portCounter(info, PortCounter.RX_ERRORS) + ioRxErrors(io));
            stats.put("rx_frame_err", 0L);
            stats.put("rx_over_err", 0L);
            stats.put("rx_packets", datapath.portCounter(info, PortCounter.RX_PACKETS));
            stats.put("tx_bytes", datapath.portCounter(info, PortCounter.TX_BYTES));
            stats.put("tx_dropped", datapath.portCounter(info, PortCounter.TX_DROPPED) + ioTxDropped(io));
            stats.put("tx_errors", datapath.portCounter(info, PortCounter.TX_ERRORS) + ioTxErrors(io));
            stats.put("tx_packets", datapath.portCounter(info, PortCounter.TX_PACKETS));
            want.put("statistics", stats);
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : want.entrySet()) {
            Datum current = row.get(e.getKey());
            if (!TxnBuilder.value(e.getValue()).equals(current.toJson())) {
                changes.put(e.getKey(), e.getValue());
            }
        }
        return changes;
    }

    private static long ioRxDropped(PortIo io) {
        return io == null ? 0 : io.stats().rxDropped;
    }

    private static long ioRxErrors(PortIo io) {
        return io == null ? 0 : io.stats().rxErrors;
    }

    private static long ioTxDropped(PortIo io) {
        return io == null ? 0 : io.stats().txDropped;
    }

    private static long ioTxErrors(PortIo io) {
        return io == null ? 0 : io.stats().txErrors;
    }
}

package io.jvswitch.ovsdb.ctl;

import io.jvswitch.ovsdb.Datum;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.TableSchema;
import io.jvswitch.ovsdb.Uuid;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the row a command-line record name stands for (ovs-vsctl's {@code ctl_get_row}): a full uuid, a name
 * in the table's naming column (Bridge/Port/Interface/Mirror {@code name}, Manager {@code target}), the bridge
 * that owns an sFlow/NetFlow/IPFIX/Controller/AutoAttach row, the port that owns a QoS row, {@code .} for the
 * single Open_vSwitch/SSL row, or a unique prefix of at least four hex digits of the uuid. ({@code @name} row
 * ids are values, not record names: OVS 3.1 answers {@code no row "@b" in table Bridge}, and so do we.)
 */
final class RecordFinder {
    /** One way to name rows of a table: find a row of {@code table} by {@code nameColumn}, then follow
     * {@code refColumn} (when not null) to the row itself; a null {@code nameColumn} means the name ".". */
    private record RowId(String table, String nameColumn, String refColumn) {
    }

    private static final Map<String, List<RowId>> IDS = Map.ofEntries(
            Map.entry("Open_vSwitch", List.of(new RowId("Open_vSwitch", null, null))),
            Map.entry("Bridge", List.of(new RowId("Bridge", "name", null))),
            Map.entry("Port", List.of(new RowId("Port", "name", null))),
            Map.entry("Interface", List.of(new RowId("Interface", "name", null))),
            Map.entry("Mirror", List.of(new RowId("Mirror", "name", null))),
            Map.entry("Controller", List.of(new RowId("Bridge", "name", "controller"))),
            Map.entry("Manager", List.of(new RowId("Manager", "target", null))),
            Map.entry("NetFlow", List.of(new RowId("Bridge", "name", "netflow"))),
            Map.entry("sFlow", List.of(new RowId("Bridge", "name", "sflow"))),
            Map.entry("IPFIX", List.of(new RowId("Bridge", "name", "ipfix"))),
            Map.entry("AutoAttach", List.of(new RowId("Bridge", "name", "auto_attach"))),
            Map.entry("QoS", List.of(new RowId("Port", "name", "qos"))),
            Map.entry("SSL", List.of(new RowId("Open_vSwitch", null, "ssl"))),
            Map.entry("Flow_Table", List.of(new RowId("Flow_Table", "name", null))));

    private RecordFinder() {
    }

    /**
     * The row of {@code table} named {@code id}, or null when none (and {@code mustExist} is false).
     *
     * @throws CtlException {@code no row "x" in table T} when missing and {@code mustExist}, or when the name is
     *     ambiguous
     */
    static Row find(CtlTxn txn, TableSchema table, String id, boolean mustExist) {
        Row row = null;
        if (Uuid.isUuid(id)) {
            row = txn.row(table, Uuid.parse(id));
        }
        if (row == null) {
            for (RowId rid : IDS.getOrDefault(table.name(), List.of())) {
                row = byRowId(txn, table, rid, id);
                if (row != null) {
                    break;
                }
            }
        }
        if (row == null && isPartialUuid(id)) {
            row = byUuidPrefix(txn, table, id);
        }
        if (row == null && mustExist) {
            throw new CtlException("no row \"" + id + "\" in table " + table.name());
        }
        return row;
    }

    private static Row byRowId(CtlTxn txn, TableSchema table, RowId rid, String id) {
        TableSchema named = txn.schema().table(rid.table());
        if (named == null) {
            return null;
        }
        Row referrer = null;
        if (rid.nameColumn() == null) {
            if (!id.equals(".")) {
                return null;
            }
            List<Row> rows = txn.rows(named);
            if (rows.size() != 1) {
                return null;
            }
            referrer = rows.get(0);
        } else {
            List<Row> found = txn.findByString(named, rid.nameColumn(), id);
            if (found.size() > 1) {
                throw new CtlException("multiple rows in " + named.name() + " match \"" + id + "\"");
            }
            referrer = found.isEmpty() ? null : found.get(0);
        }
        if (referrer == null || rid.refColumn() == null) {
            return referrer;
        }
        Datum ref = referrer.get(rid.refColumn());
        return ref.size() == 1 ? txn.row(table, ref.first().asUuid()) : null;
    }

    /** Whether {@code s} is at least four characters of the start of a uuid's text form. */
    static boolean isPartialUuid(String s) {
        if (s.length() < 4 || s.length() > 36) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static Row byUuidPrefix(CtlTxn txn, TableSchema table, String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        Row found = null;
        for (Row r : txn.rows(table)) {
            if (r.uuid().toString().startsWith(p)) {
                if (found != null) {
                    throw new CtlException(table.name() + " contains 2 or more rows whose UUIDs begin with " + prefix
                            + ": at least " + found.uuid() + " and " + r.uuid());
                }
                found = r;
            }
        }
        return found;
    }
}

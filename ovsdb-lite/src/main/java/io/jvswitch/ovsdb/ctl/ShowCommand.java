package io.jvswitch.ovsdb.ctl;

import io.jvswitch.ovsdb.Atom;
import io.jvswitch.ovsdb.ColumnSchema;
import io.jvswitch.ovsdb.Datum;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.TableSchema;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code show} command: the Open_vSwitch row and, nested four spaces per level, the rows its columns
 * reference (bridges, their controllers, ports, interfaces), each named by its name column, with the other
 * listed columns printed as {@code column: value} when they are not at their default value.
 */
final class ShowCommand {
    /** How one table is shown: its naming column (null = print the uuid) and the columns to show, in order. */
    private record ShowSpec(String nameColumn, List<String> columns) {
    }

    private static final Map<String, ShowSpec> SPECS = Map.of(
            "Open_vSwitch", new ShowSpec(null, List.of("manager_options", "bridges", "ovs_version")),
            "Bridge", new ShowSpec("name", List.of("controller", "fail_mode", "datapath_type", "ports")),
            "Port", new ShowSpec("name", List.of("tag", "trunks", "interfaces")),
            "Interface", new ShowSpec("name", List.of("type", "options", "error", "bfd_status")),
            "Controller", new ShowSpec("target", List.of("is_connected")),
            "Manager", new ShowSpec("target", List.of("is_connected")));

    private ShowCommand() {
    }

    /** Runs {@code show}. */
    static void run(CommandContext ctx) {
        TableSchema ovs = ctx.txn.table("Open_vSwitch");
        Set<String> recursing = new HashSet<>();
        for (Row r : ctx.txn.rows(ovs)) {
            showRow(ctx, r, 0, recursing);
        }
    }

    private static void showRow(CommandContext ctx, Row row, int level, Set<String> recursing) {
        String table = row.table().name();
        ShowSpec spec = SPECS.get(table);
        StringBuilder line = new StringBuilder(" ".repeat(level * 4));
        if (spec != null && spec.nameColumn() != null) {
            ColumnSchema nc = row.table().column(spec.nameColumn());
            line.append(table).append(' ').append(row.get(nc).toDisplayString(nc.type()));
        } else {
            line.append(row.uuid());
        }
        ctx.println(line.toString());
        if (spec == null || !recursing.add(table)) {
            return;
        }
        for (String name : spec.columns()) {
            ColumnSchema c = row.table().column(name);
            if (c == null) {
                continue;
            }
            Datum d = row.get(c);
            String ref = c.type().key().refTable();
            if (ref != null && SPECS.containsKey(ref) && c.type().value() == null) {
                TableSchema refTable = ctx.txn.table(ref);
                for (Atom a : d.keys()) {
                    Row child = ctx.txn.row(refTable, a.asUuid());
                    if (child != null) {
                        showRow(ctx, child, level + 1, recursing);
                    }
                }
                continue;
            }
            if (!d.equals(c.type().defaultDatum())) {
                ctx.println(" ".repeat((level + 1) * 4) + c.name() + ": " + d.toDisplayString(c.type()));
            }
        }
        recursing.remove(table);
    }
}

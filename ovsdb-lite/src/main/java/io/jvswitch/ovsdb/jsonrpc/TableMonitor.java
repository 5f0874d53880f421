package io.jvswitch.ovsdb.jsonrpc;

import io.jvswitch.ovsdb.ColumnSchema;
import io.jvswitch.ovsdb.OvsdbException;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.TableSchema;
import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.txn.Condition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one monitor watches in one table (RFC 7047 §4.1.5 {@code <monitor-request>}, and ovsdb-server's
 * {@code <monitor-cond-request>} with {@code where}): the columns, which kinds of change to report, and for
 * conditional monitors the rows that qualify. Several requests for one table are merged (union of columns and
 * of selected change kinds). Immutable.
 *
 * @param table   the table
 * @param columns the monitored columns, in request order (empty: rows are tracked, no column values sent)
 * @param initial whether the reply lists the existing rows
 * @param insert  whether inserts are reported
 * @param delete  whether deletes are reported
 * @param modify  whether modifications are reported
 * @param where   the condition (clauses ANDed), or null for every row
 * @param never   whether the condition holds a literal {@code false} (no row qualifies)
 */
public record TableMonitor(TableSchema table, List<ColumnSchema> columns, boolean initial, boolean insert,
        boolean delete, boolean modify, List<Condition> where, boolean never) {

    /**
     * Parses the request(s) for {@code table}: one object or an array of objects, each
     * {@code {"columns":[…], "select":{…}, "where":[…]}}; a missing {@code columns} means every column.
     *
     * @param allowWhere whether {@code where} is accepted (monitor_cond and monitor_cond_since)
     * @throws OvsdbException "syntax error" or "unknown column" for a bad request
     */
    public static TableMonitor parse(TableSchema table, Json requests, boolean allowWhere) {
        List<Json> list = new ArrayList<>();
        if (requests instanceof Json.Arr a) {
            list.addAll(a.items());
        } else {
            list.add(requests);
        }
        Set<ColumnSchema> cols = new LinkedHashSet<>();
        boolean initial = false;
        boolean insert = false;
        boolean delete = false;
        boolean modify = false;
        List<Condition> where = null;
        boolean never = false;
        for (Json request : list) {
            if (!(request instanceof Json.Obj o)) {
                throw OvsdbException.syntax(request, "monitor request for table " + table.name()
                        + " is not an object");
            }
            Json columns = o.get("columns");
            if (columns == null) {
                cols.addAll(table.columns());
            } else if (columns instanceof Json.Arr ca) {
                for (Json c : ca.items()) {
                    ColumnSchema col = c instanceof Json.Str s ? table.column(s.value()) : null;
                    if (col == null) {
                        throw OvsdbException.syntax(columns, (c instanceof Json.Str s ? s.value() : c.toString())
                                + " is not a valid column name");
                    }
                    cols.add(col);
                }
            } else {
                throw OvsdbException.syntax(columns, "\"columns\" must be an array of column names");
            }
            Json select = o.get("select");
            if (select == null) {
                initial = insert = delete = modify = true;
            } else if (select instanceof Json.Obj so) {
                initial |= flag(table, so, "initial");
                insert |= flag(table, so, "insert");
                delete |= flag(table, so, "delete");
                modify |= flag(table, so, "modify");
            } else {
                throw OvsdbException.syntax(select, "\"select\" must be an object");
            }
            Json w = o.get("where");
            if (w != null) {
                if (!allowWhere) {
                    throw OvsdbException.syntax(w, "\"where\" is not allowed in a plain monitor request");
                }
                where = parseWhere(table, w);
                never = ((Json.Arr) w).items().contains(Json.FALSE);
            }
        }
        return new TableMonitor(table, List.copyOf(cols), initial, insert, delete, modify,
                where == null ? null : List.copyOf(where), never);
    }

    /**
     * This monitor with the condition replaced ({@code monitor_cond_change}); {@code request} may only carry
     * {@code where}.
     *
     * @throws OvsdbException "syntax error" when it tries to change the columns or the condition is bad
     */
    public TableMonitor withCondition(Json request) {
        if (!(request instanceof Json.Obj o)) {
            throw OvsdbException.syntax(request, "monitor-cond-change request for table " + table.name()
                    + " is not an object");
        }
        if (o.has("columns")) {
            throw OvsdbException.syntax(request, "changing columns is unsupported");
        }
        Json w = o.get("where");
        if (w == null) {
            return new TableMonitor(table, columns, initial, insert, delete, modify, null, false);
        }
        return new TableMonitor(table, columns, initial, insert, delete, modify, parseWhere(table, w),
                ((Json.Arr) w).items().contains(Json.FALSE));
    }

    private static boolean flag(TableSchema table, Json.Obj select, String name) {
        Json v = select.get(name);
        if (v == null) {
            return true;
        }
        if (!(v instanceof Json.Bool b)) {
            throw OvsdbException.syntax(select, "Parsing table " + table.name() + " select failed: Type mismatch "
                    + "for member '" + name + "'.");
        }
        return b.value();
    }

    /** Parses a where clause list; the literals {@code true}/{@code false} are OVS's constant clauses. */
    private static List<Condition> parseWhere(TableSchema table, Json where) {
        if (!(where instanceof Json.Arr a)) {
            throw OvsdbException.syntax(where, "\"where\" must be an array of conditions");
        }
        List<Condition> out = new ArrayList<>();
        for (Json clause : a.items()) {
            if (clause == Json.TRUE || clause == Json.FALSE) {
                continue;
            }
            out.add(Condition.fromJson(clause, table, null));
        }
        return out;
    }

    /** Whether {@code row} satisfies the condition (always without one). */
    public boolean matches(Row row) {
        if (never) {
            return false;
        }
        if (where == null) {
            return true;
        }
        for (Condition c : where) {
            if (!c.matches(row)) {
                return false;
            }
        }
        return true;
    }
}

package io.jvswitch.ovsdb.txn;

import io.jvswitch.ovsdb.Atom;
import io.jvswitch.ovsdb.AtomicType;
import io.jvswitch.ovsdb.ColumnSchema;
import io.jvswitch.ovsdb.ColumnType;
import io.jvswitch.ovsdb.Datum;
import io.jvswitch.ovsdb.OvsdbException;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.TableSchema;
import io.jvswitch.ovsdb.UuidResolver;
import io.jvswitch.ovsdb.json.Json;

/**
 * One clause of a {@code where} (RFC 7047 §5.1 {@code <condition>}): column, function and value. Functions:
 * {@code == != includes excludes} on any column, {@code < <= > >=} on integer and real scalars.
 *
 * @param column the column tested (may be {@code _uuid}/{@code _version})
 * @param function the function's RFC spelling
 * @param value the parsed argument
 */
public record Condition(ColumnSchema column, String function, Datum value) {

    /** Parses {@code [column, function, value]} for {@code table}, resolving named uuids via {@code names}. */
    public static Condition fromJson(Json json, TableSchema table, UuidResolver names) {
        if (!(json instanceof Json.Arr a) || a.size() != 3 || !(a.get(0) instanceof Json.Str col)
                || !(a.get(1) instanceof Json.Str fn)) {
            throw OvsdbException.syntax(json, "Parse error in condition.");
        }
        ColumnSchema c = table.columnOrMeta(col.value());
        if (c == null) {
            throw new OvsdbException(OvsdbException.UNKNOWN_COLUMN, "No column " + col.value() + " in table "
                    + table.name() + ".", json);
        }
        ColumnType t = c.type();
        String f = fn.value();
        switch (f) {
            case "==":
            case "!=":
                t = t.withCounts(0, t.max());
                break;
            case "includes":
            case "excludes":
                t = t.withCounts(0, ColumnType.UNLIMITED);
                break;
            case "<":
            case "<=":
            case ">":
            case ">=":
                AtomicType k = t.key().type();
                if (!(t.isScalar() || t.isOptional()) || (k != AtomicType.INTEGER && k != AtomicType.REAL)) {
                    throw OvsdbException.syntax(json, "Type mismatch: \"" + f + "\" operator may not be applied to "
                            + "column " + c.name() + " of type " + t.toEnglish() + ".");
                }
                t = t.withCounts(1, 1);
                break;
            default:
                throw OvsdbException.syntax(json, "Unknown function \"" + f + "\".");
        }
        return new Condition(c, f, Datum.fromJson(a.get(2), t, names));
    }

    /** Whether {@code row} satisfies this clause. */
    public boolean matches(Row row) {
        Datum actual = row.get(column);
        switch (function) {
            case "==":
                return actual.equals(value);
            case "!=":
                return !actual.equals(value);
            case "includes":
                return actual.includes(value);
            case "excludes":
                return actual.excludes(value);
            default:
                Atom a = actual.first();
                if (a == null) {
                    return false;
                }
                int cmp = Double.compare(a.asDouble(), value.first().asDouble());
                if (a.type() == AtomicType.INTEGER) {
                    cmp = Long.compare(a.asLong(), value.first().asLong());
                }
                switch (function) {
                    case "<":
                        return cmp < 0;
                    case "<=":
                        return cmp <= 0;
                    case ">":
                        return cmp > 0;
                    default:
                        return cmp >= 0;
                }
        }
    }
}

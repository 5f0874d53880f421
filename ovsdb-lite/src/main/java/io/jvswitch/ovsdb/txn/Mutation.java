package io.jvswitch.ovsdb.txn;

import io.jvswitch.ovsdb.Atom;
import io.jvswitch.ovsdb.AtomicType;
import io.jvswitch.ovsdb.BaseType;
import io.jvswitch.ovsdb.ColumnSchema;
import io.jvswitch.ovsdb.ColumnType;
import io.jvswitch.ovsdb.Datum;
import io.jvswitch.ovsdb.OvsdbException;
import io.jvswitch.ovsdb.TableSchema;
import io.jvswitch.ovsdb.UuidResolver;
import io.jvswitch.ovsdb.json.Json;

/**
 * One {@code [column, mutator, value]} of a "mutate" operation (RFC 7047 §5.1 {@code <mutation>}).
 * Arithmetic ({@code += -= *= /= %=}) applies to each element of an integer or real column; {@code insert}
 * and {@code delete} work on sets and maps (a map insert never overwrites an existing key; a map delete takes
 * a set of keys or a map of exact pairs).
 *
 * @param column the mutated column
 * @param mutator the mutator's RFC spelling
 * @param arg the parsed argument
 */
public record Mutation(ColumnSchema column, String mutator, Datum arg) {

    /** Parses one mutation for {@code table}. */
    public static Mutation fromJson(Json json, TableSchema table, UuidResolver names) {
        if (!(json instanceof Json.Arr a) || a.size() != 3 || !(a.get(0) instanceof Json.Str col)
                || !(a.get(1) instanceof Json.Str mut)) {
            throw OvsdbException.syntax(json, "Parse error in mutation.");
        }
        ColumnSchema c = table.columnOrMeta(col.value());
        if (c == null) {
            throw new OvsdbException(OvsdbException.UNKNOWN_COLUMN, "No column " + col.value() + " in table "
                    + table.name() + ".", json);
        }
        if (c.isMeta() || !c.isMutable()) {
            throw new OvsdbException(OvsdbException.CONSTRAINT_VIOLATION, "Cannot mutate immutable column "
                    + c.name() + " in table " + table.name() + ".", json);
        }
        ColumnType t = c.type();
        String m = mut.value();
        switch (m) {
            case "+=":
            case "-=":
            case "*=":
            case "/=":
            case "%=":
                AtomicType k = t.key().type();
                boolean numeric = !t.isMap() && (k == AtomicType.INTEGER || (k == AtomicType.REAL && !m.equals("%=")));
                if (!numeric) {
                    throw mismatch(json, m, c);
                }
                // The argument is a plain number: the column's range applies to the result, not the operand.
                return new Mutation(c, m, Datum.fromJson(a.get(2), ColumnType.scalar(BaseType.of(k)), names));
            case "insert":
            case "delete":
                if (t.isScalar()) {
                    throw mismatch(json, m, c);
                }
                // As OVSDB: an insert argument may not exceed the column's maximum; a delete argument may.
                ColumnType relaxed = t.withCounts(0, m.equals("insert") ? t.max() : ColumnType.UNLIMITED);
                if (t.isMap() && m.equals("delete") && !isMapJson(a.get(2))) {
                    relaxed = ColumnType.set(t.key(), 0, ColumnType.UNLIMITED);
                }
                return new Mutation(c, m, Datum.fromJson(a.get(2), relaxed, names));
            default:
                throw OvsdbException.syntax(json, "Unknown mutator \"" + m + "\".");
        }
    }

    private static boolean isMapJson(Json j) {
        return j instanceof Json.Arr a && a.size() == 2 && a.get(0) instanceof Json.Str s && s.value().equals("map");
    }

    private static OvsdbException mismatch(Json json, String m, ColumnSchema c) {
        return OvsdbException.syntax(json, "Type mismatch: \"" + m + "\" operator may not be applied to column "
                + c.name() + " of type " + c.type().toEnglish() + ".");
    }

    /**
     * The column's new value after applying this mutation to {@code current}.
     *
     * @throws OvsdbException "domain error" (division by zero, overflow) or "constraint violation"
     */
    public Datum apply(Datum current) {
        ColumnType t = column.type();
        Datum result;
        switch (mutator) {
            case "insert":
                result = current.union(arg);
                break;
            case "delete":
                result = current.minus(arg);
                break;
            default:
                result = arithmetic(current);
                break;
        }
        if (result.size() > t.max()) {
            throw OvsdbException.constraint("Attempted to store " + result.size() + " elements in " + describe(t)
                    + " column " + column.name() + ", which holds at most " + t.max() + ".");
        }
        if (result.size() < t.min()) {
            throw OvsdbException.constraint("Attempted to store " + result.size() + " elements in " + describe(t)
                    + " column " + column.name() + ", which needs at least " + t.min() + ".");
        }
        for (int i = 0; i < result.size(); i++) {
            t.key().check(result.keyAt(i));
            if (t.value() != null) {
                t.value().check(result.valueAt(i));
            }
        }
        return result;
    }

    private static String describe(ColumnType t) {
        return t.isMap() ? "map" : "set";
    }

    private Datum arithmetic(Datum current) {
        Atom operand = arg.first();
        Datum out = current.mapElements(a -> compute(a, operand));
        if (out == null) {
            throw OvsdbException.constraint("Result of \"" + mutator + "\" operation contains duplicates.");
        }
        return out;
    }

    private Atom compute(Atom a, Atom b) {
        if (a.type() == AtomicType.INTEGER) {
            long x = a.asLong();
            long y = b.asLong();
            try {
                switch (mutator) {
                    case "+=":
                        return Atom.integer(Math.addExact(x, y));
                    case "-=":
                        return Atom.integer(Math.subtractExact(x, y));
                    case "*=":
                        return Atom.integer(Math.multiplyExact(x, y));
                    case "/=":
                        checkDivisor(y);
                        return Atom.integer(x / y);
                    default:
                        checkDivisor(y);
                        return Atom.integer(x % y);
                }
            } catch (ArithmeticException overflow) {
                throw new OvsdbException(OvsdbException.DOMAIN_ERROR, "Result of \"" + mutator
                        + "\" operation is out of range.");
            }
        }
        double x = a.asDouble();
        double y = b.asDouble();
        double r;
        switch (mutator) {
            case "+=":
                r = x + y;
                break;
            case "-=":
                r = x - y;
                break;
            case "*=":
                r = x * y;
                break;
            default:
                if (y == 0) {
                    checkDivisor(0);
                }
                r = x / y;
                break;
        }
        if (Double.isInfinite(r) || Double.isNaN(r)) {
            throw new OvsdbException(OvsdbException.DOMAIN_ERROR, "Result of \"" + mutator
                    + "\" operation is out of range.");
        }
        return Atom.real(r);
    }

    private static void checkDivisor(long y) {
        if (y == 0) {
            throw new OvsdbException(OvsdbException.DOMAIN_ERROR, "Division by zero.");
        }
    }
}

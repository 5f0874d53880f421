package io.jvswitch.ovsdb.ctl;

import io.jvswitch.ovsdb.Atom;
import io.jvswitch.ovsdb.ColumnType;
import io.jvswitch.ovsdb.Datum;
import io.jvswitch.ovsdb.Row;

/**
 * Evaluates {@code find}/{@code wait-until} conditions {@code COLUMN[:KEY]OP VALUE} on a row, with OVS's
 * relational semantics: {@code = != < > <= >=} compare whole values (element count first, then elements in
 * order), the braced forms compare as sets ({@code {<=}} and {@code {in}} mean "every element of the column is
 * in VALUE", {@code {>=}} the converse, {@code {not-in}} "no element in common").
 */
final class Conditions {
    private Conditions() {
    }

    /** Whether {@code cond} holds for {@code row}. */
    static boolean holds(CommandContext ctx, Row row, String cond) {
        ColumnArg ca = ColumnArg.parse(cond, row.table(), ColumnArg.RELATIONS);
        ColumnType type = ca.column().type();
        Datum have = row.get(ca.column());
        if (ca.key() == null) {
            Datum want = ValueParser.datum(ca.value(), type, ctx.symbols);
            return evaluate(have, want, ca.operator());
        }
        if (!type.isMap()) {
            throw new CtlException("cannot specify key to check for non-map column " + ca.column().name());
        }
        Atom key = ValueParser.atom(ca.key(), type.key(), ctx.symbols);
        ColumnType valueSet = ColumnType.set(type.value(), 1, ColumnType.UNLIMITED);
        Datum want = ValueParser.datum(ca.value(), valueSet, ctx.symbols);
        Atom v = have.get(key);
        if (v == null && !ca.operator().startsWith("{")) {
            return false;
        }
        return evaluate(v == null ? Datum.emptySet() : Datum.scalar(v), want, ca.operator());
    }

    static boolean evaluate(Datum a, Datum b, String op) {
        switch (op) {
            case "=":
            case "{=}":
                return compare(a, b) == 0;
            case "!=":
            case "{!=}":
                return compare(a, b) != 0;
            case "<":
                return compare(a, b) < 0;
            case ">":
                return compare(a, b) > 0;
            case "<=":
                return compare(a, b) <= 0;
            case ">=":
                return compare(a, b) >= 0;
            case "{<}":
                return b.size() > a.size() && b.includes(a);
            case "{>}":
                return a.size() > b.size() && a.includes(b);
            case "{<=}":
            case "{in}":
                return b.includes(a);
            case "{>=}":
                return a.includes(b);
            case "{not-in}":
                return b.excludes(a);
            default:
                throw new IllegalArgumentException(op);
        }
    }

    /** OVS's three-way datum comparison: element count first, then keys, then values, in canonical order. */
    static int compare(Datum a, Datum b) {
        if (a.size() != b.size()) {
            return a.size() < b.size() ? -1 : 1;
        }
        for (int i = 0; i < a.size(); i++) {
            int c = a.keyAt(i).compareTo(b.keyAt(i));
            if (c != 0) {
                return c;
            }
        }
        if (a.isMap() && b.isMap()) {
            for (int i = 0; i < a.size(); i++) {
                int c = a.valueAt(i).compareTo(b.valueAt(i));
                if (c != 0) {
                    return c;
                }
            }
        }
        return 0;
    }
}

package io.jvswitch.ovsdb.ctl;

import io.jvswitch.ovsdb.ColumnSchema;
import io.jvswitch.ovsdb.TableSchema;
import java.util.List;

/**
 * One {@code COLUMN[:KEY][OP VALUE]} argument (ovs-vsctl's {@code parse_column_key_value}): the column (any
 * unique prefix), the key text when {@code :KEY} was given (still to be parsed as an atom), the operator and
 * the value text (the rest of the argument, still to be parsed).
 *
 * @param column the column
 * @param key the raw key token, or null
 * @param operator the operator matched (one of the allowed ones), or null when no value was expected
 * @param value the raw value text, or null when no value was expected
 */
record ColumnArg(ColumnSchema column, String key, String operator, String value) {
    /** The only operator of set/create/add-port settings. */
    static final List<String> ASSIGN = List.of("=");
    /** The comparison operators of find and wait-until. */
    static final List<String> RELATIONS = List.of("=", "!=", "<", ">", "<=", ">=", "{=}", "{!=}", "{<}", "{>}",
            "{<=}", "{>=}", "{in}", "{not-in}");

    /**
     * Parses {@code arg} against {@code table}; {@code operators} null means no value may follow.
     *
     * @throws CtlException with ovs-vsctl's messages
     */
    static ColumnArg parse(String arg, TableSchema table, List<String> operators) {
        StringBuilder name = new StringBuilder();
        int p = ValueParser.token(arg, 0, name);
        if (name.length() == 0) {
            throw new CtlException(arg + ": missing column name");
        }
        ColumnSchema column = NameMatcher.column(table, name.toString());
        String key = null;
        if (p < arg.length() && arg.charAt(p) == ':') {
            StringBuilder k = new StringBuilder();
            p = ValueParser.token(arg, p + 1, k);
            key = k.toString();
        }
        if (operators == null) {
            if (p < arg.length()) {
                throw new CtlException(arg + ": trailing garbage \"" + arg.substring(p) + "\" in argument");
            }
            return new ColumnArg(column, key, null, null);
        }
        String best = null;
        for (String op : operators) {
            if ((best == null || op.length() > best.length()) && arg.startsWith(op, p)
                    && arg.length() > p + op.length()) {
                best = op;
            }
        }
        if (best == null) {
            throw new CtlException(arg + ": argument does not end in " + quoteList(operators)
                    + " followed by a value.");
        }
        return new ColumnArg(column, key, best, arg.substring(p + best.length()));
    }

    private static String quoteList(List<String> ops) {
        if (ops.size() == 1) {
            return "\"" + ops.get(0) + "\"";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ops.size(); i++) {
            if (i > 0) {
                sb.append(i == ops.size() - 1 ? ", or " : ", ");
            }
            sb.append('"').append(ops.get(i)).append('"');
        }
        return sb.toString();
    }
}

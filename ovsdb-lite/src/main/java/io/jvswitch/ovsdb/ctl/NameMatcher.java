package io.jvswitch.ovsdb.ctl;

import io.jvswitch.ovsdb.ColumnSchema;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.TableSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves table and column names the way ovs-vsctl does: case-insensitive, {@code -} equal to {@code _}, and
 * any unique prefix. An exact match beats a case/dash-insensitive one, which beats any prefix; among prefixes
 * the longest matching name prefix wins, and a tie at the best score is ambiguous.
 */
public final class NameMatcher {
    private static final int EXACT = Integer.MAX_VALUE;
    private static final int FOLDED = Integer.MAX_VALUE - 1;

    private NameMatcher() {
    }

    /** How well {@code typed} names {@code name}: 0 = no match, higher is better. */
    static int score(String name, String typed) {
        if (name.equals(typed)) {
            return EXACT;
        }
        int i = 0;
        while (true) {
            char a = i < name.length() ? fold(name.charAt(i)) : 0;
            char b = i < typed.length() ? fold(typed.charAt(i)) : 0;
            if (a != b) {
                break;
            }
            if (a == 0) {
                return FOLDED;
            }
            i++;
        }
        return i == typed.length() ? i : 0;
    }

    private static char fold(char c) {
        if (c == '-') {
            return '_';
        }
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /**
     * The table {@code typed} names.
     *
     * @throws CtlException {@code unknown table "x"} or {@code "x" matches multiple table names: A, B}
     */
    public static TableSchema table(Schema schema, String typed) {
        List<TableSchema> best = new ArrayList<>();
        int bestScore = 0;
        for (TableSchema t : schema.tables()) {
            int s = score(t.name(), typed);
            if (s > bestScore) {
                bestScore = s;
                best.clear();
            }
            if (s == bestScore && s > 0) {
                best.add(t);
            }
        }
        if (best.size() == 1) {
            return best.get(0);
        }
        if (best.isEmpty()) {
            throw new CtlException("unknown table \"" + typed + "\"");
        }
        List<String> names = new ArrayList<>();
        best.forEach(t -> names.add(t.name()));
        names.sort(null);
        throw new CtlException("\"" + typed + "\" matches multiple table names: " + String.join(", ", names));
    }

    /** Like {@link #column} but {@code _uuid} (any case) names the row id, as in {@code --columns=}. */
    public static ColumnSchema columnOrUuid(TableSchema table, String typed) {
        if (typed.equalsIgnoreCase("_uuid")) {
            return TableSchema.UUID_COLUMN;
        }
        return column(table, typed);
    }

    /**
     * The column of {@code table} that {@code typed} names.
     *
     * @throws CtlException when no column or more than one column matches
     */
    public static ColumnSchema column(TableSchema table, String typed) {
        List<ColumnSchema> best = new ArrayList<>();
        int bestScore = 0;
        for (ColumnSchema c : table.columns()) {
            int s = score(c.name(), typed);
            if (s > bestScore) {
                bestScore = s;
                best.clear();
            }
            if (s == bestScore && s > 0) {
                best.add(c);
            }
        }
        if (best.size() == 1) {
            return best.get(0);
        }
        if (best.isEmpty()) {
            throw new CtlException(table.name() + " does not contain a column whose name matches \"" + typed + "\"");
        }
        StringBuilder names = new StringBuilder();
        for (ColumnSchema c : best) {
            names.append(names.length() == 0 ? "" : ", ").append(c.name());
        }
        throw new CtlException(table.name() + " contains more than one column whose name matches \"" + typed
                + "\": " + names);
    }
}

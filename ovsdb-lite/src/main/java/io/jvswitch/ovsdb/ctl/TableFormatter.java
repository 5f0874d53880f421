package io.jvswitch.ovsdb.ctl;

import io.jvswitch.ovsdb.Atom;
import io.jvswitch.ovsdb.AtomicType;
import io.jvswitch.ovsdb.ColumnSchema;
import io.jvswitch.ovsdb.Datum;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints rows as {@code list} and {@code find} do (OVS {@code lib/table.c}): list ({@code %-20s: value}, records
 * separated by a blank line), table (padded columns under a dashed rule), csv, json
 * ({@code {"data":[...],"headings":[...]}}, cells as RFC 7047 JSON) and html.
 */
final class TableFormatter {
    private TableFormatter() {
    }

    /** The text of {@code value} (of {@code column}) in cell encoding {@code data}. */
    static String cell(Datum value, ColumnSchema column, TableStyle.Data data) {
        switch (data) {
            case BARE:
                return bare(value);
            case JSON:
                return value.toJson().toString();
            case STRING:
            default:
                return value.toDisplayString(column.type());
        }
    }

    /** OVS's "bare" encoding: elements separated by spaces, map pairs as k=v, strings unquoted. */
    static String bare(Datum value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(bareAtom(value.keyAt(i)));
            if (value.isMap()) {
                sb.append('=').append(bareAtom(value.valueAt(i)));
            }
        }
        return sb.toString();
    }

    private static String bareAtom(Atom a) {
        return a.type() == AtomicType.STRING ? a.asString() : a.toDisplayString();
    }

    /** Renders {@code rows} restricted to {@code columns} in {@code style}. */
    static String render(List<ColumnSchema> columns, List<Row> rows, TableStyle style) {
        switch (style.format) {
            case TABLE:
                return table(columns, rows, style);
            case CSV:
                return csv(columns, rows, style);
            case JSON:
                return json(columns, rows, style.pretty);
            case HTML:
                return html(columns, rows, style);
            case LIST:
            default:
                return list(columns, rows, style);
        }
    }

    private static String list(List<ColumnSchema> columns, List<Row> rows, TableStyle style) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            if (r > 0) {
                sb.append('\n');
            }
            for (ColumnSchema c : columns) {
                if (style.headings) {
                    sb.append(String.format("%-20s: ", c.name()));
                }
                sb.append(cell(rows.get(r).get(c), c, style.data)).append('\n');
            }
        }
        return sb.toString();
    }

    private static List<List<String>> cells(List<ColumnSchema> columns, List<Row> rows, TableStyle style) {
        List<List<String>> out = new ArrayList<>();
        for (Row r : rows) {
            List<String> line = new ArrayList<>();
            for (ColumnSchema c : columns) {
                line.add(cell(r.get(c), c, style.data));
            }
            out.add(line);
        }
        return out;
    }

    private static String table(List<ColumnSchema> columns, List<Row> rows, TableStyle style) {
        List<List<String>> cells = cells(columns, rows, style);
        int[] widths = new int[columns.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = style.headings ? columns.get(c).name().length() : 0;
            for (List<String> line : cells) {
                widths[c] = Math.max(widths[c], line.get(c).codePointCount(0, line.get(c).length()));
            }
        }
        StringBuilder sb = new StringBuilder();
        if (style.headings) {
            List<String> names = new ArrayList<>();
            List<String> rules = new ArrayList<>();
            for (int c = 0; c < widths.length; c++) {
                names.add(columns.get(c).name());
                rules.add("-".repeat(widths[c]));
            }
            tableLine(sb, names, widths);
            tableLine(sb, rules, widths);
        }
        for (List<String> line : cells) {
            tableLine(sb, line, widths);
        }
        return sb.toString();
    }

    private static void tableLine(StringBuilder sb, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                line.append(' ');
            }
            String text = cells.get(c);
            line.append(text);
            if (c < cells.size() - 1) {
                line.append(" ".repeat(Math.max(0, widths[c] - text.codePointCount(0, text.length()))));
            }
        }
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        sb.append(line, 0, end).append('\n');
    }

    private static String csv(List<ColumnSchema> columns, List<Row> rows, TableStyle style) {
        StringBuilder sb = new StringBuilder();
        if (style.headings) {
            List<String> names = new ArrayList<>();
            columns.forEach(c -> names.add(c.name()));
            csvLine(sb, names);
        }
        for (List<String> line : cells(columns, rows, style)) {
            csvLine(sb, line);
        }
        return sb.toString();
    }

    private static void csvLine(StringBuilder sb, List<String> cells) {
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                sb.append(',');
            }
            String text = cells.get(c);
            if (text.indexOf('\n') < 0 && text.indexOf('"') < 0 && text.indexOf(',') < 0) {
                sb.append(text);
            } else {
                sb.append('"').append(text.replace("\"", "\"\"")).append('"');
            }
        }
        sb.append('\n');
    }

    private static String json(List<ColumnSchema> columns, List<Row> rows, boolean pretty) {
        List<Json> data = new ArrayList<>();
        for (Row r : rows) {
            List<Json> line = new ArrayList<>();
            for (ColumnSchema c : columns) {
                line.add(r.get(c).toJson());
            }
            data.add(Json.array(line));
        }
        List<Json> headings = new ArrayList<>();
        columns.forEach(c -> headings.add(Json.of(c.name())));
        Json table = Json.object().put("data", Json.array(data)).put("headings", Json.array(headings)).build();
        if (!pretty) {
            return table + "\n";
        }
        StringBuilder sb = new StringBuilder();
        pretty(table, 0, sb);
        return sb.append('\n').toString();
    }

    /**
     * OVS's pretty JSON: each array element and object member on its own line, indented two spaces per level,
     * closing brackets right after the last element; scalars and empty containers inline.
     */
    static void pretty(Json j, int depth, StringBuilder sb) {
        if (j instanceof Json.Arr a && a.size() > 0) {
            sb.append('[');
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append('\n').append("  ".repeat(depth + 1));
                pretty(a.get(i), depth + 1, sb);
            }
            sb.append(']');
        } else if (j instanceof Json.Obj o && !o.members().isEmpty()) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Json> e : new TreeMap<>(o.members()).entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append('\n').append("  ".repeat(depth + 1)).append(Json.of(e.getKey())).append(": ");
                pretty(e.getValue(), depth + 1, sb);
            }
            sb.append('}');
        } else {
            sb.append(j);
        }
    }

    private static String html(List<ColumnSchema> columns, List<Row> rows, TableStyle style) {
        StringBuilder sb = new StringBuilder("<table border=1>\n");
        if (style.headings) {
            sb.append("  <tr>\n");
            for (ColumnSchema c : columns) {
                sb.append("    <th>").append(escapeHtml(c.name())).append("</th>\n");
            }
            sb.append("  </tr>\n");
        }
        for (List<String> line : cells(columns, rows, style)) {
            sb.append("  <tr>\n");
            for (String text : line) {
                sb.append("    <td>").append(escapeHtml(text)).append("</td>\n");
            }
            sb.append("  </tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    private static String escapeHtml(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&':
                    sb.append("&amp;");
                    break;
                case '<':
                    sb.append("&lt;");
                    break;
                case '>':
                    sb.append("&gt;");
                    break;
                case '"':
                    sb.append("&quot;");
                    break;
                default:
                    sb.append(ch);
                    break;
            }
        }
        return sb.toString();
    }
}

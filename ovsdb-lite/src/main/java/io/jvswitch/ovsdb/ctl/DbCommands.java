package io.jvswitch.ovsdb.ctl;

import io.jvswitch.ovsdb.Atom;
import io.jvswitch.ovsdb.ColumnSchema;
import io.jvswitch.ovsdb.ColumnType;
import io.jvswitch.ovsdb.Datum;
import io.jvswitch.ovsdb.OvsdbException;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.TableSchema;
import io.jvswitch.ovsdb.Uuid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generic database commands: {@code get}, {@code set}, {@code add}, {@code remove}, {@code clear},
 * {@code list}, {@code find}, {@code create}, {@code destroy} and {@code wait-until} (OVS
 * {@code lib/db-ctl-base.c} semantics and messages).
 */
final class DbCommands {
    private DbCommands() {
    }

    /** Adds the database commands to {@code table}. */
    static void register(Map<String, CommandSpec> table) {
        table.put("get", new CommandSpec("get", 2, CommandSpec.MANY, opts("--if-exists", "--id="),
                ctx -> preColumns(ctx, 2, true), DbCommands::get));
        table.put("list", new CommandSpec("list", 1, CommandSpec.MANY, opts("--if-exists", "--columns="),
                ctx -> columns(ctx, ctx.table(ctx.cmd.arg(0))), DbCommands::list));
        table.put("find", new CommandSpec("find", 1, CommandSpec.MANY, opts("--columns="), ctx -> {
            columns(ctx, ctx.table(ctx.cmd.arg(0)));
            preColumns(ctx, 1, false);
        }, DbCommands::find));
        table.put("set", new CommandSpec("set", 3, CommandSpec.MANY, opts("--if-exists"),
                ctx -> preColumns(ctx, 2, false), DbCommands::set));
        table.put("add", new CommandSpec("add", 4, CommandSpec.MANY, opts("--if-exists"),
                ctx -> ctx.column(ctx.table(ctx.cmd.arg(0)), ctx.cmd.arg(2)), DbCommands::addValues));
        table.put("remove", new CommandSpec("remove", 4, CommandSpec.MANY, opts("--if-exists"),
                ctx -> ctx.column(ctx.table(ctx.cmd.arg(0)), ctx.cmd.arg(2)), DbCommands::remove));
        table.put("clear", new CommandSpec("clear", 3, CommandSpec.MANY, opts("--if-exists"), ctx -> {
            TableSchema t = ctx.table(ctx.cmd.arg(0));
            for (String c : ctx.cmd.args().subList(2, ctx.cmd.args().size())) {
                ctx.column(t, c);
            }
        }, DbCommands::clear));
        table.put("create", new CommandSpec("create", 2, CommandSpec.MANY, opts("--id="), DbCommands::preCreate,
                DbCommands::create));
        table.put("destroy", new CommandSpec("destroy", 1, CommandSpec.MANY, opts("--if-exists", "--all"),
                ctx -> ctx.table(ctx.cmd.arg(0)), DbCommands::destroy));
        table.put("wait-until", new CommandSpec("wait-until", 2, CommandSpec.MANY, opts(),
                ctx -> preColumns(ctx, 2, false), DbCommands::waitUntil));
    }

    /** Registers a command without a "pre" check. */
    static void add(Map<String, CommandSpec> table, String name, int min, int max, Map<String, Boolean> options,
            CommandSpec.Handler handler) {
        table.put(name, new CommandSpec(name, min, max, options, null, handler));
    }

    /** Resolves the table and the column names of the arguments from {@code first} on (OVS's pre phase). */
    private static void preColumns(CommandContext ctx, int first, boolean uuidAllowed) {
        TableSchema t = ctx.table(ctx.cmd.arg(0));
        for (String arg : ctx.cmd.args().subList(first, ctx.cmd.args().size())) {
            if (uuidAllowed && (arg.equalsIgnoreCase("_uuid") || arg.equalsIgnoreCase("-uuid"))) {
                continue;
            }
            StringBuilder name = new StringBuilder();
            ValueParser.token(arg, 0, name);
            if (name.length() == 0) {
                throw new CtlException(arg + ": missing column name");
            }
            ctx.column(t, name.toString());
        }
    }

    private static void preCreate(CommandContext ctx) {
        TableSchema t = ctx.table(ctx.cmd.arg(0));
        if (ctx.cmd.option("--id") == null && !ctx.txn.schema().isRoot(t)) {
            ctx.warn("db_ctl_base", "applying \"create\" command to table " + t.name()
                    + " without --id option will have no effect");
        }
    }

    /** Option names ("--x" without value, "--x=" with one) as the map {@link CommandSpec} wants. */
    static Map<String, Boolean> opts(String... names) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (String n : names) {
            if (n.endsWith("=")) {
                m.put(n.substring(0, n.length() - 1), Boolean.TRUE);
            } else {
                m.put(n, Boolean.FALSE);
            }
        }
        return m;
    }

    private static void get(CommandContext ctx) {
        String id = ctx.cmd.option("--id");
        if (id != null && ctx.ifExists()) {
            throw new CtlException("--if-exists and --id may not be specified together");
        }
        TableSchema t = ctx.table(ctx.cmd.arg(0));
        String record = ctx.cmd.arg(1);
        Row row = ctx.row(t, record, !ctx.ifExists());
        if (row == null) {
            return;
        }
        if (id != null) {
            ctx.symbols.bind(id, row.uuid());
        }
        for (String arg : ctx.cmd.args().subList(2, ctx.cmd.args().size())) {
            if (arg.equalsIgnoreCase("_uuid") || arg.equalsIgnoreCase("-uuid")) {
                ctx.println(row.uuid().toString());
                continue;
            }
            ColumnArg ca = ColumnArg.parse(arg, t, null);
            Datum d = row.get(ca.column());
            if (ca.key() == null) {
                ctx.println(d.toDisplayString(ca.column().type()));
                continue;
            }
            ColumnType type = ca.column().type();
            if (!type.isMap()) {
                throw new CtlException("cannot specify key to get for non-map column " + ca.column().name());
            }
            Atom key = ValueParser.atom(ca.key(), type.key(), ctx.symbols);
            Atom value = d.get(key);
            if (value == null && !ctx.ifExists()) {
                throw new CtlException("no key \"" + ca.key() + "\" in " + t.name() + " record \"" + record
                        + "\" column " + ca.column().name());
            }
            ctx.println(value == null ? "" : value.toDisplayString());
        }
    }

    private static void set(CommandContext ctx) {
        TableSchema t = ctx.table(ctx.cmd.arg(0));
        Row row = ctx.row(t, ctx.cmd.arg(1), !ctx.ifExists());
        if (row == null) {
            return;
        }
        for (String arg : ctx.cmd.args().subList(2, ctx.cmd.args().size())) {
            row = setColumn(ctx, row, arg);
        }
    }

    /**
     * Applies one {@code COLUMN[:KEY]=VALUE} to {@code row} (ovs-vsctl's {@code set_column}); returns the new row.
     * Read-only columns may only be set on rows this invocation inserts.
     */
    static Row setColumn(CommandContext ctx, Row row, String arg) {
        TableSchema t = row.table();
        ColumnArg ca = ColumnArg.parse(arg, t, ColumnArg.ASSIGN);
        checkMutable(ctx, row, ca.column());
        ColumnType type = ca.column().type();
        Datum value;
        if (ca.key() != null) {
            if (!type.isMap()) {
                throw new CtlException("cannot specify key to set for non-map column " + ca.column().name());
            }
            Atom k = ValueParser.atom(ca.key(), type.key(), ctx.symbols);
            Atom v = ValueParser.atom(ca.value(), type.value(), ctx.symbols);
            Map<Atom, Atom> m = new LinkedHashMap<>();
            Datum old = current(ctx, row).get(ca.column());
            for (int i = 0; i < old.size(); i++) {
                m.put(old.keyAt(i), old.valueAt(i));
            }
            m.put(k, v);
            value = Datum.map(m);
        } else {
            value = ValueParser.datum(ca.value(), type, ctx.symbols);
        }
        return ctx.txn.set(row, ca.column(), value);
    }

    private static Row current(CommandContext ctx, Row row) {
        Row r = ctx.txn.row(row.table(), row.uuid());
        return r != null ? r : row;
    }

    private static void checkMutable(CommandContext ctx, Row row, ColumnSchema c) {
        if (c.isMutable()) {
            return;
        }
        boolean inserted = ctx.txn.isInserted(row);
        if (!inserted) {
            throw new CtlException("cannot modify read-only column " + c.name() + " in table " + row.table().name());
        }
    }

    private static void addValues(CommandContext ctx) {
        TableSchema t = ctx.table(ctx.cmd.arg(0));
        Row row = ctx.row(t, ctx.cmd.arg(1), !ctx.ifExists());
        if (row == null) {
            return;
        }
        ColumnSchema c = ctx.column(t, ctx.cmd.arg(2));
        checkMutable(ctx, row, c);
        ColumnType relaxed = c.type().withCounts(1, ColumnType.UNLIMITED);
        Datum added = c.type().isMap() ? Datum.emptyMap() : Datum.emptySet();
        for (String arg : ctx.cmd.args().subList(3, ctx.cmd.args().size())) {
            added = replacingUnion(added, ValueParser.datum(arg, relaxed, ctx.symbols));
        }
        // OVS 3.1 sends "add" to the server as a mutation, so too many elements fail there, with its texts.
        ColumnType type = c.type();
        if (added.size() > type.max()) {
            throw ctx.transactionError(new OvsdbException(OvsdbException.SYNTAX_ERROR, (type.isMap() ? "map" : "set")
                    + " must have " + type.min() + " to " + type.max() + " members but " + added.size()
                    + " are present", added.toJson()));
        }
        Datum d = replacingUnion(current(ctx, row).get(c), added);
        if (d.size() > type.max()) {
            throw ctx.transactionError(OvsdbException.constraint("Attempted to store " + d.size() + " elements in "
                    + ValueParser.english(type) + "."));
        }
        ctx.txn.set(row, c, d);
    }

    /** Set union, or for maps: every pair of {@code b}, plus the pairs of {@code a} whose key {@code b} lacks. */
    private static Datum replacingUnion(Datum a, Datum b) {
        return a.isMap() ? b.union(a) : a.union(b);
    }

    private static void remove(CommandContext ctx) {
        TableSchema t = ctx.table(ctx.cmd.arg(0));
        Row row = ctx.row(t, ctx.cmd.arg(1), !ctx.ifExists());
        if (row == null) {
            return;
        }
        ColumnSchema c = ctx.column(t, ctx.cmd.arg(2));
        checkMutable(ctx, row, c);
        ColumnType relaxed = c.type().withCounts(1, ColumnType.UNLIMITED);
        Datum d = current(ctx, row).get(c);
        for (String arg : ctx.cmd.args().subList(3, ctx.cmd.args().size())) {
            Datum rm;
            try {
                rm = ValueParser.datum(arg, relaxed, ctx.symbols);
            } catch (CtlException e) {
                if (!relaxed.isMap()) {
                    throw e;
                }
                rm = ValueParser.datum(arg, ColumnType.set(relaxed.key(), 1, ColumnType.UNLIMITED), ctx.symbols);
            }
            d = d.minus(rm);
        }
        if (d.size() < c.type().min()) {
            throw new CtlException("\"remove\" operation would put " + d.size() + " " + (c.type().isMap() ? "pairs"
                    : "values") + " in column " + c.name() + " of table " + t.name()
                    + " but the minimum number is " + c.type().min());
        }
        ctx.txn.set(row, c, d);
    }

    private static void clear(CommandContext ctx) {
        TableSchema t = ctx.table(ctx.cmd.arg(0));
        Row row = ctx.row(t, ctx.cmd.arg(1), !ctx.ifExists());
        if (row == null) {
            return;
        }
        for (String arg : ctx.cmd.args().subList(2, ctx.cmd.args().size())) {
            ColumnSchema c = ctx.column(t, arg);
            checkMutable(ctx, row, c);
            if (c.type().min() > 0) {
                throw new CtlException("\"clear\" operation cannot be applied to column " + c.name() + " of table "
                        + t.name() + ", which is not allowed to be empty");
            }
            row = ctx.txn.set(row, c, c.type().isMap() ? Datum.emptyMap() : Datum.emptySet());
        }
    }

    private static void create(CommandContext ctx) {
        String id = ctx.cmd.option("--id");
        TableSchema t = ctx.table(ctx.cmd.arg(0));
        boolean root = ctx.txn.schema().isRoot(t);
        Uuid uuid;
        if (id != null) {
            CtlSymbols.Symbol s = ctx.symbols.define(id);
            if (root) {
                // A root row lives without references, so there is nothing to warn about.
                s.strongRef = true;
            }
            uuid = s.uuid;
        } else {
            uuid = Uuid.random();
        }
        Row row = ctx.txn.insert(t, uuid);
        for (String arg : ctx.cmd.args().subList(1, ctx.cmd.args().size())) {
            row = setColumn(ctx, row, arg);
        }
        ctx.println(uuid.toString());
    }

    private static void destroy(CommandContext ctx) {
        TableSchema t = ctx.table(ctx.cmd.arg(0));
        boolean all = ctx.cmd.has("--all");
        List<String> records = ctx.cmd.args().subList(1, ctx.cmd.args().size());
        if (all && !records.isEmpty()) {
            throw new CtlException("--all and records argument should not be specified together");
        }
        if (all && ctx.ifExists()) {
            throw new CtlException("--all and --if-exists should not be specified together");
        }
        if (!all && records.isEmpty()) {
            ctx.warn("db_ctl_base", "either --all or records argument should be specified");
            return;
        }
        if (all) {
            for (Row r : ctx.txn.rows(t)) {
                ctx.txn.delete(r);
            }
            return;
        }
        for (String rec : records) {
            Row r = ctx.row(t, rec, !ctx.ifExists());
            if (r != null) {
                ctx.txn.delete(r);
            }
        }
    }

    /** The columns that {@code --columns=} names, or {@code _uuid} plus every column. */
    static List<ColumnSchema> columns(CommandContext ctx, TableSchema t) {
        String spec = ctx.cmd.option("--columns");
        List<ColumnSchema> out = new ArrayList<>();
        if (spec == null) {
            out.add(TableSchema.UUID_COLUMN);
            out.addAll(t.columns());
            return out;
        }
        for (String name : spec.split("[, ]+")) {
            if (!name.isEmpty()) {
                out.add(NameMatcher.columnOrUuid(t, name));
            }
        }
        if (out.isEmpty()) {
            throw new CtlException("must specify at least one column name");
        }
        return out;
    }

    private static void list(CommandContext ctx) {
        TableSchema t = ctx.table(ctx.cmd.arg(0));
        List<ColumnSchema> cols = columns(ctx, t);
        List<Row> rows = new ArrayList<>();
        if (ctx.cmd.args().size() > 1) {
            for (String rec : ctx.cmd.args().subList(1, ctx.cmd.args().size())) {
                Row r = ctx.row(t, rec, !ctx.ifExists());
                if (r != null) {
                    rows.add(r);
                }
            }
        } else {
            rows.addAll(ctx.txn.rows(t));
        }
        ctx.setTable(TableFormatter.render(cols, rows, ctx.style));
    }

    private static void find(CommandContext ctx) {
        TableSchema t = ctx.table(ctx.cmd.arg(0));
        List<ColumnSchema> cols = columns(ctx, t);
        List<String> conditions = ctx.cmd.args().subList(1, ctx.cmd.args().size());
        List<Row> rows = new ArrayList<>();
        for (Row r : ctx.txn.rows(t)) {
            boolean ok = true;
            for (String cond : conditions) {
                if (!Conditions.holds(ctx, r, cond)) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                rows.add(r);
            }
        }
        ctx.setTable(TableFormatter.render(cols, rows, ctx.style));
    }

    private static void waitUntil(CommandContext ctx) {
        TableSchema t = ctx.table(ctx.cmd.arg(0));
        Row row = ctx.row(t, ctx.cmd.arg(1), false);
        if (row == null) {
            ctx.tryAgain();
            return;
        }
        for (String cond : ctx.cmd.args().subList(2, ctx.cmd.args().size())) {
            if (!Conditions.holds(ctx, row, cond)) {
                ctx.tryAgain();
                return;
            }
        }
    }
}

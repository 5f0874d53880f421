package io.jvswitch.ovsdb.ctl;

import io.jvswitch.ovsdb.ColumnSchema;
import io.jvswitch.ovsdb.OvsdbException;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.TableSchema;
import io.jvswitch.ovsdb.json.Json;
import java.util.List;
import java.util.TreeMap;

/**
 * What one running command sees: its parsed form, the invocation's working copy and row ids, the output it
 * appends to, and the table style for {@code list}/{@code find}.
 */
final class CommandContext {
    final ParsedCommand cmd;
    final CtlTxn txn;
    final CtlSymbols symbols;
    final TableStyle style;
    final StringBuilder out = new StringBuilder();
    /** Output of list/find, or null: --oneline leaves it alone (OVS prints tables separately). */
    private String table;
    private final List<String> warnings;
    private boolean tryAgain;

    CommandContext(ParsedCommand cmd, CtlTxn txn, CtlSymbols symbols, TableStyle style, List<String> warnings) {
        this.cmd = cmd;
        this.txn = txn;
        this.symbols = symbols;
        this.style = style;
        this.warnings = warnings;
    }

    /** The table the user typed (any unique prefix, any case). */
    TableSchema table(String typed) {
        return NameMatcher.table(txn.schema(), typed);
    }

    /** The record {@code id} of {@code t}; null only when it is missing and {@code mustExist} is false. */
    Row row(TableSchema t, String id, boolean mustExist) {
        return RecordFinder.find(txn, t, id, mustExist);
    }

    /** A column of {@code t} by any unique prefix. */
    ColumnSchema column(TableSchema t, String typed) {
        return NameMatcher.column(t, typed);
    }

    boolean ifExists() {
        return cmd.has("--if-exists");
    }

    boolean mayExist() {
        return cmd.has("--may-exist");
    }

    /** Logs a warning as OVS's vlog prints it to stderr ({@code module} is "vsctl" or "db_ctl_base"). */
    void warn(String module, String message) {
        warnings.add(module + "|WARN|" + message);
    }

    /** Appends one line of output. */
    void println(String line) {
        out.append(line).append('\n');
    }

    /** Sets the list/find output. */
    void setTable(String text) {
        table = text;
    }

    /** The list/find output, or null for other commands. */
    String table() {
        return table;
    }

    /**
     * Logs a store error the way OVS's IDL does and returns the fatal error ovs-vsctl then reports; used where
     * OVS 3.1 leaves a check to the server.
     */
    CtlException transactionError(OvsdbException e) {
        warn("ovsdb_idl", "transaction error: " + errorText(e));
        return new CtlException("transaction error: " + errorText(e));
    }

    /** An OVSDB error object as OVS prints it: members sorted by name. */
    static String errorText(OvsdbException e) {
        Json.ObjBuilder b = Json.object();
        new TreeMap<>(((Json.Obj) e.toJson()).members()).forEach(b::put);
        return b.build().toString();
    }

    /** Marks that a {@code wait-until} condition does not hold yet. */
    void tryAgain() {
        tryAgain = true;
    }

    boolean isTryAgain() {
        return tryAgain;
    }
}

package io.jvswitch.ovsdb.ctl;

import io.jvswitch.ovsdb.ColumnSchema;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.TableSchema;
import java.util.List;

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
        return RecordFinder.find(txn, symbols, t, id, mustExist);
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

    /** Marks that a {@code wait-until} condition does not hold yet. */
    void tryAgain() {
        tryAgain = true;
    }

    boolean isTryAgain() {
        return tryAgain;
    }
}

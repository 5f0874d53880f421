package io.jvswitch.ovsdb.feed;

import io.jvswitch.ovsdb.ColumnSchema;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Uuid;
import java.util.ArrayList;
import java.util.List;

/**
 * What one committed transaction did to one row: inserted ({@code old} null), deleted ({@code new} null) or
 * modified (both set, and at least one column differs).
 *
 * @param oldRow the row before the transaction, or null when inserted
 * @param newRow the row after the transaction, or null when deleted
 */
public record RowChange(Row oldRow, Row newRow) {

    /** The changed row's uuid. */
    public Uuid uuid() {
        return newRow != null ? newRow.uuid() : oldRow.uuid();
    }

    /** Whether the row was inserted. */
    public boolean isInsert() {
        return oldRow == null;
    }

    /** Whether the row was deleted. */
    public boolean isDelete() {
        return newRow == null;
    }

    /** Whether the row existed before and after. */
    public boolean isModify() {
        return oldRow != null && newRow != null;
    }

    /** The columns whose value differs (every column for an insert or delete). */
    public List<ColumnSchema> changedColumns() {
        Row any = newRow != null ? newRow : oldRow;
        List<ColumnSchema> out = new ArrayList<>();
        for (ColumnSchema c : any.table().columns()) {
            if (oldRow == null || newRow == null || !oldRow.get(c).equals(newRow.get(c))) {
                out.add(c);
            }
        }
        return out;
    }

    /** Whether {@code column} differs between old and new (always true for inserts and deletes). */
    public boolean changed(String column) {
        if (oldRow == null || newRow == null) {
            return true;
        }
        return !oldRow.get(column).equals(newRow.get(column));
    }
}

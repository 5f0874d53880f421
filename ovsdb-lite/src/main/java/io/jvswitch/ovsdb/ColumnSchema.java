package io.jvswitch.ovsdb;

import io.jvswitch.ovsdb.json.Json;

/**
 * One column of a table (RFC 7047 §3.2 {@code <column-schema>}): name, {@link ColumnType}, whether it may be
 * changed after insert ({@code mutable}) and whether it is kept out of the journal ({@code ephemeral}, e.g.
 * statistics). {@link #index()} is the column's slot in {@link Row}'s value array.
 */
public final class ColumnSchema {
    private final String name;
    private final ColumnType type;
    private final boolean mutable;
    private final boolean ephemeral;
    private final int index;

    /** A column; {@code index} is its position in its table (or -1 for the implicit _uuid/_version). */
    public ColumnSchema(String name, ColumnType type, boolean mutable, boolean ephemeral, int index) {
        this.name = name;
        this.type = type;
        this.mutable = mutable;
        this.ephemeral = ephemeral;
        this.index = index;
    }

    /** Column name. */
    public String name() {
        return name;
    }

    /** Column type. */
    public ColumnType type() {
        return type;
    }

    /** Whether update/mutate may change it after insert. */
    public boolean isMutable() {
        return mutable;
    }

    /** Whether its value is kept in memory only (not journaled). */
    public boolean isEphemeral() {
        return ephemeral;
    }

    /** Slot in the row's value array, or -1 for {@code _uuid}/{@code _version}. */
    public int index() {
        return index;
    }

    /** Whether this is {@code _uuid} or {@code _version}. */
    public boolean isMeta() {
        return index < 0;
    }

    /** Schema JSON. */
    public Json toJson() {
        Json.ObjBuilder b = Json.object().put("type", type.toJson());
        if (!mutable) {
            b.put("mutable", Json.FALSE);
        }
        if (ephemeral) {
            b.put("ephemeral", Json.TRUE);
        }
        return b.build();
    }

    /** Parses a {@code <column-schema>} for column {@code name} at slot {@code index}. */
    public static ColumnSchema fromJson(String name, Json json, int index) {
        if (!(json instanceof Json.Obj o) || o.get("type") == null) {
            throw OvsdbException.syntax(json, "column " + name + " needs a \"type\"");
        }
        boolean mutable = !(o.get("mutable") instanceof Json.Bool b) || b.value();
        boolean ephemeral = o.get("ephemeral") instanceof Json.Bool e && e.value();
        return new ColumnSchema(name, ColumnType.fromJson(o.get("type")), mutable, ephemeral, index);
    }

    @Override
    public String toString() {
        return name;
    }
}

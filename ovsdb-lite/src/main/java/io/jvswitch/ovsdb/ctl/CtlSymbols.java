package io.jvswitch.ovsdb.ctl;

import io.jvswitch.ovsdb.Uuid;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code @name} row ids of one invocation ({@code --id=@name}). A name gets its uuid on first sight, so a
 * command may refer to a row that a later command creates, exactly as ovs-vsctl allows.
 */
final class CtlSymbols {
    /** One row id: its uuid, whether a command created (or bound) it and whether a strong reference uses it. */
    static final class Symbol {
        final String name;
        final Uuid uuid;
        boolean created;
        boolean strongRef;
        boolean weakRef;

        Symbol(String name, Uuid uuid) {
            this.name = name;
            this.uuid = uuid;
        }
    }

    private final Map<String, Symbol> symbols = new LinkedHashMap<>();

    /** The symbol {@code name}, created (with a fresh uuid) when unknown. */
    Symbol reference(String name) {
        return symbols.computeIfAbsent(name, n -> new Symbol(n, Uuid.random()));
    }

    /**
     * Defines {@code id} (from {@code --id=@name}) as created by the current command.
     *
     * @throws CtlException when the id does not start with '@' or was already defined
     */
    Symbol define(String id) {
        if (!id.startsWith("@")) {
            throw new CtlException("row id \"" + id + "\" does not begin with \"@\"");
        }
        Symbol s = reference(id);
        if (s.created) {
            throw new CtlException("row id \"" + id + "\" may only be specified on one --id option");
        }
        s.created = true;
        return s;
    }

    /**
     * Binds {@code id} to the existing row {@code uuid} ({@code --id=@name get ...}).
     *
     * @throws CtlException when the id is malformed or was used before
     */
    Symbol bind(String id, Uuid uuid) {
        if (!id.startsWith("@")) {
            throw new CtlException("row id \"" + id + "\" does not begin with \"@\"");
        }
        if (symbols.containsKey(id)) {
            throw new CtlException("row id \"" + id + "\" specified on \"get\" command was used before it was "
                    + "defined");
        }
        Symbol s = new Symbol(id, uuid);
        s.created = true;
        s.strongRef = true;
        symbols.put(id, s);
        return s;
    }

    /** All symbols in order of first use. */
    Iterable<Symbol> all() {
        return symbols.values();
    }
}

package io.jvswitch.ovsdb.txn;

import io.jvswitch.ovsdb.OvsdbException;
import io.jvswitch.ovsdb.Uuid;
import io.jvswitch.ovsdb.UuidResolver;
import io.jvswitch.ovsdb.json.Json;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The per-transaction symbol table of {@code uuid-name}s: a name gets a fresh uuid the first time it is seen,
 * whether in an insert's {@code uuid-name} or in a {@code ["named-uuid", name]} reference, so references may
 * come before the insert that defines them (ovs-vsctl does that). A name may be defined by one insert only.
 */
public final class Symbols implements UuidResolver {
    private final Map<String, Uuid> names = new LinkedHashMap<>();
    private final Set<String> defined = new HashSet<>();

    @Override
    public Uuid resolve(String name) {
        return names.computeIfAbsent(name, n -> Uuid.random());
    }

    /**
     * Defines {@code name} for an insert, with the insert's explicit {@code uuid} (or null for any).
     *
     * @throws OvsdbException "duplicate uuid-name" when another insert already defined it
     */
    Uuid define(String name, Uuid explicit, Json where) {
        if (!defined.add(name)) {
            throw new OvsdbException("duplicate uuid-name", "This \"uuid-name\" appeared on an earlier \"insert\" "
                    + "operation.", Json.of(name));
        }
        Uuid seen = names.get(name);
        if (explicit != null) {
            if (seen != null && !seen.equals(explicit)) {
                throw OvsdbException.syntax(where, "uuid-name " + name + " was referenced before its insert, "
                        + "which then gave a different \"uuid\"");
            }
            names.put(name, explicit);
            return explicit;
        }
        return resolve(name);
    }

    /** Every name seen so far and its uuid. */
    public Map<String, Uuid> asMap() {
        return Collections.unmodifiableMap(names);
    }
}

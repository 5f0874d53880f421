package io.jvswitch.ovsdb.txn;

import io.jvswitch.ovsdb.OvsdbException;
import io.jvswitch.ovsdb.Uuid;
import io.jvswitch.ovsdb.feed.ChangeSet;
import io.jvswitch.ovsdb.json.Json;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one transaction: the RFC 7047 result array (one element per operation, {@code null} after a
 * failed one, plus one extra error element for a commit-time failure), whether it committed, and the change
 * set it produced (null when it failed or changed nothing).
 */
public final class TxnResult {
    private final List<Json> results;
    private final OvsdbException error;
    private final ChangeSet changes;
    private final Map<String, Uuid> namedUuids;

    /** A result; {@code error} is null on success. */
    public TxnResult(List<Json> results, OvsdbException error, ChangeSet changes, Map<String, Uuid> namedUuids) {
        this.results = List.copyOf(results.stream().map(j -> j == null ? Json.NULL : j).toList());
        this.error = error;
        this.changes = changes;
        this.namedUuids = Map.copyOf(namedUuids);
    }

    /** Whether every operation succeeded and the transaction committed (possibly changing nothing). */
    public boolean isSuccess() {
        return error == null;
    }

    /** The first error, or null. */
    public OvsdbException error() {
        return error;
    }

    /** The RFC 7047 result elements. */
    public List<Json> results() {
        return results;
    }

    /** The RFC 7047 result array as JSON. */
    public Json toJson() {
        return Json.array(results);
    }

    /** The committed change set, or null when the transaction failed or changed nothing. */
    public ChangeSet changes() {
        return changes;
    }

    /** The committed transaction number, or 0 when nothing was committed. */
    public long txnId() {
        return changes == null ? 0 : changes.txnId();
    }

    /** The real uuid of every {@code uuid-name}/{@code named-uuid} the transaction used. */
    public Map<String, Uuid> namedUuids() {
        return namedUuids;
    }

    /** The uuid that insert operation number {@code opIndex} created. */
    public Uuid insertedUuid(int opIndex) {
        Json r = results.get(opIndex);
        if (r instanceof Json.Obj o && o.get("uuid") instanceof Json.Arr a && a.size() == 2
                && a.get(1) instanceof Json.Str s) {
            return Uuid.parse(s.value());
        }
        throw new IllegalArgumentException("operation " + opIndex + " did not insert a row: " + r);
    }

    /** The {@code count} of an update/mutate/delete operation number {@code opIndex}. */
    public long count(int opIndex) {
        Json r = results.get(opIndex);
        if (r instanceof Json.Obj o && o.get("count") instanceof Json.Int n) {
            return n.value();
        }
        throw new IllegalArgumentException("operation " + opIndex + " has no count: " + r);
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}

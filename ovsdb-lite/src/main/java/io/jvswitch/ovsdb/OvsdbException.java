package io.jvswitch.ovsdb;

import io.jvswitch.ovsdb.json.Json;

/**
 * An OVSDB error as RFC 7047 §3.1/§5.2 reports it: an {@code error} kind ("constraint violation",
 * "syntax error", "referential integrity violation", "timed out", ...), human {@code details} and, for
 * syntax problems, the offending JSON text ({@code syntax}). {@link #toJson()} gives the wire object.
 */
public final class OvsdbException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** RFC 7047 error kinds used by this store. */
    public static final String SYNTAX_ERROR = "syntax error";
    /** A value breaks a type constraint (range, enum, set size, index, maxRows, immutable column). */
    public static final String CONSTRAINT_VIOLATION = "constraint violation";
    /** A strong reference points to a row that does not exist. */
    public static final String REFERENTIAL_INTEGRITY = "referential integrity violation";
    /** A column name that the table does not have. */
    public static final String UNKNOWN_COLUMN = "unknown column";
    /** A "wait" whose condition did not hold. */
    public static final String TIMED_OUT = "timed out";
    /** Division by zero in a mutation, or an arithmetic result out of range. */
    public static final String DOMAIN_ERROR = "domain error";
    /** An "abort" operation. */
    public static final String ABORTED = "aborted";
    /** The journal could not be written; nothing was committed. */
    public static final String IO_ERROR = "I/O error";

    private final String error;
    private final String details;
    private final transient Json syntax;

    /** An error of kind {@code error} with {@code details}. */
    public OvsdbException(String error, String details) {
        this(error, details, null);
    }

    /** An error of kind {@code error} with {@code details} and the offending JSON {@code syntax} (may be null). */
    public OvsdbException(String error, String details, Json syntax) {
        super(error + ": " + details);
        this.error = error;
        this.details = details;
        this.syntax = syntax;
    }

    /** A "syntax error". */
    public static OvsdbException syntax(Json where, String details) {
        return new OvsdbException(SYNTAX_ERROR, details, where);
    }

    /** A "constraint violation". */
    public static OvsdbException constraint(String details) {
        return new OvsdbException(CONSTRAINT_VIOLATION, details);
    }

    /** The RFC 7047 error kind. */
    public String error() {
        return error;
    }

    /** Human-readable details. */
    public String details() {
        return details;
    }

    /** The offending JSON, or null. */
    public Json syntax() {
        return syntax;
    }

    /** {@code {"error":…,"details":…[,"syntax":"…"]}} as ovsdb-server writes it. */
    public Json toJson() {
        Json.ObjBuilder b = Json.object();
        if (syntax != null) {
            b.put("syntax", syntax.toString());
        }
        if (details != null) {
            b.put("details", details);
        }
        b.put("error", error);
        return b.build();
    }
}

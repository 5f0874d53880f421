package io.jvswitch.ovsdb;

/** The five OVSDB atomic types (RFC 7047 §3.2 {@code <atomic-type>}), named as in the schema JSON. */
public enum AtomicType {
    /** 64-bit signed integer. */
    INTEGER("integer"),
    /** IEEE 754 double. */
    REAL("real"),
    /** true or false. */
    BOOLEAN("boolean"),
    /** Unicode string. */
    STRING("string"),
    /** A row reference or plain 128-bit id. */
    UUID("uuid");

    private final String jsonName;

    AtomicType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The schema spelling ("integer", "real", ...). */
    public String jsonName() {
        return jsonName;
    }

    /** The type spelled {@code name} in a schema, or null when there is none. */
    public static AtomicType fromJsonName(String name) {
        for (AtomicType t : values()) {
            if (t.jsonName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}

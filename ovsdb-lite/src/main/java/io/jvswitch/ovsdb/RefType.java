package io.jvswitch.ovsdb;

/** How a uuid column refers to rows of its {@code refTable} (RFC 7047 §3.2 {@code refType}). */
public enum RefType {
    /** The target must exist; it keeps a non-root target alive (garbage collection). */
    STRONG,
    /** The reference silently disappears when its target row is deleted. */
    WEAK
}

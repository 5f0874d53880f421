package io.jvswitch.ovsdb;

/**
 * Resolves the {@code <id>} of an RFC 7047 {@code ["named-uuid", <id>]} to the row uuid it stands for in
 * the current transaction. A transaction hands out a fresh uuid on first sight of a name, so references may
 * come before the insert that defines them.
 */
@FunctionalInterface
public interface UuidResolver {
    /** The uuid for {@code name}; never null. */
    Uuid resolve(String name);
}

/**
 * A small, strict JSON value model ({@link io.jvswitch.ovsdb.json.Json}), parser and compact writer, written
 * for RFC 7047's needs: integers and reals kept apart, member order kept, no coercion.
 */
package io.jvswitch.ovsdb.json;

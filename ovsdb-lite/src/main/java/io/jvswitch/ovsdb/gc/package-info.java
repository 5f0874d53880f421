/** Commit-time reference maintenance: garbage collection of unreachable non-root rows and weak-ref cleanup. */
package io.jvswitch.ovsdb.gc;

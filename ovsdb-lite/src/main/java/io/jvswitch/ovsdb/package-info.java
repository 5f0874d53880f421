/** The configuration store: schema'd tables, atomic transactions, a journal and a change feed. */
package io.jvswitch.ovsdb;

/**
 * Transactions: RFC 7047 operations ({@link io.jvswitch.ovsdb.txn.TransactionExecutor}), conditions, mutations,
 * the named-uuid symbol table, results, and a Java builder ({@link io.jvswitch.ovsdb.txn.TxnBuilder}).
 */
package io.jvswitch.ovsdb.txn;

/** The change feed: per committed transaction, the inserted, modified and deleted rows of each table. */
package io.jvswitch.ovsdb.feed;

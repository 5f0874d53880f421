/**
 * ovsdb-lite, jvswitch's configuration store: schema'd tables, atomic transactions, a journal and a change feed.
 *
 * <h2>Data model (this package)</h2>
 * <ul>
 *   <li>{@link io.jvswitch.ovsdb.Schema} / {@link io.jvswitch.ovsdb.TableSchema} /
 *       {@link io.jvswitch.ovsdb.ColumnSchema} / {@link io.jvswitch.ovsdb.ColumnType} /
 *       {@link io.jvswitch.ovsdb.BaseType}: RFC 7047 schemas; {@code Schema.vswitch()} loads jvswitch's own
 *       Open_vSwitch 8.3.1 schema ({@code io/jvswitch/ovsdb/vswitch.ovsschema}).</li>
 *   <li>{@link io.jvswitch.ovsdb.Atom} (integer, real, boolean, string, uuid) and
 *       {@link io.jvswitch.ovsdb.Datum} (sorted set of atoms, or map atom→atom; scalars are one-element sets),
 *       with RFC 7047 JSON conversion ({@code toJson}/{@code fromJson}) and ovs-vsctl printing
 *       ({@code toDisplayString}).</li>
 *   <li>{@link io.jvswitch.ovsdb.Row} (immutable: uuid, version, values), {@link io.jvswitch.ovsdb.Table} and
 *       {@link io.jvswitch.ovsdb.DatabaseSnapshot}: what readers see, lock-free.</li>
 *   <li>{@link io.jvswitch.ovsdb.OvsdbException}: RFC 7047 error objects ({@code error}, {@code details},
 *       {@code syntax}).</li>
 * </ul>
 *
 * <h2>The store</h2>
 * {@link io.jvswitch.ovsdb.Database} ({@code open(Path, Schema)}, {@code inMemory(Schema)}): RFC 7047
 * transactions ({@code transact(Json)} / {@code transact(String)}, results in RFC 7047 shape), a Java builder
 * ({@code newTransaction()} → {@link io.jvswitch.ovsdb.txn.TxnBuilder}), lock-free reads ({@code snapshot()}),
 * and a change feed ({@code subscribe(ChangeListener)}). Single writer; durable (fsync) before {@code transact}
 * returns.
 *
 * <pre>{@code
 * Database db = Database.open(Path.of("/var/lib/jvswitch/conf.db"), Schema.vswitch());
 * Row br = db.snapshot().table("Bridge").findByName("br0");
 * TxnResult r = db.transact("[{\"op\":\"mutate\",\"table\":\"Open_vSwitch\",\"where\":[],"
 *         + "\"mutations\":[[\"next_cfg\",\"+=\",1]]}]");
 * }</pre>
 *
 * <h2>Sub-packages</h2>
 * {@code json} (strict JSON model/parser/writer), {@code txn} (operations and their execution), {@code gc}
 * (reference garbage collection), {@code journal} (write-ahead log), {@code feed} (change notifications),
 * {@code server} (gRPC adapter). The ovs-vsctl command engine lives in {@code ctl}.
 */
package io.jvswitch.ovsdb;

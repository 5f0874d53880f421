package io.jvswitch.ovsdb.bench;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.txn.TxnBuilder;
import io.jvswitch.ovsdb.txn.TxnResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Not a test: prints transactions per second with fsync for a libvirt-like add-port transaction.
 * Run: {@code java -cp ovsdb-lite/target/classes:ovsdb-lite/target/test-classes:<deps> ...TxnThroughput [N] [dir]}.
 */
public final class TxnThroughput {
    private TxnThroughput() {
    }

    /** Entry point: {@code [transactions] [directory] [memory]}. */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("ovsdb-bench");
        Path file = dir.resolve("bench.db");
        Files.deleteIfExists(file);
        boolean memory = args.length > 2 && args[2].equals("memory");
        Schema schema = Schema.vswitch();
        try (Database db = memory ? Database.inMemory(schema) : Database.open(file, schema)) {
            TxnBuilder t = db.newTransaction();
            TxnBuilder.Ref i = t.insert("Interface", Map.of("name", "br0", "type", "internal"));
            TxnBuilder.Ref p = t.insert("Port", Map.of("name", "br0", "interfaces", i));
            TxnBuilder.Ref b = t.insert("Bridge", Map.of("name", "br0", "ports", p));
            t.mutate("Open_vSwitch", List.of(), TxnBuilder.mutation("bridges", "insert", b));
            t.commit();
            long start = System.nanoTime();
            for (int k = 0; k < n; k++) {
                TxnBuilder a = db.newTransaction();
                TxnBuilder.Ref ai = a.insert("Interface", Map.of("name", "vnet" + k, "external_ids",
                        Map.of("attached-mac", "52:54:00:71:b1:b6", "iface-status", "active")));
                TxnBuilder.Ref ap = a.insert("Port", Map.of("name", "vnet" + k, "interfaces", ai, "tag", k % 4095));
                a.mutate("Bridge", List.of(TxnBuilder.eq("name", "br0")), TxnBuilder.mutation("ports", "insert", ap));
                a.mutate("Open_vSwitch", List.of(), TxnBuilder.mutation("next_cfg", "+=", 1));
                TxnResult r = a.commit();
                if (!r.isSuccess()) {
                    throw new IllegalStateException(r.toString());
                }
            }
            double secs = (System.nanoTime() - start) / 1e9;
            String mode = memory ? "in memory" : "fsync each";
            System.out.printf("%d add-port transactions (" + mode + ") in %.2f s: %.0f txn/s; final ports %d;"
                    + " journal %d bytes%n", n, secs, n / secs, db.snapshot().table("Port").size(), db.journalSize());
        }
    }
}

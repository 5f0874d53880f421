package io.jvswitch.ovsdb.journal;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.txn.TxnBuilder;
import io.jvswitch.ovsdb.txn.TxnResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Child process for {@link CrashDurabilityTest}: commits transactions forever, printing "ack N" after each. */
public final class CrashWriter {
    private CrashWriter() {
    }

    /** {@code args[0]}: the database file. */
    public static void main(String[] args) throws Exception {
        try (Database db = Database.open(Path.of(args[0]), Schema.vswitch())) {
            for (int i = 0; ; i++) {
                TxnResult r = db.newTransaction().mutate("Open_vSwitch", List.of(),
                        TxnBuilder.mutation("external_ids", "insert", Map.of("k" + i, "v" + i)),
                        TxnBuilder.mutation("next_cfg", "+=", 1)).commit();
                if (!r.isSuccess()) {
                    System.out.println("error " + r);
                    return;
                }
                System.out.println("ack " + i);
                System.out.flush();
            }
        }
    }
}

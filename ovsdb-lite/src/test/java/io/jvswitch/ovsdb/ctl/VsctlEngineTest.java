package io.jvswitch.ovsdb.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.DatabaseSnapshot;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.txn.TxnResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives {@link VsctlEngine} on an in-memory store: commands, outputs, error texts, atomicity, waiting. */
class VsctlEngineTest {
    private static final String MAC = "\"52:54:00:71:b1:b6\"";
    private Database db;
    private VsctlEngine engine;

    @BeforeEach
    void setUp() {
        db = Database.inMemory(Schema.vswitch());
        engine = new VsctlEngine(db);
    }

    @AfterEach
    void tearDown() throws IOException {
        db.close();
    }

    private VsctlResult run(String line) {
        return engine.run(ShellWords.split(line), "jvs-vsctl");
    }

    private String ok(String line) {
        VsctlResult r = run(line);
        assertThat(r.exitCode()).as("exit status of %s (stderr %s)", line, r.stderr()).isZero();
        return r.stdout();
    }

    private void fails(String line, String message) {
        VsctlResult r = run(line);
        assertThat(r.exitCode()).as("exit status of %s", line).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("jvs-vsctl: " + message + "\n");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void shouldCreateBridgeWithInternalPortWhenAddBr() {
        ok("add-br br0");
        assertThat(ok("list-br")).isEqualTo("br0\n");
        assertThat(ok("list-ports br0")).isEmpty();
        assertThat(ok("get Interface br0 type")).isEqualTo("internal\n");
        assertThat(ok("--columns=name list Port br0")).isEqualTo("name                : br0\n");
        assertThat(ok("br-to-vlan br0")).isEqualTo("0\n");
        assertThat(ok("br-to-parent br0")).isEqualTo("br0\n");
    }

    @Test
    void shouldSortAndHideLocalPortWhenListing() {
        ok("add-br br1 -- add-br br0 -- add-port br0 vnet0 -- add-port br0 tap1.0 -- add-port br0 a");
        assertThat(ok("list-br")).isEqualTo("br0\nbr1\n");
        assertThat(ok("list-ports br0")).isEqualTo("a\ntap1.0\nvnet0\n");
        assertThat(ok("list-ifaces br0")).isEqualTo("a\ntap1.0\nvnet0\n");
        assertThat(ok("--oneline list-ports br0 -- list-br")).isEqualTo("a\\ntap1.0\\nvnet0\nbr0\\nbr1\n");
        assertThat(ok("port-to-br vnet0")).isEqualTo("br0\n");
        assertThat(ok("iface-to-br tap1.0")).isEqualTo("br0\n");
    }

    @Test
    void shouldExitTwoWithoutMessageWhenBrExistsMissing() {
        ok("add-br br0");
        assertThat(run("br-exists br0").exitCode()).isZero();
        VsctlResult r = run("br-exists nosuch");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void shouldReportOvsErrorTextsWhenCommandsFail() {
        ok("add-br br0 -- add-port br0 vnet0 -- add-br br1 -- add-port br1 p1");
        fails("add-br br0", "cannot create a bridge named br0 because a bridge named br0 already exists");
        fails("add-br ''", "bridge name must not be empty string");
        fails("add-port br0 vnet0", "cannot create a port named vnet0 because a port named vnet0 already exists on "
                + "bridge br0");
        fails("add-port nosuchbr p9", "no bridge named nosuchbr");
        fails("del-br nosuch", "no bridge named nosuch");
        fails("list-ports nosuch", "no bridge named nosuch");
        fails("del-port nosuch", "no port named nosuch");
        fails("port-to-br nosuch", "no port named nosuch");
        fails("iface-to-br nosuch", "no interface named nosuch");
        fails("iface-to-br br0", "no interface named br0");
        fails("del-port br0 p1", "bridge br0 does not have a port p1");
        fails("del-port br0", "cannot delete port br0 because it is the local port for bridge br0 (deleting this "
                + "port requires deleting the entire bridge)");
        fails("--may-exist add-port br0 p1", "\"--may-exist add-port br0 p1\" but p1 is actually attached to bridge "
                + "br1");
        fails("--may-exist add-br br0 br1 9", "\"--may-exist add-br br0 br1 9\" but br0 is not a VLAN bridge");
        fails("get Interface nosuch name", "no row \"nosuch\" in table Interface");
        fails("set Interface nosuch mtu_request=1", "no row \"nosuch\" in table Interface");
        fails("list Interface nosuch", "no row \"nosuch\" in table Interface");
        fails("get Interface vnet0 external_ids:nokey", "no key \"nokey\" in Interface record \"vnet0\" column "
                + "external_ids");
        fails("get Bridge br0 x", "Bridge does not contain a column whose name matches \"x\"");
        fails("get Bridge br0 d", "Bridge contains more than one column whose name matches \"d\": datapath_id, "
                + "datapath_type, datapath_version");
        fails("list interx", "unknown table \"interx\"");
        fails("set Port vnet0 tag=5000",
                "constraint violation: 5000 is not in the valid range 0 to 4095 (inclusive)");
        fails("set Port vnet0 vlan_mode=bogus", "constraint violation: bogus is not one of the allowed values "
                + "([access, dot1q-tunnel, native-tagged, native-untagged, trunk])");
        fails("set port br0 name=x", "cannot modify read-only column name in table Port");
        fails("bogus-cmd", "unknown command 'bogus-cmd'; use --help for help");
        fails("add-br", "'add-br' command requires at least 1 arguments");
        fails("list-ports a b", "'list-ports' command takes at most 1 arguments");
        fails("", "missing command name (use --help for help)");
        fails("--timeout=5", "missing command name (use --help for help)");
        fails("--if-exists --", "missing command name (use --help for help)");
        fails("set port vnet0 trunks=3,3", "3,3: set contains duplicate value");
        fails("set port vnet0 'tag=1 2'", "1 2: 2 value(s) specified but the maximum number is 1");
        fails("set port vnet0 tag=", "tag=: argument does not end in \"=\" followed by a value.");
        fails("--bogus list-br", "unrecognized option '--bogus'");
    }

    @Test
    void shouldSucceedSilentlyWhenIfExistsTargetsAreMissing() {
        ok("add-br br0");
        for (String line : List.of("--if-exists del-port nosuch", "--if-exists del-br nosuch",
                "--if-exists set Port nosuch tag=1", "--if-exists get Interface nosuch name",
                "--if-exists list Interface nosuch", "--if-exists del-port br0", "--if-exists clear Port nosuch tag")) {
            assertThat(ok(line)).as(line).isEmpty();
        }
    }

    @Test
    void shouldAttachAndDetachWhenLibvirtUsesTheNewestCommandShape() {
        ok("add-br br0");
        String attach = "--timeout=5 -- --may-exist add-port br0 vnet0 -- set Port vnet0 other_config:transient=true "
                + "tag=10 -- set Interface vnet0 external-ids:attached-mac=" + MAC + " -- set Interface vnet0 "
                + "external-ids:iface-id=\"3f3c7c1d-6e73-4cb6-9d4a-a4d1d9b09b60\" -- set Interface vnet0 "
                + "external-ids:vm-id=\"66616b65-7575-6964-0000-000000000000\" -- set Interface vnet0 "
                + "external-ids:iface-status=active";
        assertThat(ok(attach)).isEmpty();
        assertThat(ok(attach)).isEmpty();
        assertThat(ok("get Interface vnet0 external_ids")).isEqualTo("{attached-mac=" + MAC + ", iface-id="
                + "\"3f3c7c1d-6e73-4cb6-9d4a-a4d1d9b09b60\", iface-status=active, vm-id="
                + "\"66616b65-7575-6964-0000-000000000000\"}\n");
        assertThat(ok("get Interface vnet0 external_ids:attached-mac")).isEqualTo(MAC + "\n");
        assertThat(ok("get Port vnet0 tag other_config")).isEqualTo("10\n{transient=\"true\"}\n");
        assertThat(ok("--timeout=5 iface-to-br vnet0")).isEqualTo("br0\n");
        assertThat(ok("--bare -- --columns=name find port other_config:transient=true")).isEqualTo("vnet0\n");
        assertThat(ok("--timeout=5 -- --if-exists del-port vnet0")).isEmpty();
        assertThat(ok("--timeout=5 -- --if-exists del-port vnet0")).isEmpty();
        assertThat(run("--timeout=5 iface-to-br vnet0").exitCode()).isEqualTo(1);
        assertThat(ok("--columns=name list Interface")).isEqualTo("name                : br0\n");
    }

    @Test
    void shouldApplyVlanArgsWhenLibvirtUsesOlderShapes() {
        ok("add-br br0");
        String old = "--timeout=5 -- --if-exists del-port vnet1 -- add-port br0 vnet1 vlan_mode=native-untagged tag=5 "
                + "trunk=6,7 -- set Interface vnet1 external-ids:attached-mac=" + MAC;
        ok(old);
        ok(old);
        assertThat(ok("get Port vnet1 vlan_mode tag trunks")).isEqualTo("native-untagged\n5\n[6, 7]\n");
        ok("--timeout=5 -- --may-exist add-port br0 vnet2 trunk=1,2 -- set Interface vnet2 external-ids:x=y");
        assertThat(ok("get Port vnet2 trunks")).isEqualTo("[1, 2]\n");
        ok("--timeout=5 -- --may-exist add-port br0 vnet2 trunk=3 -- set Interface vnet2 external-ids:x=z");
        assertThat(ok("get Port vnet2 trunks")).as("--may-exist on the same bridge ignores settings")
                .isEqualTo("[1, 2]\n");
        assertThat(ok("get Interface vnet2 external_ids:x")).isEqualTo("z\n");
        ok("--timeout=5 -- --if-exists clear Port vnet1 tag -- --if-exists clear Port vnet1 trunk -- --if-exists "
                + "clear Port vnet1 vlan_mode -- --if-exists set Port vnet1 tag=42");
        assertThat(ok("get Port vnet1 vlan_mode tag trunks")).isEqualTo("[]\n42\n[]\n");
    }

    @Test
    void shouldPrintLibvirtMigrationAndStatisticsOutputs() {
        ok("add-br br0 -- add-port br0 vnet0");
        assertThat(ok("--timeout=5 --if-exists get Interface vnet0 external_ids:PortData")).isEqualTo("\n");
        ok("--timeout=5 set Interface vnet0 external_ids:PortData=abc");
        assertThat(ok("--timeout=5 --if-exists get Interface vnet0 external_ids:PortData")).isEqualTo("abc\n");
        String stats = "--timeout=5 --if-exists --format=list --data=json --no-headings --columns=statistics list "
                + "Interface ";
        assertThat(ok(stats + "vnet0")).isEqualTo("[\"map\",[]]\n");
        assertThat(ok(stats + "nosuch")).isEmpty();
        Row iface = db.snapshot().table("Interface").findByName("vnet0");
        TxnResult r = db.transact(Json.array(Json.object().put("op", "update").put("table", "Interface")
                .put("where", Json.array(Json.array(Json.of("_uuid"), Json.of("=="),
                        Json.array(Json.of("uuid"), Json.of(iface.uuid().toString())))))
                .put("row", Json.object().put("statistics", Json.array(Json.of("map"), Json.array(
                        Json.array(Json.of("collisions"), Json.of(0)), Json.array(Json.of("rx_bytes"), Json.of(1234)),
                        Json.array(Json.of("tx_packets"), Json.of(173))))).build()).build()));
        assertThat(r.isSuccess()).isTrue();
        assertThat(ok(stats + "vnet0")).isEqualTo("[\"map\",[[\"collisions\",0],[\"rx_bytes\",1234],"
                + "[\"tx_packets\",173]]]\n");
        assertThat(ok("get Interface vnet0 statistics:rx_bytes statistics:tx_packets")).isEqualTo("1234\n173\n");
    }

    @Test
    void shouldCreateAndFindQosRowsWhenLibvirtSetsBandwidth() {
        ok("add-br br0 -- add-port br0 vnet0");
        String vm = "'external-ids:vm-id=\"66616b65-7575-6964-0000-000000000000\"' 'external-ids:ifname=\"vnet0\"'";
        String out = ok("--timeout=5 set port vnet0 qos=@qos1 " + vm + " -- --id=@qos1 create qos type=linux-htb "
                + "other_config:min-rate=8192000 queues:0=@queue0 " + vm + " -- --id=@queue0 create queue "
                + "other_config:min-rate=8192000 " + vm);
        String[] uuids = out.split("\n");
        assertThat(uuids).hasSize(2);
        assertThat(ok("--timeout=5 --no-heading --columns=_uuid find queue " + vm)).isEqualTo(uuids[1] + "\n");
        assertThat(ok("--timeout=5 --no-heading --columns=_uuid find qos " + vm)).isEqualTo(uuids[0] + "\n");
        assertThat(ok("get qos vnet0 type")).isEqualTo("linux-htb\n");
        assertThat(ok("--no-heading --columns=_uuid --if-exists list port vnet0 qos")).isEqualTo(
                ok("get port vnet0 _uuid"));
        ok("--timeout=5 remove port vnet0 qos " + uuids[0]);
        ok("--timeout=5 destroy qos " + uuids[0]);
        ok("--timeout=5 destroy queue " + uuids[1]);
        assertThat(ok("list qos")).isEmpty();
        ok("--timeout=5 set Interface vnet0 ingress_policing_rate=8192 ingress_policing_burst=0");
        assertThat(ok("get Interface vnet0 ingress_policing_rate")).isEqualTo("8192\n");
    }

    @Test
    void shouldCommitNothingWhenTheLastCommandFails() {
        ok("add-br br0");
        DatabaseSnapshot before = db.snapshot();
        fails("add-br x1 -- add-port x1 p -- set Port p tag=5 -- add-br br0", "cannot create a bridge named br0 "
                + "because a bridge named br0 already exists");
        assertThat(db.snapshot()).isSameAs(before);
        assertThat(ok("list-br")).isEqualTo("br0\n");
        VsctlResult r = run("add-br br2 -- br-exists nosuch");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(db.snapshot()).isSameAs(before);
    }

    @Test
    void shouldCommitNothingWhenDryRun() {
        DatabaseSnapshot before = db.snapshot();
        assertThat(ok("--dry-run add-br br0 -- list-br")).isEqualTo("br0\n");
        assertThat(db.snapshot()).isSameAs(before);
        assertThat(ok("list-br")).isEmpty();
    }

    @Test
    void shouldKeepStillReferencedNonRootRowWhenDestroyingAll() {
        ok("add-br br0");
        String uuid = ok("-- --id=@s create sflow agent=veth0 target=\\\"127.0.0.1:6343\\\" header=128 sampling=64 "
                + "polling=10 -- set bridge br0 sflow=@s").trim();
        assertThat(ok("get bridge br0 sflow")).isEqualTo(uuid + "\n");
        assertThat(ok("get sflow br0 targets")).isEqualTo("[\"127.0.0.1:6343\"]\n");
        ok("-- --all destroy sflow");
        assertThat(ok("--columns=_uuid list sflow")).isEqualTo("_uuid               : " + uuid + "\n");
        VsctlResult warn = run("destroy sflow");
        assertThat(warn.exitCode()).isZero();
        assertThat(warn.stderr()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\|00002\\|db_ctl_base\\|WARN\\|"
                + "either --all or records argument should be specified\n");
        ok("clear bridge br0 sflow");
        assertThat(ok("list sflow")).isEmpty();
    }

    @Test
    void shouldWarnWhenCreatedRowIsNotReferenced() {
        VsctlResult r = run("-- --id=@s create sflow targets=x");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).matches("[0-9a-f-]{36}\n");
        assertThat(r.stderr()).endsWith("|vsctl|WARN|row id \"@s\" was created but no reference to it was inserted, "
                + "so it will not actually appear in the database\n");
        assertThat(ok("list sflow")).isEmpty();
        fails("set bridge br0 sflow=@x", "no row \"br0\" in table Bridge");
        ok("add-br br0");
        fails("set bridge br0 sflow=@x", "row id \"@x\" is referenced but never created (e.g. with \"-- --id=@x "
                + "create ...\")");
    }

    @Test
    void shouldFindRowsByUuidPrefixAndByOwner() {
        ok("add-br br0 -- set-controller br0 tcp:127.0.0.1:6653");
        String uuid = ok("get Bridge br0 _uuid").trim();
        assertThat(ok("get Bridge " + uuid.substring(0, 8) + " name")).isEqualTo("br0\n");
        assertThat(ok("get Controller br0 target")).isEqualTo("\"tcp:127.0.0.1:6653\"\n");
        assertThat(ok("get-controller br0")).isEqualTo("tcp:127.0.0.1:6653\n");
        assertThat(ok("get o . bridges")).isEqualTo("[" + uuid + "]\n");
    }

    @Test
    void shouldPrintShowLayoutWithVersion() {
        ok("add-br br0 -- add-port br0 vnet0 tag=10 trunks=30,40 -- set o . ovs_version=3.1.0");
        ok("set-fail-mode br0 secure");
        String show = ok("show");
        String ovs = ok("get o . _uuid").trim();
        assertThat(show).startsWith(ovs + "\n    Bridge br0\n        fail_mode: secure\n");
        assertThat(show).contains("        Port br0\n            Interface br0\n                type: internal\n");
        assertThat(show).contains("        Port vnet0\n            tag: 10\n            trunks: [30, 40]\n"
                + "            Interface vnet0\n");
        assertThat(show).endsWith("    ovs_version: \"3.1.0\"\n");
    }

    @Test
    void shouldReportWaitingUntilConditionHolds() throws Exception {
        VsctlResult r = run("wait-until Bridge br0");
        assertThat(r.waiting()).isTrue();
        assertThat(r.stdout()).isEmpty();
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<VsctlResult> waiter = ex.submit(() -> engine.runUntilDone(
                    ShellWords.split("wait-until Bridge br0 stp_enable=true -- list-br"), "jvs-vsctl", 10_000));
            ok("add-br br0");
            ok("set Bridge br0 stp_enable=true");
            VsctlResult done = waiter.get(10, TimeUnit.SECONDS);
            assertThat(done.exitCode()).isZero();
            assertThat(done.stdout()).isEqualTo("br0\n");
            VsctlResult timedOut = engine.runUntilDone(ShellWords.split("wait-until Bridge nosuch"), "jvs-vsctl", 50);
            assertThat(timedOut.exitCode()).isEqualTo(VsctlResult.TIMED_OUT);
            long t0 = System.nanoTime();
            VsctlResult own = engine.runUntilDone(ShellWords.split("--timeout=1 wait-until Bridge nosuch"),
                    "jvs-vsctl");
            assertThat(own.exitCode()).isEqualTo(VsctlResult.TIMED_OUT);
            assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(900));
            assertThat(engine.runUntilDone(ShellWords.split("--timeout=1 list-br"), "jvs-vsctl").stdout())
                    .isEqualTo("br0\n");
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void shouldRerunOnFreshSnapshotWhenAnotherWriterCommitsFirst() throws Exception {
        ok("add-br br0");
        int threads = 4;
        int perThread = 25;
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(ex.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        VsctlResult r = run("add-port br0 p" + id + "x" + i + " -- add Bridge br0 flood_vlans "
                                + (i + 1));
                        assertThat(r.exitCode()).as(r.stderr()).isZero();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            ex.shutdownNow();
        }
        assertThat(ok("list-ports br0").split("\n")).hasSize(threads * perThread);
        assertThat(ok("get Bridge br0 flood_vlans")).startsWith("[1, 2, 3");
    }

    @Test
    void shouldRunOnJournaledDatabaseAndSurviveReopen(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("conf.db");
        try (Database d = Database.open(file, Schema.vswitch())) {
            VsctlEngine e = new VsctlEngine(d);
            assertThat(e.run(List.of("add-br", "br0", "--", "add-port", "br0", "vnet0", "tag=10"), "ovs-vsctl")
                    .exitCode()).isZero();
        }
        try (Database d = Database.open(file, Schema.vswitch())) {
            VsctlEngine e = new VsctlEngine(d);
            assertThat(e.run(List.of("get", "Port", "vnet0", "tag"), "ovs-vsctl").stdout()).isEqualTo("10\n");
        }
    }

    @Test
    void shouldReportFailureWhenTheStoreIsClosed() throws IOException {
        db.close();
        VsctlResult r = run("add-br br0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("jvs-vsctl: transaction error: ");
    }

    @Test
    void shouldPrintVersionAndHelpWithoutRunningCommands() {
        assertThat(ok("--version")).startsWith("jvs-vsctl (jvswitch) ");
        assertThat(ok("--help")).contains("usage: jvs-vsctl");
        assertThat(engine.commandNames()).contains("add-br", "wait-until", "show", "iface-to-br");
    }
}

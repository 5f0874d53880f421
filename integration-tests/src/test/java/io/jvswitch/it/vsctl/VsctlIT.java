package io.jvswitch.it.vsctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.it.support.Cli;
import io.jvswitch.it.support.DaemonDirs;
import io.jvswitch.it.support.DaemonLogOnFailure;
import io.jvswitch.it.support.DaemonProcess;
import io.jvswitch.it.support.Exec;
import io.jvswitch.it.support.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code jvs-vsctl} as users and libvirt run it, against a real daemon: libvirt's command lines
 * through a link named {@code ovs-vsctl}, atomicity of a multi-command invocation, and durability of
 * acknowledged transactions across {@code kill -9} and a damaged journal tail (SPEC §5).
 */
@ExtendWith(DaemonLogOnFailure.class)
class VsctlIT {
    private static final String VM_UUID = "66616b65-7575-6964-0000-000000000000";
    private static final String MAC = "52:54:00:71:b1:b6";

    private static Path linkDir;
    private static Path ovsVsctl;

    @BeforeAll
    static void linkAsOvsVsctl() throws IOException {
        linkDir = Files.createTempDirectory("jvsit-link");
        ovsVsctl = Files.createSymbolicLink(linkDir.resolve("ovs-vsctl"), Repo.bin("jvs-vsctl"));
    }

    @AfterAll
    static void removeLink() throws IOException {
        Files.deleteIfExists(ovsVsctl);
        Files.deleteIfExists(linkDir);
    }

    @Test
    void shouldServeLibvirtsAttachStatisticsAndDetachLinesThroughAnOvsVsctlLink() {
        try (DaemonProcess daemon = DaemonProcess.start()) {
            Cli cli = daemon.cli();
            cli.vsctl("add-br", "br0").orFail();

            // The newest libvirt attach shape, VLAN arguments on "set Port", quotes part of the argument.
            Exec.Result attach = cli.run(ovsVsctl, "--timeout=5", "--", "--may-exist", "add-port", "br0", "vnet0",
                    "--", "set", "Port", "vnet0", "other_config:transient=true", "tag=10",
                    "--", "set", "Interface", "vnet0", "external-ids:attached-mac=\"" + MAC + "\"",
                    "--", "set", "Interface", "vnet0", "external-ids:iface-id=\"" + VM_UUID + "\"",
                    "--", "set", "Interface", "vnet0", "external-ids:vm-id=\"" + VM_UUID + "\"",
                    "--", "set", "Interface", "vnet0", "external-ids:iface-status=active");
            assertThat(attach.exitCode()).as(attach.toString()).isZero();
            // The older shape: delete-then-add in one transaction, VLAN args on add-port (trunk= is a prefix).
            Exec.Result older = cli.run(ovsVsctl, "--timeout=5", "--", "--if-exists", "del-port", "vnet1",
                    "--", "add-port", "br0", "vnet1", "trunk=20,30",
                    "--", "set", "Interface", "vnet1", "external-ids:attached-mac=\"52:54:00:00:00:01\"");
            assertThat(older.exitCode()).as(older.toString()).isZero();

            assertThat(cli.vsctl("list-ports", "br0").orFail().stdout()).isEqualTo("vnet0\nvnet1\n");
            assertThat(cli.vsctl("get", "Port", "vnet0", "tag").orFail().stdout()).isEqualTo("10\n");
            assertThat(cli.vsctl("get", "Port", "vnet1", "trunks").orFail().stdout()).isEqualTo("[20, 30]\n");
            assertThat(cli.vsctl("get", "Interface", "vnet0", "external_ids:attached-mac").orFail().stdout())
                    .isEqualTo("\"" + MAC + "\"\n");

            Exec.Result portData = cli.run(ovsVsctl, "--timeout=5", "--if-exists", "get", "Interface", "vnet0",
                    "external_ids:PortData");
            assertThat(portData.exitCode()).isZero();
            assertThat(portData.stdout()).isEqualTo("\n");

            Exec.Result stats = cli.run(ovsVsctl, "--timeout=5", "--if-exists", "--format=list", "--data=json",
                    "--no-headings", "--columns=statistics", "list", "Interface", "vnet0");
            assertThat(stats.exitCode()).as(stats.toString()).isZero();
            assertThat(stats.stdout()).startsWith("[\"map\",[").endsWith("]]\n");
            Exec.Result noStats = cli.run(ovsVsctl, "--timeout=5", "--if-exists", "--format=list", "--data=json",
                    "--no-headings", "--columns=statistics", "list", "Interface", "nosuch");
            assertThat(noStats.exitCode()).isZero();
            assertThat(noStats.stdout()).isEmpty();

            assertThat(cli.run(ovsVsctl, "--timeout=5", "iface-to-br", "vnet0").orFail().stdout()).isEqualTo("br0\n");
            Exec.Result notOurs = cli.run(ovsVsctl, "--timeout=5", "iface-to-br", "eth9");
            assertThat(notOurs.exitCode()).isEqualTo(1);
            assertThat(notOurs.stderr()).isEqualTo("ovs-vsctl: no interface named eth9\n");

            assertThat(cli.run(ovsVsctl, "--timeout=5", "--", "--if-exists", "del-port", "vnet0").exitCode()).isZero();
            assertThat(cli.run(ovsVsctl, "--timeout=5", "--", "--if-exists", "del-port", "vnet0").exitCode()).isZero();
            assertThat(cli.vsctl("list-ports", "br0").orFail().stdout()).isEqualTo("vnet1\n");
        }
    }

    @Test
    void shouldChangeNothingWhenTheLastCommandOfAnInvocationFails() {
        try (DaemonProcess daemon = DaemonProcess.start()) {
            Cli cli = daemon.cli();
            Exec.Result failed = cli.vsctl("add-br", "a", "--", "add-port", "a", "p1", "--", "add-port", "nosuch",
                    "p2");
            assertThat(failed.exitCode()).isEqualTo(1);
            assertThat(failed.stderr()).isEqualTo("jvs-vsctl: no bridge named nosuch\n");
            assertThat(cli.vsctl("list-br").orFail().stdout()).isEmpty();

            Exec.Result badTag = cli.vsctl("add-br", "b", "--", "add-port", "b", "p1", "--", "set", "Port", "p1",
                    "tag=5000");
            assertThat(badTag.exitCode()).isEqualTo(1);
            assertThat(badTag.stderr()).isEqualTo(
                    "jvs-vsctl: constraint violation: 5000 is not in the valid range 0 to 4095 (inclusive)\n");
            assertThat(cli.vsctl("list-br").orFail().stdout()).isEmpty();
            assertThat(cli.vsctl("br-exists", "b").exitCode()).isEqualTo(2);
        }
    }

    @Test
    void shouldKeepEveryAcknowledgedTransactionWhenKilledUnderATransactionStream() throws Exception {
        try (DaemonDirs dirs = DaemonDirs.create()) {
            List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
            try (DaemonProcess daemon = DaemonProcess.start(dirs)) {
                AtomicBoolean stop = new AtomicBoolean();
                ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
                List<Thread> clients = new ArrayList<>();
                for (int c = 0; c < 2; c++) {
                    int client = c;
                    Thread t = new Thread(() -> {
                        // Bounded: at most 40 transactions per client, and it stops when the daemon dies.
                        for (int n = 0; n < 40 && !stop.get(); n++) {
                            String name = "k" + client + "x" + n;
                            Exec.Result r = daemon.cli().vsctl("add-br", name);
                            if (r.exitCode() == 0) {
                                acknowledged.add(name);
                            } else if (daemon.isAlive()) {
                                errors.add(new AssertionError(r.toString()));
                            }
                        }
                    });
                    t.start();
                    clients.add(t);
                }
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (acknowledged.size() < 6 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                daemon.kill9();
                stop.set(true);
                for (Thread t : clients) {
                    t.join(60_000);
                }
                assertThat(errors).isEmpty();
            }
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(6);
            try (DaemonProcess restarted = DaemonProcess.start(dirs)) {
                List<String> bridges = List.of(restarted.cli().vsctl("list-br").orFail().stdout().split("\n"));
                assertThat(bridges).containsAll(List.copyOf(acknowledged));
            }
        }
    }

    @Test
    void shouldStartWithTheIntactPrefixWhenTheJournalTailIsTorn() throws Exception {
        try (DaemonDirs dirs = DaemonDirs.create()) {
            try (DaemonProcess daemon = DaemonProcess.start(dirs)) {
                daemon.cli().vsctl("add-br", "kept").orFail();
                daemon.sigterm();
                daemon.waitForExit(Duration.ofSeconds(30));
            }
            Path db = dirs.dbDir().resolve("conf.db");
            long intact = Files.size(db);
            // A torn write: half a record header and garbage where the next record would start.
            Files.write(db, new byte[] {'J', 'V', 'S', 0x13, 0x07, (byte) 0xff}, StandardOpenOption.APPEND);
            assertThat(Files.size(db)).isGreaterThan(intact);
            try (DaemonProcess restarted = DaemonProcess.start(dirs)) {
                Cli cli = restarted.cli();
                assertThat(cli.vsctl("list-br").orFail().stdout()).isEqualTo("kept\n");
                cli.vsctl("add-br", "after").orFail();
                assertThat(cli.vsctl("list-br").orFail().stdout()).isEqualTo("after\nkept\n");
            }
        }
    }
}

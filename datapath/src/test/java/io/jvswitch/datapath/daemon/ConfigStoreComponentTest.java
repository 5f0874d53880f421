package io.jvswitch.datapath.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.ctl.VsctlEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigStoreComponentTest {
    @Test
    void shouldRemoveOnlyTransientPortsWhenDaemonStarts() {
        Database db = Database.inMemory(Schema.vswitch());
        VsctlEngine vsctl = new VsctlEngine(db);
        assertThat(vsctl.run(List.of("add-br", "br0", "--", "add-port", "br0", "vnet0", "--", "set", "Port", "vnet0",
                "other_config:transient=true", "--", "add-port", "br0", "eth1", "--", "add-port", "br0", "vnet1",
                "--", "set", "Port", "vnet1", "other_config:transient=true"), "jvs-vsctl").exitCode()).isZero();

        assertThat(ConfigStoreComponent.removeTransientPorts(db)).isEqualTo(2);

        assertThat(vsctl.run(List.of("list-ports", "br0"), "jvs-vsctl").stdout()).isEqualTo("eth1\n");
        assertThat(ConfigStoreComponent.removeTransientPorts(db)).isZero();
    }
}

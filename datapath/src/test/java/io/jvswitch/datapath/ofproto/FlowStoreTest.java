package io.jvswitch.datapath.ofproto;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.flowtable.FlowEntry;
import io.jvswitch.flowtable.FlowMod;
import io.jvswitch.flowtable.FlowTables;
import io.jvswitch.flowtable.text.FlowFormatter;
import io.jvswitch.flowtable.text.FlowParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowStoreTest {
    @TempDir
    Path dir;

    private static List<String> texts(FlowTables tables) {
        FlowFormatter f = new FlowFormatter();
        return tables.flows(FlowMod.ALL_TABLES).stream().map(FlowEntry::rule).map(f::formatNoStats).toList();
    }

    @Test
    void shouldRestoreFlowsExactlyWhenSavedAndLoaded() throws Exception {
        FlowStore store = new FlowStore(dir.resolve("flows"));
        FlowTables tables = FlowTables.newBridge(System::nanoTime, 1);
        FlowParser parser = new FlowParser();
        tables.apply(List.of(parser.parseFlowModLine("cookie=0x1f,idle_timeout=30,tcp,nw_src=10.0.0.0/24,tp_dst=80,"
                        + "actions=mod_nw_dst:10.0.0.9,NORMAL"),
                parser.parseFlowModLine("table=1,priority=7,in_port=3,actions=push_vlan:0x8100,goto_table:2")));
        store.save("br0", tables);
        FlowTables loaded = store.load("br0", System::nanoTime, 1).orElseThrow();
        assertThat(texts(loaded)).isEqualTo(texts(tables)).hasSize(3);
    }

    @Test
    void shouldKeepEmptyTableWhenAllFlowsWereDeleted() throws Exception {
        FlowStore store = new FlowStore(dir);
        FlowTables tables = FlowTables.newBridge(System::nanoTime, 1);
        tables.apply(FlowMod.deleteAll());
        store.save("br1", tables);
        assertThat(store.load("br1", System::nanoTime, 1).orElseThrow().size()).isZero();
        assertThat(store.load("never-saved", System::nanoTime, 1)).isEmpty();
    }

    @Test
    void shouldRefuseFileWhenChecksumDoesNotMatch() throws Exception {
        FlowStore store = new FlowStore(dir);
        store.save("br2", FlowTables.newBridge(System::nanoTime, 1));
        Path file = store.file("br2");
        Files.writeString(file, Files.readString(file).replace("NORMAL", "drop"));
        assertThat(store.load("br2", System::nanoTime, 1)).isEmpty();
        store.delete("br2");
        assertThat(file).doesNotExist();
    }
}

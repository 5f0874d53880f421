package io.jvswitch.cli.ofctl;

import io.jvswitch.flowtable.FlowRule;
import io.jvswitch.flowtable.text.FlowDumpStats;
import io.jvswitch.flowtable.text.FlowParser;
import io.jvswitch.flowtable.text.PortNames;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DumpFlowsFormatterTest {
    private static final PortNames NAMES = PortNames.of(Map.of("p2", 2, "tap1.0", 3));
    private final FlowParser parser = new FlowParser(NAMES);
    private final DumpFlowsFormatter formatter = new DumpFlowsFormatter(NAMES);

    private List<DumpFlowsFormatter.DumpedFlow> flows() {
        return List.of(flow("priority=50,ip,actions=output:2", 25), flow("priority=40,in_port=2,actions=output:3", 75),
                flow("priority=0,actions=NORMAL", 95));
    }

    private DumpFlowsFormatter.DumpedFlow flow(String text, long ms) {
        FlowRule rule = parser.parseFlow(text);
        return new DumpFlowsFormatter.DumpedFlow(rule, new FlowDumpStats(ms * 1_000_000, 0, 0, 0, 0));
    }

    @Test
    void shouldPrintHeaderAndAgesWhenPlain() {
        assertThat(formatter.format(flows(), new DumpFlowsFormatter.Options(true, false,
                DumpFlowsFormatter.Sort.NONE, false))).containsExactly(
                "NXST_FLOW reply (xid=0x4):",
                " cookie=0x0, duration=0.025s, table=0, n_packets=0, n_bytes=0, idle_age=0, priority=50,ip "
                        + "actions=output:2",
                " cookie=0x0, duration=0.075s, table=0, n_packets=0, n_bytes=0, idle_age=0, priority=40,in_port=2 "
                        + "actions=output:3",
                " cookie=0x0, duration=0.095s, table=0, n_packets=0, n_bytes=0, idle_age=0, priority=0 "
                        + "actions=NORMAL");
    }

    @Test
    void shouldOmitHeaderAndAgesWhenPrintingNames() {
        assertThat(formatter.format(flows(), new DumpFlowsFormatter.Options(true, true,
                DumpFlowsFormatter.Sort.NONE, true))).containsExactly(
                " cookie=0x0, duration=0.025s, table=0, n_packets=0, n_bytes=0, priority=50,ip actions=output:p2",
                " cookie=0x0, duration=0.075s, table=0, n_packets=0, n_bytes=0, priority=40,in_port=p2 "
                        + "actions=output:\"tap1.0\"",
                " cookie=0x0, duration=0.095s, table=0, n_packets=0, n_bytes=0, priority=0 actions=NORMAL");
    }

    @Test
    void shouldSortByPriorityWithoutHeaderWhenAskedTo() {
        assertThat(formatter.format(flows(), new DumpFlowsFormatter.Options(false, false,
                DumpFlowsFormatter.Sort.ASCENDING, false))).containsExactly(
                " priority=0 actions=NORMAL", " priority=40,in_port=2 actions=output:3",
                " priority=50,ip actions=output:2");
        assertThat(formatter.format(flows(), new DumpFlowsFormatter.Options(false, false,
                DumpFlowsFormatter.Sort.DESCENDING, false))).containsExactly(
                " priority=50,ip actions=output:2", " priority=40,in_port=2 actions=output:3",
                " priority=0 actions=NORMAL");
    }

    @Test
    void shouldUseTheFilteredTransactionIdWhenAFilterWasGiven() {
        assertThat(formatter.format(List.of(), new DumpFlowsFormatter.Options(false, false,
                DumpFlowsFormatter.Sort.NONE, true))).containsExactly("NXST_FLOW reply (xid=0x8):");
    }
}

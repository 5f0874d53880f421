package io.jvswitch.flowtable.text;

import io.jvswitch.flowtable.FlowRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** parse → format → parse is a fixed point over a seeded generated corpus (and over the differential corpus). */
class FlowRoundTripTest {
    private static final long SEED = Long.getLong("jvs.test.seed", 0x5eed_f10L);
    private static final int FLOWS = 5000;

    private final FlowParser parser = new FlowParser();
    private final FlowFormatter formatter = new FlowFormatter();

    @Test
    void shouldReachAFixedPointWhenReparsingFormattedGeneratedFlows() {
        FlowTextGenerator gen = new FlowTextGenerator(SEED);
        for (int i = 0; i < FLOWS; i++) {
            String text = gen.next();
            String context = "seed=" + SEED + " flow #" + i + ": " + text;
            assertFixedPoint(text, context);
        }
    }

    @Test
    void shouldReachAFixedPointOnTheDifferentialCorpus() throws Exception {
        for (String res : new String[] {"ovs-corpus.txt", "ovs-corpus-of13.txt"}) {
            for (String text : OvsOfctlDifferentialTest.readResource(res)) {
                assertFixedPoint(text, res + ": " + text);
            }
        }
    }

    private void assertFixedPoint(String text, String context) {
        FlowRule first;
        try {
            first = parser.parseFlow(text);
        } catch (FlowSyntaxException e) {
            throw new AssertionError(context + " was rejected: " + e.getMessage(), e);
        }
        String printed = formatter.formatNoStats(first);
        FlowRule second;
        try {
            second = parser.parseFlow(printed);
        } catch (FlowSyntaxException e) {
            throw new AssertionError(context + " printed as " + printed + " which is rejected: " + e.getMessage(), e);
        }
        assertThat(formatter.formatNoStats(second)).as(context).isEqualTo(printed);
        assertThat(second.match()).as(context).isEqualTo(first.match());
        assertThat(second.priority()).as(context).isEqualTo(first.priority());
        assertThat(second.cookie()).as(context).isEqualTo(first.cookie());
        assertThat(second.tableId()).as(context).isEqualTo(first.tableId());
    }
}

package io.jvswitch.flowtable.text;

import io.jvswitch.flowtable.FlowMod;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

/**
 * Mangled flow texts (seeded) must either parse or fail with a {@link FlowSyntaxException}: never another
 * exception, which a CLI would print as a stack trace.
 */
class FlowParserFuzzTest {
    private static final long SEED = Long.getLong("jvs.test.seed", 0xf022L);
    private static final String ALPHABET = "=,:/()->\"* \t.0123456789abcdefxABCDEF_[]|+-#";

    @Test
    void shouldOnlyThrowFlowSyntaxExceptionWhenTheTextIsMangled() throws Exception {
        List<String> seeds = OvsOfctlDifferentialTest.readResource("ovs-corpus.txt");
        seeds.addAll(OvsOfctlDifferentialTest.readResource("ovs-corpus-of13.txt"));
        seeds.addAll(OvsOfctlDifferentialTest.readResource("ovs-errors.txt"));
        Random rnd = new Random(SEED);
        FlowParser parser = new FlowParser();
        FlowFormatter formatter = new FlowFormatter();
        for (int i = 0; i < 20_000; i++) {
            String text = mangle(seeds.get(rnd.nextInt(seeds.size())), rnd);
            try {
                switch (i % 4) {
                    case 0:
                        formatter.formatNoStats(parser.parseFlow(text));
                        break;
                    case 1:
                        formatter.formatFlowMod(parser.parseFlowModLine(text));
                        break;
                    case 2:
                        parser.parseFlowMod(text, FlowMod.Command.DELETE_STRICT);
                        break;
                    default:
                        parser.parsePattern(text);
                        break;
                }
            } catch (FlowSyntaxException expected) {
                if (expected.getMessage().contains("\n")) {
                    throw new AssertionError("seed=" + SEED + " #" + i + " multi-line error for: " + text);
                }
            } catch (RuntimeException e) {
                throw new AssertionError("seed=" + SEED + " #" + i + " unexpected " + e + " for: " + text, e);
            }
        }
    }

    private static String mangle(String s, Random rnd) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int pos = sb.length() == 0 ? 0 : rnd.nextInt(sb.length());
            switch (rnd.nextInt(3)) {
                case 0:
                    if (sb.length() > 0) {
                        sb.deleteCharAt(pos);
                    }
                    break;
                case 1:
                    sb.insert(pos, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                    break;
                default:
                    if (sb.length() > 0) {
                        sb.setCharAt(pos, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                    }
                    break;
            }
        }
        return sb.toString();
    }
}

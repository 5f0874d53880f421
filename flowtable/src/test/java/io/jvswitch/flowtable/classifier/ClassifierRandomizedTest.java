package io.jvswitch.flowtable.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.flowtable.match.FlowKey;
import io.jvswitch.flowtable.match.Match;
import io.jvswitch.flowtable.match.MatchField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The classifier agrees with a naive linear scan over random rule sets and packets, and the consulted mask
 * it reports is sound (a packet that agrees on those bits has an equally good best match).
 */
class ClassifierRandomizedTest {
    private static final int RULE_SETS = 10_000;
    private static final int PACKETS_PER_SET = 6;

    record TestRule(Match match, int priority, int id) implements ClassifierRule {
    }

    /** A mask shape: which fields are matched, and with which mask. */
    private record Shape(long[] fieldMasks) {
    }

    private static final MatchField[] FIELDS = {
        MatchField.IN_PORT, MatchField.DL_TYPE, MatchField.DL_SRC, MatchField.NW_SRC, MatchField.NW_PROTO,
        MatchField.TP_DST, MatchField.VLAN_TCI, MatchField.IPV6_SRC,
    };

    /** Small value domains so rules and packets collide often. */
    private static long randomValue(Random r, MatchField f) {
        switch (f) {
            case IN_PORT:
                return 1 + r.nextInt(3);
            case DL_TYPE:
                return r.nextBoolean() ? 0x0800 : 0x0806;
            case DL_SRC:
                return 0x020000000000L | r.nextInt(8);
            case NW_SRC:
                return 0x0a000000L | (r.nextInt(2) << 8) | r.nextInt(8);
            case NW_PROTO:
                return r.nextBoolean() ? 6 : 17;
            case TP_DST:
                return r.nextInt(16);
            case VLAN_TCI:
                return r.nextBoolean() ? 0 : 0x1000 | r.nextInt(4);
            case IPV6_SRC:
                return r.nextInt(8);
            default:
                throw new IllegalStateException();
        }
    }

    private static long randomMask(Random r, MatchField f) {
        switch (r.nextInt(6)) {
            case 0:
            case 1:
            case 2:
                return 0;
            case 3:
                return f == MatchField.IPV6_SRC ? -1L : f.valueMask();
            default:
                long m = f.isMaskable() ? r.nextLong() & (f == MatchField.IPV6_SRC ? 0xff : f.valueMask())
                        : f.valueMask();
                return m;
        }
    }

    private static Shape randomShape(Random r) {
        long[] masks = new long[FIELDS.length];
        for (int i = 0; i < FIELDS.length; i++) {
            masks[i] = randomMask(r, FIELDS[i]);
        }
        return new Shape(masks);
    }

    private static Match randomMatch(Random r, Shape shape) {
        Match.Builder b = Match.builder();
        for (int i = 0; i < FIELDS.length; i++) {
            MatchField f = FIELDS[i];
            long m = shape.fieldMasks()[i];
            if (m == 0) {
                continue;
            }
            if (f.is128()) {
                b.setMasked128(f, 0x20010db800000000L, randomValue(r, f), -1L, m);
            } else {
                b.setMasked(f, randomValue(r, f), m);
            }
        }
        return b.build();
    }

    private static FlowKey randomKey(Random r) {
        FlowKey k = new FlowKey();
        for (MatchField f : FIELDS) {
            if (f.is128()) {
                k.set128(f, 0x20010db800000000L, randomValue(r, f));
            } else {
                k.set(f, randomValue(r, f));
            }
        }
        k.setWord(FlowKey.W_ND_TARGET, r.nextLong());
        return k;
    }

    private static ClassifierVersion<TestRule> build(List<TestRule> rules, long generation) {
        Map<Mask, List<TestRule>> byMask = new LinkedHashMap<>();
        for (TestRule t : rules) {
            byMask.computeIfAbsent(Mask.of(t.match()), m -> new ArrayList<>()).add(t);
        }
        ClassifierVersion.Builder<TestRule> b = ClassifierVersion.<TestRule>empty().toBuilder();
        byMask.forEach((m, list) -> b.replaceSubtable(3, m, list));
        return b.build(generation);
    }

    private static int naiveBest(List<TestRule> rules, FlowKey key) {
        int best = -1;
        for (TestRule t : rules) {
            if (t.match().matches(key)) {
                best = Math.max(best, t.priority());
            }
        }
        return best;
    }

    @Test
    void shouldAgreeWithLinearScanWhenRulesAndPacketsAreRandom() {
        long seed = Long.getLong("jvs.seed", System.nanoTime());
        Random r = new Random(seed);
        LookupScratch scratch = new LookupScratch();
        long[] consulted = new long[FlowKey.WORDS];
        int hits = 0;
        try {
            for (int set = 0; set < RULE_SETS; set++) {
                Shape[] shapes = new Shape[1 + r.nextInt(6)];
                for (int i = 0; i < shapes.length; i++) {
                    shapes[i] = randomShape(r);
                }
                int n = r.nextInt(40);
                List<TestRule> rules = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    rules.add(new TestRule(randomMatch(r, shapes[r.nextInt(shapes.length)]), r.nextInt(8), i));
                }
                ClassifierVersion<TestRule> version = build(rules, 1);
                assertThat(version.size()).isEqualTo(n);
                for (int p = 0; p < PACKETS_PER_SET; p++) {
                    FlowKey key = randomKey(r);
                    scratch.reset();
                    TestRule got = version.lookup(3, key, scratch);
                    int expected = naiveBest(rules, key);
                    if (expected < 0) {
                        assertThat(got).as("set %d packet %s", set, key).isNull();
                    } else {
                        hits++;
                        assertThat(got).as("set %d packet %s", set, key).isNotNull();
                        assertThat(got.match().matches(key)).isTrue();
                        assertThat(got.priority()).isEqualTo(expected);
                    }
                    scratch.copyConsultedMask(consulted);
                    FlowKey other = new FlowKey().copyFrom(key);
                    for (int w = 0; w < FlowKey.WORDS; w++) {
                        other.setWord(w, (key.word(w) & consulted[w]) | (randomKey(r).word(w) & ~consulted[w]));
                    }
                    assertThat(naiveBest(rules, other)).as("megaflow soundness, set %d", set).isEqualTo(expected);
                    assertThat(version.lookup(4, key, scratch)).isNull();
                }
            }
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        }
        assertThat(hits).isGreaterThan(RULE_SETS);
    }

    @Test
    void shouldShareUntouchedSubtablesAndDropEmptiedOnesWhenRebuilt() {
        Match a = Match.builder().inPort(1).build();
        Match b = Match.builder().dlType(0x0800).build();
        TestRule ra = new TestRule(a, 10, 1);
        TestRule rb = new TestRule(b, 20, 2);
        ClassifierVersion<TestRule> v1 = build(List.of(ra, rb), 1);
        assertThat(v1.table(3).subtableCount()).isEqualTo(2);
        assertThat(v1.table(3).subtable(0).maxPriority()).isEqualTo(20);
        ClassifierVersion<TestRule> v2 = v1.toBuilder().replaceSubtable(3, Mask.of(b), List.of()).build(2);
        assertThat(v2.table(3).subtableCount()).isEqualTo(1);
        assertThat(v2.table(3).subtable(0)).isSameAs(v1.table(3).subtable(1));
        FlowKey key = new FlowKey().inPort(1).dlType(0x0800);
        LookupScratch s = new LookupScratch();
        assertThat(v1.lookup(3, key, s)).isSameAs(rb);
        assertThat(v2.lookup(3, key, s)).isSameAs(ra);
        assertThat(v2.generation()).isEqualTo(2);
    }

    @Test
    void shouldStopProbingWhenNoSubtableCanWin() {
        List<TestRule> rules = new ArrayList<>();
        rules.add(new TestRule(Match.builder().inPort(1).build(), 100, 0));
        for (int i = 0; i < 5; i++) {
            rules.add(new TestRule(Match.builder().setMasked(MatchField.TP_DST, 1, 1L << i).build(), 5, i + 1));
        }
        ClassifierVersion<TestRule> v = build(rules, 1);
        LookupScratch s = new LookupScratch().reset();
        long before = s.subtablesVisited();
        assertThat(v.lookup(3, new FlowKey().inPort(1), s).priority()).isEqualTo(100);
        assertThat(s.subtablesVisited() - before).isEqualTo(1);
        assertThat(s.consultedMask(FlowKey.W_DL_DST_TP_DST)).isZero();
        assertThat(s.consultedMask(FlowKey.W_PORT_TYPE_TCI)).isEqualTo(0xffffffffL << 32);
    }

    @Test
    void shouldRejectGenerationThatDoesNotIncreaseWhenPublishing() {
        Classifier<TestRule> c = new Classifier<>();
        ClassifierVersion<TestRule> v = build(List.of(), 1);
        c.publish(v);
        assertThat(c.current()).isSameAs(v);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.publish(build(List.of(), 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

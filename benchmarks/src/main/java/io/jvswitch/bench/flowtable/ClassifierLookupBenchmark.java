package io.jvswitch.bench.flowtable;

import io.jvswitch.flowtable.FlowEntry;
import io.jvswitch.flowtable.FlowMod;
import io.jvswitch.flowtable.FlowModException;
import io.jvswitch.flowtable.FlowRule;
import io.jvswitch.flowtable.FlowTables;
import io.jvswitch.flowtable.action.Action;
import io.jvswitch.flowtable.action.ActionList;
import io.jvswitch.flowtable.classifier.ClassifierVersion;
import io.jvswitch.flowtable.classifier.LookupScratch;
import io.jvswitch.flowtable.match.FlowKey;
import io.jvswitch.flowtable.match.Match;
import io.jvswitch.flowtable.match.MatchField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Full-classifier lookups per second (one table) for N rules spread over M distinct masks, with a packet
 * mix where every packet matches some rule.
 *
 * <p>{@code priorities=random}: every rule gets a random priority, so every subtable's maximum is close to
 * 65535 and nearly all subtables are probed on each lookup (the worst case for the early stop).
 * {@code priorities=byMask}: each mask gets its own priority band (more specific masks higher, as in most
 * hand-written and controller-generated tables), so a lookup stops after the subtable of its match.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClassifierLookupBenchmark {
    private static final int PACKETS = 1024;

    /** Number of rules in table 0. */
    @Param({"1000", "10000", "100000"})
    public int rules;

    /** Number of distinct masks (subtables). */
    @Param({"1", "8", "32"})
    public int masks;

    /** How priorities are assigned: "random" or "byMask" (see the class comment). */
    @Param({"random", "byMask"})
    public String priorities;

    private ClassifierVersion<FlowEntry> version;
    private final LookupScratch scratch = new LookupScratch();
    private final FlowKey[] keys = new FlowKey[PACKETS];

    /** A mask shape: prefix lengths and which exact fields. */
    private record Shape(int srcPrefix, int dstPrefix, boolean inPort, boolean tpDst) {
    }

    /** Builds the table and the packets. */
    @Setup
    public void setUp() throws FlowModException {
        Random r = new Random(42);
        List<Shape> shapes = new ArrayList<>();
        for (int src : new int[] {32, 24, 16}) {
            for (int dst : new int[] {0, 32, 24, 16}) {
                for (boolean tp : new boolean[] {true, false}) {
                    for (boolean port : new boolean[] {false, true}) {
                        shapes.add(new Shape(src, dst, port, tp));
                    }
                }
            }
        }
        Collections.shuffle(shapes, r);
        shapes = shapes.subList(0, masks);
        FlowTables tables = new FlowTables(() -> 0L, 1);
        List<FlowMod> mods = new ArrayList<>();
        List<Match> matches = new ArrayList<>();
        while (matches.size() < rules) {
            int shapeIndex = matches.size() % masks;
            Shape s = shapes.get(shapeIndex);
            Match.Builder b = Match.builder().dlType(0x0800).nwProto(6).nwSrc(r.nextInt(), s.srcPrefix());
            if (s.dstPrefix() > 0) {
                b.nwDst(r.nextInt(), s.dstPrefix());
            }
            if (s.inPort()) {
                b.inPort(1 + r.nextInt(64));
            }
            if (s.tpDst()) {
                b.set(MatchField.TP_DST, r.nextInt(65536));
            }
            Match m = b.build();
            matches.add(m);
            int priority = "random".equals(priorities) ? r.nextInt(65536)
                    : (masks - shapeIndex) * 1000 + r.nextInt(1000);
            mods.add(FlowMod.add(FlowRule.of(m, priority, ActionList.of(new Action.Output(1 + r.nextInt(8))))));
        }
        tables.apply(mods);
        version = tables.current();
        for (int i = 0; i < PACKETS; i++) {
            Match m = matches.get(r.nextInt(matches.size()));
            FlowKey k = new FlowKey();
            for (int w = 0; w < FlowKey.WORDS; w++) {
                k.setWord(w, m.valueWord(w) | (r.nextLong() & ~m.maskWord(w)));
            }
            k.dlType(0x0800).nwProto(6).inPort(m.isWildcarded(MatchField.IN_PORT) ? 1 + r.nextInt(64)
                    : (int) m.value(MatchField.IN_PORT));
            keys[i] = k;
        }
    }

    /** Looks up every packet of the mix once; returns the sum of matched priorities (defeats dead-code elimination). */
    public long lookupAllPackets() {
        long sum = 0;
        for (int i = 0; i < PACKETS; i++) {
            FlowEntry e = version.lookup(0, keys[i], scratch.reset());
            sum += e == null ? 0 : e.priority();
        }
        return sum;
    }

    /** Number of packets in the mix. */
    public static int packets() {
        return PACKETS;
    }

    /** One lookup per packet of the mix. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public void lookup(Blackhole bh) {
        for (int i = 0; i < PACKETS; i++) {
            bh.consume(version.lookup(0, keys[i], scratch.reset()));
        }
    }
}

package io.jvswitch.flowtable;

import io.jvswitch.flowtable.action.Action;
import io.jvswitch.flowtable.classifier.Classifier;
import io.jvswitch.flowtable.classifier.ClassifierVersion;
import io.jvswitch.flowtable.classifier.Mask;
import io.jvswitch.flowtable.match.Match;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The OpenFlow tables (0..254) of one bridge: applies batches of {@link FlowMod}s with Open vSwitch
 * semantics, expires flows by timeout, and publishes immutable classifier versions for the datapath.
 *
 * <h2>What</h2>
 * The control-side index (per table, per mask, per (match, priority)) is the source of truth. A batch is
 * applied to it with an undo log; if any mod is rejected the log is rolled back and the batch changes
 * nothing. If it succeeds, only the subtables it touched are rebuilt into a new {@link ClassifierVersion}
 * with the next generation, published with one volatile write.
 *
 * <h2>Semantics (ovs-compat §3.1, OpenFlow 1.0 as ovs-ofctl speaks it)</h2>
 * <ul>
 *   <li>ADD replaces a flow with identical match and priority; the new flow starts with fresh counters and
 *       a fresh creation time (OpenFlow 1.0 ADD always resets counters). With {@code check_overlap}, an ADD
 *       that overlaps a flow of the same priority is rejected.</li>
 *   <li>MODIFY (loose: every flow at least as specific as the pattern, any priority) and MODIFY_STRICT
 *       (identical match and priority) replace actions, keep counters (unless {@code reset_counts}), creation
 *       time and timeouts, and take the new cookie if one is given. If nothing is selected and no cookie mask
 *       was given, the flow is added (to table 0 when the mod names all tables).</li>
 *   <li>DELETE (loose) and DELETE_STRICT remove the selected flows.</li>
 *   <li>Selection honours the table (255 = all) and the cookie under its mask; DELETEs also honour the
 *       out_port filter (MODIFYs ignore it, as Open vSwitch does).</li>
 *   <li>{@code goto_table} must point to a later table.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Mutations ({@link #apply}, {@link #expire}) and {@link #flows} are synchronized on this object (one
 * control thread at a time). Datapath threads only call {@link #current()} and never block.
 *
 * <h2>Costs</h2>
 * A batch costs O(flows it selects) for strict commands and ADD, O(flows in the selected tables) for loose
 * ones, plus rebuilding each touched subtable (O(its size)). Large loads should therefore come as one
 * batch (as {@code add-flows}/{@code replace-flows} do), not one batch per flow.
 */
public final class FlowTables {
    /** Default cap on the number of flows in one bridge, so a runaway controller cannot exhaust the heap. */
    public static final int DEFAULT_MAX_FLOWS = 1_000_000;

    private final LongSupplier nanoClock;
    private final int counterSlots;
    private final int maxFlows;
    private final Classifier<FlowEntry> classifier = new Classifier<>();
    /** Per table: mask → (match+priority → entry). Guarded by {@code this}. */
    private final List<Map<Mask, Map<RuleKey, FlowEntry>>> index = new ArrayList<>(ClassifierVersion.TABLES);
    private int flowCount;

    private record RuleKey(Match match, int priority) {
    }

    private record TableMask(int table, Mask mask) {
    }

    private record Change(int table, Mask mask, RuleKey key, FlowEntry previous) {
    }

    /**
     * Empty tables (no flow at all, not even the default NORMAL flow).
     *
     * @param nanoClock    time source for creation, last-use and timeouts (inject a fake clock in tests)
     * @param counterSlots number of datapath threads that will update counters (see {@link FlowStats})
     */
    public FlowTables(LongSupplier nanoClock, int counterSlots) {
        this(nanoClock, counterSlots, DEFAULT_MAX_FLOWS);
    }

    /** Empty tables with a cap on the total number of flows. */
    public FlowTables(LongSupplier nanoClock, int counterSlots, int maxFlows) {
        if (counterSlots < 1) {
            throw new IllegalArgumentException("at least one counter slot");
        }
        this.nanoClock = nanoClock;
        this.counterSlots = counterSlots;
        this.maxFlows = maxFlows;
        for (int t = 0; t < ClassifierVersion.TABLES; t++) {
            index.add(new LinkedHashMap<>());
        }
    }

    /** Tables of a newly created bridge: the single flow {@code priority=0,actions=NORMAL} in table 0. */
    public static FlowTables newBridge(LongSupplier nanoClock, int counterSlots) {
        FlowTables tables = new FlowTables(nanoClock, counterSlots);
        try {
            tables.apply(List.of(FlowMod.add(FlowRule.defaultNormal())));
        } catch (FlowModException e) {
            throw new IllegalStateException("the default flow is always valid", e);
        }
        return tables;
    }

    /** The version the datapath should use now (one volatile read). */
    public ClassifierVersion<FlowEntry> current() {
        return classifier.current();
    }

    /** Generation of the current version. */
    public long generation() {
        return classifier.current().generation();
    }

    /** Number of writer slots each flow's counters have. */
    public int counterSlots() {
        return counterSlots;
    }

    /** The clock this object uses. */
    public LongSupplier nanoClock() {
        return nanoClock;
    }

    /**
     * Applies the mods in order, all or nothing, and publishes the result.
     *
     * @throws FlowModException when a mod is rejected (then nothing changed)
     */
    public synchronized BatchResult apply(List<FlowMod> batch) throws FlowModException {
        long now = nanoClock.getAsLong();
        List<Change> undo = new ArrayList<>();
        List<FlowEntry> removed = new ArrayList<>();
        int[] counts = new int[2];
        try {
            for (FlowMod mod : batch) {
                applyOne(mod, now, undo, removed, counts);
            }
        } catch (FlowModException | RuntimeException e) {
            rollback(undo);
            throw e;
        }
        long generation = publish(undo);
        return new BatchResult(counts[0], counts[1], removed, generation);
    }

    /** Applies one mod as its own batch. */
    public BatchResult apply(FlowMod mod) throws FlowModException {
        return apply(List.of(mod));
    }

    /**
     * {@code replace-flows}: makes the tables hold exactly {@code rules}, as ovs-ofctl does it, in one batch.
     * A rule identical to an installed flow (same table, match, priority, cookie, timeouts, importance,
     * flags and actions) is left alone, keeping its counters; a rule that differs or is new is ADDed
     * (replacing a flow with the same match and priority); an installed flow with no rule of the same table,
     * match and priority is deleted.
     *
     * @throws FlowModException when a rule is rejected (then nothing changed)
     */
    public synchronized BatchResult replaceFlows(Collection<FlowRule> rules) throws FlowModException {
        Map<List<Object>, FlowRule> wanted = new LinkedHashMap<>();
        for (FlowRule r : rules) {
            wanted.put(List.of(r.tableId(), r.match(), r.priority()), r);
        }
        List<FlowMod> mods = new ArrayList<>();
        for (FlowEntry e : flows(FlowMod.ALL_TABLES)) {
            FlowRule w = wanted.get(List.of(e.tableId(), e.match(), e.priority()));
            if (w == null) {
                mods.add(FlowMod.deleteStrict(e.tableId(), e.match(), e.priority()));
            } else if (w.equals(e.rule())) {
                wanted.remove(List.of(e.tableId(), e.match(), e.priority()));
            }
        }
        for (FlowRule r : wanted.values()) {
            mods.add(FlowMod.add(r));
        }
        return apply(mods);
    }

    /** Removes every flow whose idle or hard timeout has passed, publishes, and returns what went. */
    public synchronized BatchResult expire() {
        long now = nanoClock.getAsLong();
        List<Change> undo = new ArrayList<>();
        List<FlowEntry> removed = new ArrayList<>();
        for (int t = 0; t < index.size(); t++) {
            for (Map<RuleKey, FlowEntry> sub : index.get(t).values()) {
                for (FlowEntry e : sub.values()) {
                    if (e.isExpired(now)) {
                        removed.add(e);
                    }
                }
            }
        }
        for (FlowEntry e : removed) {
            remove(e, undo);
        }
        return new BatchResult(0, 0, removed, publish(undo));
    }

    /** All flows of table {@code table} (255: all tables), in table order then insertion order. */
    public synchronized List<FlowEntry> flows(int table) {
        List<FlowEntry> out = new ArrayList<>();
        for (int t = 0; t < index.size(); t++) {
            if (table == FlowMod.ALL_TABLES || table == t) {
                for (Map<RuleKey, FlowEntry> sub : index.get(t).values()) {
                    out.addAll(sub.values());
                }
            }
        }
        return out;
    }

    /** Total number of flows. */
    public synchronized int size() {
        return flowCount;
    }

    private void applyOne(FlowMod mod, long now, List<Change> undo, List<FlowEntry> removed, int[] counts)
            throws FlowModException {
        switch (mod.command()) {
            case ADD:
                add(mod, mod.tableId(), now, undo);
                counts[0]++;
                break;
            case MODIFY:
            case MODIFY_STRICT:
                List<FlowEntry> selected = select(mod);
                if (selected.isEmpty()) {
                    if (mod.cookieMask() == 0) {
                        add(mod, mod.tableId() == FlowMod.ALL_TABLES ? 0 : mod.tableId(), now, undo);
                        counts[0]++;
                    }
                    break;
                }
                for (FlowEntry e : selected) {
                    modify(e, mod, now, undo);
                    counts[1]++;
                }
                break;
            case DELETE:
            case DELETE_STRICT:
                for (FlowEntry e : select(mod)) {
                    remove(e, undo);
                    removed.add(e);
                }
                break;
            default:
                throw new IllegalStateException("unknown command " + mod.command());
        }
    }

    private void add(FlowMod mod, int table, long now, List<Change> undo) throws FlowModException {
        FlowRule rule = mod.toRule(table);
        checkActions(rule);
        Mask mask = Mask.of(rule.match());
        RuleKey key = new RuleKey(rule.match(), rule.priority());
        if (rule.has(FlowFlag.CHECK_OVERLAP)) {
            for (Map<RuleKey, FlowEntry> sub : index.get(table).values()) {
                for (FlowEntry e : sub.values()) {
                    if (e.priority() == rule.priority() && e.match().overlaps(rule.match())) {
                        throw new FlowModException("flow overlaps an existing flow in table " + table
                                + " (OFPFMFC_OVERLAP)");
                    }
                }
            }
        }
        Map<RuleKey, FlowEntry> sub = index.get(table).computeIfAbsent(mask, m -> new LinkedHashMap<>());
        FlowEntry previous = sub.get(key);
        if (previous == null && flowCount >= maxFlows) {
            throw new FlowModException("too many flows (limit " + maxFlows + ", OFPFMFC_TABLE_FULL)");
        }
        put(table, mask, key, new FlowEntry(rule, new FlowStats(counterSlots), now, now), undo);
    }

    private void modify(FlowEntry e, FlowMod mod, long now, List<Change> undo) throws FlowModException {
        FlowRule rule = e.rule().withActions(mod.actions());
        if (mod.newCookie().isPresent()) {
            rule = rule.withCookie(mod.newCookie().getAsLong());
        }
        checkActions(rule);
        FlowStats stats = mod.flags().contains(FlowFlag.RESET_COUNTS) ? new FlowStats(counterSlots) : e.stats();
        Mask mask = Mask.of(e.match());
        put(e.tableId(), mask, new RuleKey(e.match(), e.priority()), new FlowEntry(rule, stats, e.createdNanos(), now),
                undo);
    }

    private void remove(FlowEntry e, List<Change> undo) {
        Mask mask = Mask.of(e.match());
        RuleKey key = new RuleKey(e.match(), e.priority());
        Map<RuleKey, FlowEntry> sub = index.get(e.tableId()).get(mask);
        FlowEntry previous = sub.remove(key);
        if (previous != null) {
            flowCount--;
            undo.add(new Change(e.tableId(), mask, key, previous));
        }
    }

    private void put(int table, Mask mask, RuleKey key, FlowEntry entry, List<Change> undo) {
        Map<RuleKey, FlowEntry> sub = index.get(table).computeIfAbsent(mask, m -> new LinkedHashMap<>());
        FlowEntry previous = sub.put(key, entry);
        if (previous == null) {
            flowCount++;
        }
        undo.add(new Change(table, mask, key, previous));
    }

    private List<FlowEntry> select(FlowMod mod) {
        List<FlowEntry> out = new ArrayList<>();
        for (int t = 0; t < index.size(); t++) {
            if (mod.tableId() != FlowMod.ALL_TABLES && mod.tableId() != t) {
                continue;
            }
            if (mod.command().isStrict()) {
                Map<RuleKey, FlowEntry> sub = index.get(t).get(Mask.of(mod.match()));
                FlowEntry e = sub == null ? null : sub.get(new RuleKey(mod.match(), mod.priority()));
                if (e != null && isSelected(e, mod)) {
                    out.add(e);
                }
                continue;
            }
            for (Map<RuleKey, FlowEntry> sub : index.get(t).values()) {
                for (FlowEntry e : sub.values()) {
                    if (e.match().isAtLeastAsSpecificAs(mod.match()) && isSelected(e, mod)) {
                        out.add(e);
                    }
                }
            }
        }
        return out;
    }

    /** Cookie filter for all commands; the out_port filter only for deletes (Open vSwitch ignores it on modify). */
    private static boolean isSelected(FlowEntry e, FlowMod mod) {
        return mod.cookieSelects(e.rule().cookie())
                && (!mod.command().isDelete() || e.actions().outputsTo(mod.outPort()));
    }

    private static void checkActions(FlowRule rule) throws FlowModException {
        for (Action a : rule.actions().asList()) {
            if (a instanceof Action.GotoTable && ((Action.GotoTable) a).table() <= rule.tableId()) {
                throw new FlowModException("goto_table:" + ((Action.GotoTable) a).table() + " in table "
                        + rule.tableId() + " must go to a later table (OFPBIC_BAD_TABLE_ID)");
            }
        }
    }

    private void rollback(List<Change> undo) {
        for (int i = undo.size() - 1; i >= 0; i--) {
            Change c = undo.get(i);
            Map<RuleKey, FlowEntry> sub = index.get(c.table()).computeIfAbsent(c.mask(), m -> new LinkedHashMap<>());
            FlowEntry now = c.previous() == null ? sub.remove(c.key()) : sub.put(c.key(), c.previous());
            if (now == null && c.previous() != null) {
                flowCount++;
            } else if (now != null && c.previous() == null) {
                flowCount--;
            }
            if (sub.isEmpty()) {
                index.get(c.table()).remove(c.mask());
            }
        }
    }

    /** Rebuilds the subtables the changes touched and publishes; returns the (possibly unchanged) generation. */
    private long publish(List<Change> changes) {
        ClassifierVersion<FlowEntry> cur = classifier.current();
        if (changes.isEmpty()) {
            return cur.generation();
        }
        ClassifierVersion.Builder<FlowEntry> b = cur.toBuilder();
        Set<TableMask> done = new HashSet<>();
        for (Change c : changes) {
            if (done.add(new TableMask(c.table(), c.mask()))) {
                Map<RuleKey, FlowEntry> sub = index.get(c.table()).get(c.mask());
                if (sub == null || sub.isEmpty()) {
                    index.get(c.table()).remove(c.mask());
                    b.replaceSubtable(c.table(), c.mask(), List.of());
                } else {
                    b.replaceSubtable(c.table(), c.mask(), List.copyOf(sub.values()));
                }
            }
        }
        ClassifierVersion<FlowEntry> next = b.build(cur.generation() + 1);
        classifier.publish(next);
        return next.generation();
    }
}

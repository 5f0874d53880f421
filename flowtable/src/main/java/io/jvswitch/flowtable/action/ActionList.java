package io.jvswitch.flowtable.action;

import io.jvswitch.flowtable.OfPort;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An immutable, ordered list of actions; the empty list is "drop".
 *
 * <p>Backed by an array so the datapath can iterate with an index and no iterator allocation.
 */
public final class ActionList {
    /** The empty list: drop the packet. */
    public static final ActionList DROP = new ActionList(new Action[0]);
    /** {@code actions=NORMAL}. */
    public static final ActionList NORMAL = new ActionList(new Action[] {Action.Normal.INSTANCE});

    private final Action[] actions;

    private ActionList(Action[] actions) {
        this.actions = actions;
    }

    /** A list of the given actions, in order. */
    public static ActionList of(Action... actions) {
        return actions.length == 0 ? DROP : new ActionList(check(actions.clone()));
    }

    /** A list of the given actions, in order. */
    public static ActionList of(List<? extends Action> actions) {
        return actions.isEmpty() ? DROP : new ActionList(check(actions.toArray(new Action[0])));
    }

    private static Action[] check(Action[] actions) {
        for (Action a : actions) {
            if (a == null) {
                throw new IllegalArgumentException("null action");
            }
        }
        return actions;
    }

    /** Number of actions. */
    public int size() {
        return actions.length;
    }

    /** Action {@code i}. */
    public Action get(int i) {
        return actions[i];
    }

    /** True for the empty list (drop). */
    public boolean isDrop() {
        return actions.length == 0;
    }

    /** An unmodifiable view. */
    public List<Action> asList() {
        return Collections.unmodifiableList(Arrays.asList(actions));
    }

    /**
     * True when some action outputs to {@code port} (an OpenFlow number, reserved ports included); this is
     * the {@code out_port} filter of flow mods and dump-flows. {@link OfPort#NONE}
     * means "no filter" and is true for every list.
     */
    public boolean outputsTo(int port) {
        if (port == OfPort.NONE) {
            return true;
        }
        for (Action a : actions) {
            if (a.outputPort() == port) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActionList && Arrays.equals(actions, ((ActionList) o).actions);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(actions);
    }

    @Override
    public String toString() {
        return isDrop() ? "drop" : Arrays.toString(actions);
    }
}

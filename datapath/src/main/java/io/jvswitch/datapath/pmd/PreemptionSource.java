package io.jvswitch.datapath.pmd;

/**
 * A running count of the times the calling thread was preempted (taken off its CPU while still
 * runnable because another thread wanted that CPU). The native source is
 * {@link io.jvswitch.datapath.linux.ThreadPreemptions#involuntarySwitches()}; tests pass a fake.
 *
 * <p>Threading: called by the PMD thread only, and counts that thread.
 */
@FunctionalInterface
public interface PreemptionSource {
    /** The calling thread's preemptions so far (never decreasing), or a negative number when unknown. */
    long preemptions();
}

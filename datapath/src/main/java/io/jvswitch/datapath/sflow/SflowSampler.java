package io.jvswitch.datapath.sflow;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The 1-in-N packet sampler of one port: a countdown to the next sampled packet, redrawn at
 * random after each sample so that every packet is sampled with probability 1/N independently of
 * the others (the gaps follow a geometric distribution of mean N, exactly the process Open
 * vSwitch gets from drawing a random number for every packet, but costing a decrement instead).
 *
 * <h2>Threading</h2>
 * {@link #sample()}, {@link #applyPendingRate()} and {@link #countDrop()} are called only by the
 * one thread that forwards the port's packets (a PMD). {@link #setSamplingRate(int)} may be called
 * from any thread: it posts the new rate, which the owner applies in {@link #applyPendingRate()}
 * (call it once per duty cycle: one volatile read) or at the next sample. The counters are
 * volatile-written by the owner and may be read by anyone.
 *
 * <h2>Invariants</h2>
 * {@code samplePool} counts every packet the countdown consumed, so at the moment of a sample it is
 * exactly the number of packets that could have been sampled so far (sFlow's definition); nothing
 * on the per-packet path allocates, locks or throws.
 */
public final class SflowSampler {
    /** Countdown used while sampling is off: far enough away that it is reached only by 2^31 packets. */
    private static final int OFF_COUNTDOWN = Integer.MAX_VALUE;

    private static final AtomicInteger NEXT_ID = new AtomicInteger(1);

    private final int id = NEXT_ID.getAndIncrement();
    private final SplittableRandom random;

    /** Rate requested by the control plane; written by any thread, read by the owner. */
    private volatile int requestedRate;

    // Owner-thread state.
    private int rate;
    private int countdown = OFF_COUNTDOWN;
    private int drawn = OFF_COUNTDOWN;
    private double logOneMinusP;

    // Written by the owner only, read by anyone.
    private volatile long samplePool;
    private volatile long drops;
    private volatile long samples;

    /** A sampler that samples nothing until {@link #setSamplingRate(int)}; {@code seed} seeds its skips. */
    public SflowSampler(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A sampler of 1 in {@code rate} packets (0 = off); {@code seed} seeds its skips. */
    public SflowSampler(int rate, long seed) {
        this(seed);
        setSamplingRate(rate);
        applyPendingRate();
    }

    /**
     * Asks for 1-in-{@code rate} sampling (0 turns sampling off). Thread-safe; takes effect at the
     * owner's next {@link #applyPendingRate()} or sample.
     */
    public void setSamplingRate(int rate) {
        if (rate < 0) {
            throw new IllegalArgumentException("sampling rate " + rate + " must not be negative");
        }
        requestedRate = rate;
    }

    /**
     * Counts one packet and says whether to sample it. The per-packet cost is a decrement and a
     * branch; a new random skip is drawn only after a sample.
     */
    public boolean sample() {
        if (--countdown > 0) {
            return false;
        }
        return onCountdownExpired();
    }

    private boolean onCountdownExpired() {
        if (rate != 0) {
            samplePool += drawn;
        }
        if (requestedRate != rate) {
            // A new rate arrived while this skip was running: the packets counted so far stay in
            // the pool, but this packet is judged by the new rate's draw rather than the old one's.
            switchRate(requestedRate);
            return false;
        }
        if (rate == 0) {
            restart(OFF_COUNTDOWN);
            return false;
        }
        samples++;
        restart(nextSkip());
        return true;
    }

    /**
     * Applies a rate posted by {@link #setSamplingRate(int)}; owner thread, once per duty cycle.
     * A changed rate starts a fresh skip, so the change is live even if the old skip was long.
     */
    public void applyPendingRate() {
        int wanted = requestedRate;
        if (wanted != rate) {
            if (rate != 0) {
                samplePool += drawn - countdown;
            }
            switchRate(wanted);
        }
    }

    private void switchRate(int newRate) {
        rate = newRate;
        logOneMinusP = newRate > 1 ? Math.log1p(-1.0 / newRate) : 0.0;
        restart(newRate == 0 ? OFF_COUNTDOWN : nextSkip());
    }

    private void restart(int skip) {
        drawn = skip;
        countdown = skip;
    }

    /** Draws the number of packets up to and including the next sampled one: geometric, mean {@code rate}. */
    private int nextSkip() {
        if (rate <= 1) {
            return 1;
        }
        // Inverse transform: for U uniform in (0, 1], 1 + floor(ln U / ln(1 - 1/N)) is geometric
        // on {1, 2, ...} with success probability 1/N.
        double u = 1.0 - random.nextDouble();
        double skip = 1.0 + Math.floor(Math.log(u) / logOneMinusP);
        return skip >= OFF_COUNTDOWN ? OFF_COUNTDOWN - 1 : (int) skip;
    }

    /** Counts a sample that could not be handed to the agent (ring full); owner thread. */
    public void countDrop() {
        drops++;
    }

    /** A number no other sampler in this process has; the agent keeps each sampler's counts apart by it. */
    public int id() {
        return id;
    }

    /** The rate in force on the owner thread (0 = off). */
    public int samplingRate() {
        return rate;
    }

    /** Packets that could have been sampled, counted up to the last sample or rate change. */
    public long samplePool() {
        return samplePool;
    }

    /** Samples lost because the hand-off to the agent was full. */
    public long drops() {
        return drops;
    }

    /** Samples taken. */
    public long samples() {
        return samples;
    }
}

package org.cponode.control;

import java.util.Arrays;

/**
 * Runs {@link ControlCore#step} at the control rate on its own platform thread (max priority). With wall time
 * the schedule is absolute in {@link System#nanoTime} (a late step does not shift later ones; after a stall of
 * more than a period the schedule restarts from now instead of bursting), and a {@link PhaseLock} moves the
 * ticks to just after odometry arrivals when the odometry rate is a multiple of the control rate. With sim time a step runs when
 * {@code /clock} reaches the next tick, or after two wall periods without it, so zeros still go out when the
 * simulation stops. Records the period (in wall time, or in simulated time with sim time) and the step's compute
 * time of the last {@link #HISTORY} steps in preallocated arrays for jitter statistics.
 */
public final class ControlLoop implements AutoCloseable {

    /** Zero commands sent when the loop stops: several, since a best-effort bridge may drop one. */
    public static final int STOP_ZEROS = 3;
    private static final System.Logger LOG = System.getLogger("org.cponode.control");

    /**
     * An interval longer than this many periods is an overrun: the loop missed its slot (a step, the JVM or the
     * machine held it up), not jitter within it.
     */
    public static final double OVERRUN_FACTOR = 1.5;

    /** Steps of timing history kept. */
    public static final int HISTORY = 8192;
    /** Where a tick sits after an odometry arrival once locked: room for the transport's hand-over. */
    static final long PHASE_LEAD_NANOS = 300_000L;
    /** Simulated times closer than this are equal (clock messages carry integer nanoseconds). */
    static final double TIME_EPSILON = 1e-6;
    /** Largest phase correction per step: well inside the 2 ms jitter budget. */
    static final long MAX_PHASE_SHIFT_NANOS = 500_000L;

    private final ControlCore core;
    private final NodeClock clock;
    private final double period;
    private final long periodNanos;
    private final Thread thread;
    private final PhaseLock phaseLock;
    private volatile boolean running = true;
    /** Ends a wait for simulated time when the loop is closed (made once: the wait runs every step). */
    private final java.util.function.BooleanSupplier stopping = () -> !running;

    private final long[] intervals = new long[HISTORY];
    private final long[] computes = new long[HISTORY];
    private long recorded;
    /** Scheduled steps whose interval exceeded {@link #OVERRUN_FACTOR} periods, since start. */
    private volatile long overruns;
    private long previousTime;
    private volatile boolean resetRequested;

    /** A loop stepping {@code core} on {@code clock} (sim time if it is a {@link NodeClock.Simulated}); call {@link #start}. */
    public ControlLoop(ControlCore core, NodeClock clock) {
        this.core = core;
        this.clock = clock;
        this.period = core.settings().controlPeriod();
        this.periodNanos = Math.round(period * 1e9);
        this.phaseLock = new PhaseLock(periodNanos, PHASE_LEAD_NANOS, MAX_PHASE_SHIFT_NANOS);
        this.thread = Thread.ofPlatform().name("cpo-control").unstarted(this::run);
        thread.setPriority(Thread.MAX_PRIORITY);
    }

    /** Starts the loop. */
    public void start() {
        thread.start();
    }

    private void run() {
        if (clock instanceof NodeClock.Simulated sim) {
            runOnSimTime(sim);
        } else {
            runOnWallTime();
        }
    }

    private void runOnWallTime() {
        long next = System.nanoTime();
        while (running) {
            tick(true, System.nanoTime());
            next += periodNanos;
            next += phaseLock.shift(next, core.latestOdometryArrivalWall(), core.latestOdometryCount());
            long now = System.nanoTime();
            if (now - next > periodNanos) {
                next = now; // stalled for more than a period: restart the schedule rather than burst
            }
            for (long left = next - System.nanoTime(); left > 0 && running; left = next - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(left);
            }
        }
    }

    private void runOnSimTime(NodeClock.Simulated clock) {
        double next = clock.now() + period; // simulated time of the next scheduled step
        boolean onTime = false;
        while (running) {
            // A step forced by the wall guard is not a control period: it neither advances the schedule nor
            // enters the jitter statistics.
            tick(onTime, Math.round(clock.now() * 1e9));
            double now = clock.now();
            if (onTime) {
                next += period;
            }
            if (now < next - 2 * period || now >= next - TIME_EPSILON) {
                // Sim time jumped back, or the step ran a period late: one step for the missed period, not two
                // back to back (jumps are the supervisor's faults).
                next = now + period;
            }
            onTime = clock.awaitTime(next - TIME_EPSILON, System.nanoTime() + 2 * periodNanos, stopping);
        }
    }

    /**
     * One step; its interval since the previous step enters the statistics only if {@code scheduled}.
     *
     * @param time the step's time on the loop's clock, ns: wall time, or simulated time with sim time (where a
     *     period is a period of simulated time, however fast the simulation runs)
     */
    private void tick(boolean scheduled, long time) {
        if (resetRequested) {
            recorded = 0;
            previousTime = 0;
            resetRequested = false;
        }
        long start = System.nanoTime();
        try {
            core.step();
        } catch (Throwable e) {
            // Errors too (an OutOfMemoryError from the learner's heap, a class that failed to initialise): the
            // loop must outlive them and keep publishing zero, or the base keeps its last command.
            core.stepFailed(e);
        }
        long end = System.nanoTime();
        if (scheduled && previousTime != 0) {
            int slot = (int) (recorded % HISTORY);
            intervals[slot] = time - previousTime;
            if (intervals[slot] > OVERRUN_FACTOR * periodNanos) {
                overruns++;
            }
            computes[slot] = end - start;
            recorded++;
        }
        previousTime = time;
    }

    /**
     * Stops the loop, then publishes zero velocity {@link #STOP_ZEROS} times. Never throws: one failed zero (an
     * Error too) must not cost the others, nor the caller's shutdown of learning and transport.
     *
     * @return the zeros that went out
     */
    public int stopWithZeros() {
        close();
        int sent = 0;
        for (int i = 0; i < STOP_ZEROS; i++) {
            try {
                core.publishZero();
                sent++;
            } catch (Throwable e) {
                LOG.log(System.Logger.Level.ERROR, "zero velocity " + (i + 1) + " of " + STOP_ZEROS
                        + " not published on stop", e);
            }
        }
        if (sent == 0) {
            LOG.log(System.Logger.Level.ERROR, "no zero velocity could be published on stop: the base keeps its"
                    + " last command until its own timeout");
        }
        return sent;
    }

    /** Stops the loop and waits for the current step to finish. */
    @Override
    public void close() {
        running = false;
        java.util.concurrent.locks.LockSupport.unpark(thread);
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the wall-time schedule is locked to the odometry arrivals. */
    public boolean phaseLocked() {
        return phaseLock.locked();
    }

    /** The loop's thread (for allocation measurements). */
    public Thread thread() {
        return thread;
    }

    /**
     * Timing statistics of the recorded steps (racy copy; call rarely).
     *
     * @param steps scheduled steps in the statistics (the last {@code min(recorded, HISTORY)})
     * @param jitterP50 |interval - period| median, ms
     * @param jitterP99 99th percentile, ms
     * @param jitterMax maximum, ms
     * @param periodMean mean interval between steps, ms
     * @param periodMax longest interval, ms
     * @param overruns intervals over {@link #OVERRUN_FACTOR} periods since the loop started (not only in the
     *     history)
     * @param computeMean mean step compute time (sensor checks, policy inference, publish), ms
     * @param computeP50 step compute time median, ms
     * @param computeP99 99th percentile, ms
     * @param rate measured steps per second
     */
    public record Timing(int steps, double jitterP50, double jitterP99, double jitterMax, double periodMean,
            double periodMax, long overruns, double computeMean, double computeP50, double computeP99,
            double rate) {

        /** Before a loop has run. */
        public static final Timing NONE = new Timing(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** Statistics over the recorded history. */
    public Timing timing() {
        int n = (int) Math.min(recorded, HISTORY);
        if (n < 2) {
            return new Timing(n, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, overruns, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN);
        }
        long[] jitter = new long[n];
        long[] compute = Arrays.copyOf(computes, n);
        long sum = 0;
        long max = 0;
        long computeSum = 0;
        for (int i = 0; i < n; i++) {
            long iv = intervals[i];
            sum += iv;
            max = Math.max(max, iv);
            computeSum += compute[i];
            jitter[i] = Math.abs(iv - periodNanos);
        }
        Arrays.sort(jitter);
        Arrays.sort(compute);
        return new Timing(n, ms(quantile(jitter, 0.5)), ms(quantile(jitter, 0.99)), ms(jitter[jitter.length - 1]),
                ms(sum) / n, ms(max), overruns, ms(computeSum) / n, ms(quantile(compute, 0.5)),
                ms(quantile(compute, 0.99)), n / (sum * 1e-9));
    }

    /** Forgets the history (e.g. after warm-up) at the next step. */
    public void resetTiming() {
        resetRequested = true;
    }

    private static long quantile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * (sorted.length - 1) + 0.5))];
    }

    private static double ms(long nanos) {
        return nanos * 1e-6;
    }
}

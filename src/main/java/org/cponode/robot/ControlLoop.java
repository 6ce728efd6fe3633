package org.cponode.robot;

import java.util.Arrays;

/**
 * Runs {@link ControlCore#step} at the control rate on its own platform thread (max priority). With wall time
 * the schedule is absolute in {@link System#nanoTime} (a late step does not shift later ones; after a stall of
 * more than a period the schedule restarts from now instead of bursting). With sim time a step runs when
 * {@code /clock} reaches the next tick, or after two wall periods without it, so zeros still go out when the
 * simulation stops. Records the period and the step's compute time of the last {@link #HISTORY} steps in
 * preallocated arrays for jitter statistics.
 */
public final class ControlLoop implements AutoCloseable {

    /** Steps of timing history kept. */
    public static final int HISTORY = 8192;

    private final ControlCore core;
    private final NodeClock clock;
    private final double period;
    private final long periodNanos;
    private final Thread thread;
    private volatile boolean running = true;

    private final long[] intervals = new long[HISTORY];
    private final long[] computes = new long[HISTORY];
    private long recorded;
    private long previousStart;
    private volatile boolean resetRequested;

    public ControlLoop(ControlCore core, NodeClock clock) {
        this.core = core;
        this.clock = clock;
        this.period = core.parameters().controlPeriod();
        this.periodNanos = Math.round(period * 1e9);
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
            tick();
            next += periodNanos;
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
        double next = clock.now();
        while (running) {
            tick();
            double now = clock.now();
            next += period;
            if (now < next - 2 * period || now > next + period) {
                next = now + period; // sim time jumped or stood still: follow it (the supervisor reports jumps)
            }
            clock.awaitTime(next, System.nanoTime() + 2 * periodNanos);
        }
    }

    private void tick() {
        if (resetRequested) {
            recorded = 0;
            previousStart = 0;
            resetRequested = false;
        }
        long start = System.nanoTime();
        core.step();
        long end = System.nanoTime();
        int slot = (int) (recorded % HISTORY);
        intervals[slot] = previousStart == 0 ? periodNanos : start - previousStart;
        computes[slot] = end - start;
        previousStart = start;
        recorded++;
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

    /** The loop's thread (for allocation measurements). */
    public Thread thread() {
        return thread;
    }

    /**
     * Timing statistics of the recorded steps (racy copy; call rarely).
     *
     * @param steps jitter and compute time over the last {@code min(recorded, HISTORY)} steps
     * @param jitterP50 |interval - period| median, ms
     * @param jitterP99 99th percentile, ms
     * @param jitterMax maximum, ms
     * @param computeP50 step compute time median, ms
     * @param computeP99 99th percentile, ms
     * @param rate measured steps per second
     */
    public record Timing(int steps, double jitterP50, double jitterP99, double jitterMax, double computeP50,
            double computeP99, double rate) {}

    /** Statistics over the recorded history. */
    public Timing timing() {
        int n = (int) Math.min(recorded, HISTORY);
        if (n < 2) {
            return new Timing(n, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] jitter = new long[n - 1];
        long[] compute = Arrays.copyOf(computes, n);
        long sum = 0;
        // Skip the oldest interval: it may span a history wrap.
        long base = recorded - n;
        for (int i = 1; i < n; i++) {
            long iv = intervals[(int) ((base + i) % HISTORY)];
            sum += iv;
            jitter[i - 1] = Math.abs(iv - periodNanos);
        }
        Arrays.sort(jitter);
        Arrays.sort(compute);
        return new Timing(n, ms(quantile(jitter, 0.5)), ms(quantile(jitter, 0.99)), ms(jitter[jitter.length - 1]),
                ms(quantile(compute, 0.5)), ms(quantile(compute, 0.99)), (n - 1) / (sum * 1e-9));
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

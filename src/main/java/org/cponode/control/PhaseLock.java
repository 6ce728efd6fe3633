package org.cponode.control;

/**
 * Moves a fixed-rate loop's ticks to just after odometry arrivals, so a command is computed from odometry that
 * is a fraction of a millisecond old rather than up to one period old, without changing the rate: when the
 * odometry period divides the control period (ratio 1 to 4, within 2 %), each tick's deadline is shifted by at
 * most {@code maxShift} towards {@code lead} after the predicted arrival. Any other odometry rate leaves the
 * schedule alone. Pure and allocation-free; wall time only (with sim time the loop already steps on
 * {@code /clock}, which follows the odometry).
 *
 * <pre>
 *   T_o   = (a_now - a_ref) / (n_now - n_ref)            odometry period from arrival times and counts
 *   k     = round(T / T_o),  locked if 1 <= k <= 4 and |T / T_o - k| < 0.02 k
 *   a*    = a_now + m T_o, the predicted arrival nearest to the nominal deadline d
 *   shift = clamp(a* + lead - d, -maxShift, maxShift)
 * </pre>
 */
final class PhaseLock {

    /** Arrivals needed before the odometry period is trusted. */
    static final int MIN_SAMPLES = 8;
    /** Arrivals after which the reference restarts, so the estimate follows slow rate changes. */
    static final int MAX_SAMPLES = 256;
    static final int MAX_RATIO = 4;
    static final double RATIO_TOLERANCE = 0.02;

    private final long period;
    private final long lead;
    private final long maxShift;
    private long refArrival;
    private long refCount = -1;
    private boolean locked;

    /**
     * @param period control period, ns
     * @param lead where a tick should sit after an arrival, ns
     * @param maxShift largest change of one interval, ns (the jitter this may add)
     */
    PhaseLock(long period, long lead, long maxShift) {
        this.period = period;
        this.lead = lead;
        this.maxShift = maxShift;
    }

    /**
     * The shift of the next deadline.
     *
     * @param deadline nominal next deadline, ns
     * @param arrival wall time of the newest odometry, ns
     * @param count odometry messages received so far (0: none)
     * @return ns to add to the deadline
     */
    long shift(long deadline, long arrival, long count) {
        if (count == 0) {
            return 0;
        }
        if (refCount < 0 || count < refCount || count - refCount > MAX_SAMPLES) {
            refArrival = arrival;
            refCount = count;
            return 0;
        }
        long samples = count - refCount;
        if (samples < MIN_SAMPLES) {
            return 0;
        }
        double odomPeriod = (double) (arrival - refArrival) / samples;
        double ratio = period / odomPeriod;
        long k = Math.round(ratio);
        locked = k >= 1 && k <= MAX_RATIO && Math.abs(ratio - k) < RATIO_TOLERANCE * k;
        if (!locked) {
            return 0;
        }
        long m = Math.round((deadline - arrival) / odomPeriod);
        double error = arrival + m * odomPeriod + lead - deadline;
        return (long) Math.max(-maxShift, Math.min(maxShift, error));
    }

    /** Whether the last call found an odometry rate it can lock to. */
    boolean locked() {
        return locked;
    }
}

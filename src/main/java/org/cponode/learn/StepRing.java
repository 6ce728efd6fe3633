package org.cponode.learn;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Single-producer single-consumer ring of fixed-size step records, from a control loop to a learner thread.
 * Lock-free and allocation-free: the producer copies into preallocated slots and publishes with an ordered
 * store of its sequence number; the consumer does the same with its read position. When the ring is full the
 * producer drops the step (the control loop must never wait) and counts it; the dropped step breaks its path,
 * which the producer expresses by starting a new path id.
 *
 * <p>A record is one control step: raw and normalised observation, sampled action, its log-probability under
 * the policy that acted, the reward and the cost of each constraint observed after it, the policy version, a
 * path id (consecutive steps of one path share it), the episode-window index and the step within that window.
 */
public final class StepRing {

    private final int observationSize;
    private final int actionSize;
    private final int constraints;
    private final int capacity;
    private final int stride;
    private final double[] values;
    private final long[] version;
    private final long[] path;
    private final long[] window;
    private final int[] windowStep;
    /** Next slot the producer writes (count of records ever offered successfully). */
    private final AtomicLong head = new AtomicLong();
    /** Next slot the consumer reads. */
    private final AtomicLong tail = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** The producer's current episode window, so the consumer sees windows end even when no step is recorded. */
    private volatile long currentWindow;

    /**
     * @param constraints cost signals per step, {@code >= 1}
     * @param capacity records held; a power of two is not required
     */
    public StepRing(int observationSize, int actionSize, int constraints, int capacity) {
        if (observationSize < 1 || actionSize < 1 || constraints < 1 || capacity < 2) {
            throw new IllegalArgumentException("step ring needs sizes >= 1 and capacity >= 2");
        }
        this.observationSize = observationSize;
        this.actionSize = actionSize;
        this.constraints = constraints;
        this.capacity = capacity;
        this.stride = 2 * observationSize + actionSize + 2 + constraints;
        this.values = new double[capacity * stride];
        this.version = new long[capacity];
        this.path = new long[capacity];
        this.window = new long[capacity];
        this.windowStep = new int[capacity];
    }

    /** Observation length of a record. */
    public int observationSize() {
        return observationSize;
    }

    /** Action length of a record. */
    public int actionSize() {
        return actionSize;
    }

    /** Cost signals per record. */
    public int constraints() {
        return constraints;
    }

    /**
     * Producer: appends one step, or drops it when the ring is full. Allocates nothing.
     *
     * @param costs the step's cost of each constraint, {@link #constraints()} values. Not modified.
     * @return false if dropped
     */
    public boolean offer(double[] rawObservation, double[] normalizedObservation, double[] action, double logProb,
            double reward, double[] costs, long policyVersion, long pathId, long windowIndex, int stepInWindow) {
        long h = head.get();
        if (h - tail.get() >= capacity) {
            dropped.incrementAndGet();
            return false;
        }
        int slot = (int) (h % capacity);
        int o = slot * stride;
        System.arraycopy(rawObservation, 0, values, o, observationSize);
        System.arraycopy(normalizedObservation, 0, values, o + observationSize, observationSize);
        System.arraycopy(action, 0, values, o + 2 * observationSize, actionSize);
        int s = o + 2 * observationSize + actionSize;
        values[s] = logProb;
        values[s + 1] = reward;
        System.arraycopy(costs, 0, values, s + 2, constraints);
        version[slot] = policyVersion;
        path[slot] = pathId;
        window[slot] = windowIndex;
        windowStep[slot] = stepInWindow;
        head.lazySet(h + 1);
        return true;
    }

    /** Producer: the episode window the control loop is in now. */
    public void markWindow(long windowIndex) {
        currentWindow = windowIndex;
    }

    /** The producer's current episode window. */
    public long currentWindow() {
        return currentWindow;
    }

    /** Steps dropped because the ring was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Records waiting for the consumer. */
    public int available() {
        return (int) (head.get() - tail.get());
    }

    /** Consumer: what one record holds, filled by {@link #poll}. */
    public static final class Step {
        public final double[] rawObservation;
        public final double[] normalizedObservation;
        public final double[] action;
        public double logProb;
        public double reward;
        /** The cost of each constraint. */
        public final double[] costs;
        public long policyVersion;
        public long pathId;
        public long windowIndex;
        /** Steps since the step's episode window began. */
        public int stepInWindow;

        public Step(int observationSize, int actionSize, int constraints) {
            rawObservation = new double[observationSize];
            normalizedObservation = new double[observationSize];
            action = new double[actionSize];
            costs = new double[constraints];
        }
    }

    /**
     * Consumer: takes the oldest record into {@code out}.
     *
     * @return false if the ring is empty
     */
    public boolean poll(Step out) {
        long t = tail.get();
        if (t == head.get()) {
            return false;
        }
        int slot = (int) (t % capacity);
        int o = slot * stride;
        System.arraycopy(values, o, out.rawObservation, 0, observationSize);
        System.arraycopy(values, o + observationSize, out.normalizedObservation, 0, observationSize);
        System.arraycopy(values, o + 2 * observationSize, out.action, 0, actionSize);
        int s = o + 2 * observationSize + actionSize;
        out.logProb = values[s];
        out.reward = values[s + 1];
        System.arraycopy(values, s + 2, out.costs, 0, constraints);
        out.policyVersion = version[slot];
        out.pathId = path[slot];
        out.windowIndex = window[slot];
        out.stepInWindow = windowStep[slot];
        tail.lazySet(t + 1);
        return true;
    }
}

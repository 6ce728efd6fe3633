package org.cponode.control;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The newest sensor data, handed from the transport thread to the control thread without locks or allocation:
 * odometry through a sequence lock (the writer makes the sequence odd while writing; a reader retries when it
 * saw an odd or changed sequence), the other inputs as single volatile fields. Arrival times are taken on the
 * node clock and the wall clock when a message arrives, so ages do not depend on the sender's clock.
 */
public final class SensorInputs implements SensorSink {

    private final NodeClock clock;
    private final NodeClock.Simulated simClock;

    private final AtomicLong sequence = new AtomicLong();
    private double stamp;
    private double x;
    private double y;
    private double qx;
    private double qy;
    private double qz;
    private double qw;
    private double linear;
    private double angular;
    private double arrival;
    private long arrivalWall;
    private long count;

    /** The robot's own cost measurements ({@link #stepCosts}), the first {@link #measuredCosts} of them valid. */
    private final double[] stepCosts = new double[org.cponode.sim.StepOutcome.MAX_CONSTRAINTS];
    private volatile int measuredCosts;
    /** Rays a scan may have; a longer scan counts as unusable. */
    public static final int MAX_SCAN_RAYS = 8192;

    private final AtomicLong scanSequence = new AtomicLong();
    private final float[] scanRanges = new float[MAX_SCAN_RAYS];
    private int scanRays;
    private double scanAngleMin;
    private double scanAngleIncrement;
    private double scanRangeMin;
    private double scanRangeMax;
    private volatile double scanArrival = Double.NaN;
    private volatile long scanArrivalWall;
    private volatile boolean scanValid;
    private volatile double imuArrival = Double.NaN;
    private volatile long imuArrivalWall;
    private volatile boolean imuValid;
    private volatile boolean estopLatched;
    private volatile long estopMessages;

    /**
     * @param clock node clock for arrival times; if it is a {@link NodeClock.Simulated}, {@link #clock(double)}
     *     messages drive it
     */
    public SensorInputs(NodeClock clock) {
        this.clock = clock;
        this.simClock = clock instanceof NodeClock.Simulated s ? s : null;
    }

    @Override
    public void odometry(double stamp, double x, double y, double qx, double qy, double qz, double qw, double linear,
            double angular) {
        double now = clock.now();
        long wall = clock.wallNanos();
        long s = sequence.get();
        sequence.set(s + 1); // odd: writing
        java.lang.invoke.VarHandle.storeStoreFence();
        this.stamp = stamp;
        this.x = x;
        this.y = y;
        this.qx = qx;
        this.qy = qy;
        this.qz = qz;
        this.qw = qw;
        this.linear = linear;
        this.angular = angular;
        this.arrival = now;
        this.arrivalWall = wall;
        this.count++;
        sequence.set(s + 2); // volatile write publishes the fields
    }

    /** A consistent copy of the newest odometry, owned by one reader. */
    public static final class Odometry {
        public double stamp;
        public double x;
        public double y;
        public double qx;
        public double qy;
        public double qz;
        public double qw;
        public double linear;
        public double angular;
        /** Node time of arrival, s. */
        public double arrival;
        /** Wall time of arrival, ns. */
        public long arrivalWall;
        /** Messages received so far; 0 means none. */
        public long count;

        /** Yaw from the quaternion, rad (planar robots: rotation about z). */
        public double yaw() {
            return Math.atan2(2.0 * (qw * qz + qx * qy), 1.0 - 2.0 * (qy * qy + qz * qz));
        }
    }

    /** Copies the newest odometry into {@code out}; allocation-free, retries while a write is in progress. */
    public void readOdometry(Odometry out) {
        while (true) {
            long s = sequence.get();
            if ((s & 1) == 0) {
                out.stamp = stamp;
                out.x = x;
                out.y = y;
                out.qx = qx;
                out.qy = qy;
                out.qz = qz;
                out.qw = qw;
                out.linear = linear;
                out.angular = angular;
                out.arrival = arrival;
                out.arrivalWall = arrivalWall;
                out.count = count;
                java.lang.invoke.VarHandle.loadLoadFence();
                if (sequence.get() == s) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException for more costs than a task can have constraints
     */
    @Override
    public void stepCosts(double[] costs) {
        if (costs == null) {
            measuredCosts = 0;
            return;
        }
        if (costs.length > stepCosts.length) {
            throw new IllegalArgumentException("a robot measures at most " + stepCosts.length + " costs, got "
                    + costs.length);
        }
        System.arraycopy(costs, 0, stepCosts, 0, costs.length);
        measuredCosts = costs.length;
    }

    /**
     * The robot's own measurement of constraint {@code i}'s cost over the last period, NaN when it has none
     * ({@link #stepCosts}).
     */
    public double measuredStepCost(int i) {
        return i < measuredCosts ? stepCosts[i] : Double.NaN;
    }

    @Override
    public void scan(double stamp, boolean valid, double angleMin, double angleIncrement, double rangeMin,
            double rangeMax, float[] ranges) {
        boolean usable = valid && ranges.length <= MAX_SCAN_RAYS;
        long s = scanSequence.get();
        scanSequence.set(s + 1); // odd: writing
        java.lang.invoke.VarHandle.storeStoreFence();
        scanRays = usable ? ranges.length : 0;
        if (usable) {
            System.arraycopy(ranges, 0, scanRanges, 0, ranges.length);
        }
        scanAngleMin = angleMin;
        scanAngleIncrement = angleIncrement;
        scanRangeMin = rangeMin;
        scanRangeMax = rangeMax;
        scanSequence.set(s + 2);
        scanValid = usable;
        scanArrivalWall = clock.wallNanos();
        scanArrival = clock.now();
    }

    /**
     * The nearest obstacle the newest scan shows within {@code halfAngle} of {@code direction} (rad, 0 = forward):
     * the smallest reading in [range_min, range_max] of the rays in that sector, 0 for a -inf reading (REP 117:
     * an object too close to measure, which must stop a robot rather than be ignored), +inf when none hits
     * anything, NaN before a usable scan. Other readings outside the range (a driver's 0 for "no return") are no
     * obstacle. Allocation-free; retries while a scan is being written.
     */
    public double nearestObstacle(double direction, double halfAngle) {
        while (true) {
            long s = scanSequence.get();
            if ((s & 1) == 0) {
                double nearest = scanRays == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
                for (int i = 0; i < scanRays; i++) {
                    double off = Math.IEEEremainder(scanAngleMin + i * scanAngleIncrement - direction, 2 * Math.PI);
                    boolean tooClose = scanRanges[i] == Float.NEGATIVE_INFINITY;
                    double r = tooClose ? 0 : scanRanges[i];
                    boolean measured = tooClose || (r >= scanRangeMin && r <= scanRangeMax);
                    if (Math.abs(off) <= halfAngle && measured && r < nearest) {
                        nearest = r;
                    }
                }
                java.lang.invoke.VarHandle.loadLoadFence();
                if (scanSequence.get() == s) {
                    return nearest;
                }
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public void imu(double stamp, boolean valid) {
        imuValid = valid;
        imuArrivalWall = clock.wallNanos();
        imuArrival = clock.now();
    }

    @Override
    public void clock(double simulatedTime) {
        if (simClock != null) {
            simClock.set(simulatedTime);
        }
    }

    @Override
    public void estop(boolean stop) {
        estopLatched = stop;
        estopMessages++;
    }

    /** Node time of the newest scan, or NaN if none. */
    public double scanArrival() {
        return scanArrival;
    }

    /** Wall time of the newest scan, ns. */
    public long scanArrivalWall() {
        return scanArrivalWall;
    }

    /** Whether the newest scan was usable. */
    public boolean scanValid() {
        return scanValid;
    }

    /** Node time of the newest IMU message, or NaN if none. */
    public double imuArrival() {
        return imuArrival;
    }

    /** Wall time of the newest IMU message, ns. */
    public long imuArrivalWall() {
        return imuArrivalWall;
    }

    /** Whether the newest IMU message was usable. */
    public boolean imuValid() {
        return imuValid;
    }

    /** The e-stop topic's latch: set by true, cleared only by an explicit false. */
    public boolean estopLatched() {
        return estopLatched;
    }

    /** E-stop messages received. */
    public long estopMessages() {
        return estopMessages;
    }
}

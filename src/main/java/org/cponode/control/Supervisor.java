package org.cponode.control;


/**
 * The safety checks of one control step, always on: odometry present, fresh (by node time and by wall time,
 * so a stopped {@code /clock} cannot hide stale data; and with a stamp that moves, so a driver re-sending one
 * frozen message is not taken for a live one), finite and physically plausible; no time jump since the
 * last step or in the odometry stamps; {@code /clock} alive with sim time; scan and IMU healthy when used. A
 * time jump is latched until an odometry message arrives after it; every other fault clears as soon as the data
 * is healthy again. Allocation-free; used by the control thread only.
 */
public final class Supervisor {

    /** Speeds above these are not a small ground robot's: the driver or the odometry is broken. */
    static final double MAX_PLAUSIBLE_LINEAR = 10.0;
    static final double MAX_PLAUSIBLE_ANGULAR = 20.0;
    /** Positions beyond 10 km from the odometry origin mean a broken estimator. */
    static final double MAX_PLAUSIBLE_POSITION = 1e4;
    /** Metres a pose may move between two messages beyond what {@link #MAX_PLAUSIBLE_LINEAR} explains (noise). */
    static final double JUMP_SLACK = 0.1;
    /** A unit quaternion's norm, allowing for float32 drivers and filter drift. */
    static final double QUATERNION_NORM_TOLERANCE = 0.1;

    private final NodeClock clock;
    private final double timeout;
    private final long timeoutNanos;
    private final double period;
    private final boolean useScan;
    private final boolean useImu;

    private double previousNow = Double.NaN;
    private double previousStamp = Double.NaN;
    private long previousCount;
    /** Node and wall arrival time of the last message whose stamp moved forward (or the first after a jump). */
    private double stampMovedAt = Double.NaN;
    private long stampMovedWall;
    /** Odometry count at the last time jump; the latch clears when a newer message arrives. */
    private long jumpCount = -1;
    /** The previous message read (its pose and times), for the pose-jump check; NaN x before one. */
    private double previousX = Double.NaN;
    private double previousY;
    private double previousArrival;
    /** The newest message read moved further from its predecessor than a robot can. */
    private boolean poseJumped;
    /** The start-up grace in wall ns: discovery and history delivery run on the wall clock, whatever the node's. */
    private final long startupGraceNanos;
    /** Wall time of the first check. */
    private long firstCheckWall;
    private boolean checked;

    /** Checks with {@code p}'s timeout, control period and scan/IMU use, on {@code clock}. */
    public Supervisor(NodeClock clock, ControlSettings p) {
        this.clock = clock;
        this.timeout = p.sensorTimeout();
        this.timeoutNanos = (long) (p.sensorTimeout() * 1e9);
        this.period = p.controlPeriod();
        this.useScan = p.useScan();
        this.useImu = p.useImu();
        this.startupGraceNanos = Math.round(p.startupGrace() * 1e9);
    }

    /** The robot was moved by someone else: its next pose is not compared with the last one. */
    public void relocated() {
        previousX = Double.NaN;
        poseJumped = false;
    }

    /**
     * The faults at this step.
     *
     * @param odom the newest odometry. Not modified.
     * @param inputs scan and IMU state. Not modified.
     * @param now node time of this step, s
     * @param wallNow wall time of this step, ns
     * @return fault mask, 0 when healthy
     */
    public int check(SensorInputs.Odometry odom, SensorInputs inputs, double now, long wallNow) {
        int faults = 0;
        if (!checked) {
            checked = true;
            firstCheckWall = wallNow;
        }
        if (wallNow - firstCheckWall < startupGraceNanos) {
            faults |= Fault.STARTING.bit();
        }
        if (clock.silentNanos(wallNow) > timeoutNanos) {
            faults |= Fault.CLOCK_SILENT.bit();
        }
        // Node time going back, or leaping ahead by more than the timeout between two steps, is a jump.
        if (!Double.isNaN(previousNow) && (now < previousNow || now - previousNow > period + timeout)) {
            jumpCount = odom.count;
            previousStamp = Double.NaN; // stamps after the jump are not compared with those before it
        }
        previousNow = now;
        if (odom.count == 0) {
            return faults | Fault.NO_ODOMETRY.bit() | (jumpCount >= 0 ? Fault.TIME_JUMP.bit() : 0);
        }
        if (odom.count != previousCount) {
            if (!Double.isNaN(previousStamp) && odom.stamp < previousStamp) {
                jumpCount = odom.count; // the sender's clock went back (sim reset, robot clock reset)
            }
            if (Double.isNaN(previousStamp) || odom.stamp != previousStamp) {
                stampMovedAt = odom.arrival;
                stampMovedWall = odom.arrivalWall;
            }
            previousStamp = odom.stamp;
            previousCount = odom.count;
            checkJump(odom);
        }
        if (jumpCount >= 0) {
            if (odom.count > jumpCount) {
                jumpCount = -1;
            } else {
                faults |= Fault.TIME_JUMP.bit();
            }
        }
        if (now - odom.arrival > timeout || now < odom.arrival || wallNow - odom.arrivalWall > timeoutNanos) {
            faults |= Fault.ODOMETRY_STALE.bit();
        } else if (now - stampMovedAt > timeout || wallNow - stampMovedWall > timeoutNanos) {
            faults |= Fault.ODOMETRY_FROZEN.bit();
        }
        if (!finite(odom)) {
            faults |= Fault.ODOMETRY_NOT_FINITE.bit();
        } else if (!plausible(odom)) {
            faults |= Fault.ODOMETRY_OUT_OF_RANGE.bit();
        } else if (poseJumped) {
            faults |= Fault.ODOMETRY_JUMP.bit();
        }
        if (useScan && !healthy(inputs.scanArrival(), inputs.scanArrivalWall(), inputs.scanValid(), now, wallNow)) {
            faults |= Fault.SCAN_UNHEALTHY.bit();
        }
        if (useImu && !healthy(inputs.imuArrival(), inputs.imuArrivalWall(), inputs.imuValid(), now, wallNow)) {
            faults |= Fault.IMU_UNHEALTHY.bit();
        }
        return faults;
    }

    /** Compares a new message's pose with the previous one's: at most the fastest robot's way, plus noise. */
    private void checkJump(SensorInputs.Odometry odom) {
        if (!Double.isFinite(odom.x) || !Double.isFinite(odom.y)) {
            previousX = Double.NaN; // the finiteness check faults it; the next finite pose starts afresh
            return;
        }
        if (!Double.isNaN(previousX)) {
            double dt = Math.max(0, odom.arrival - previousArrival);
            poseJumped = Math.hypot(odom.x - previousX, odom.y - previousY) > MAX_PLAUSIBLE_LINEAR * dt + JUMP_SLACK;
        }
        previousX = odom.x;
        previousY = odom.y;
        previousArrival = odom.arrival;
    }

    private boolean healthy(double arrival, long arrivalWall, boolean valid, double now, long wallNow) {
        return valid && !Double.isNaN(arrival) && now - arrival <= timeout && now >= arrival
                && wallNow - arrivalWall <= timeoutNanos;
    }

    private static boolean finite(SensorInputs.Odometry o) {
        return Double.isFinite(o.x) && Double.isFinite(o.y) && Double.isFinite(o.qx) && Double.isFinite(o.qy)
                && Double.isFinite(o.qz) && Double.isFinite(o.qw) && Double.isFinite(o.linear)
                && Double.isFinite(o.angular) && Double.isFinite(o.stamp);
    }

    private static boolean plausible(SensorInputs.Odometry o) {
        double norm = Math.sqrt(o.qx * o.qx + o.qy * o.qy + o.qz * o.qz + o.qw * o.qw);
        return Math.abs(norm - 1.0) <= QUATERNION_NORM_TOLERANCE && Math.abs(o.linear) <= MAX_PLAUSIBLE_LINEAR
                && Math.abs(o.angular) <= MAX_PLAUSIBLE_ANGULAR && Math.abs(o.x) <= MAX_PLAUSIBLE_POSITION
                && Math.abs(o.y) <= MAX_PLAUSIBLE_POSITION;
    }
}

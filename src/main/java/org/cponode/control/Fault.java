package org.cponode.control;

import java.util.ArrayList;
import java.util.List;

/** Reasons the supervisor stops the robot; a set of them is an {@code int} bit mask (no allocation per step). */
public enum Fault {
    /** No odometry received yet. */
    NO_ODOMETRY("no odometry yet"),
    /** Newest odometry older than sensor_timeout (node time or wall time). */
    ODOMETRY_STALE("odometry stale"),
    /** Odometry has a NaN or infinite field. */
    ODOMETRY_NOT_FINITE("odometry has NaN/Inf"),
    /** Odometry outside what a ground robot can read: non-unit quaternion, absurd speed or position. */
    ODOMETRY_OUT_OF_RANGE("odometry out of range"),
    /** The node clock or the odometry stamps jumped; latched until odometry arrives after the jump. */
    TIME_JUMP("time jump"),
    /** use_sim_time and /clock not started, or silent longer than sensor_timeout. */
    CLOCK_SILENT("/clock silent"),
    /** use_scan and the scan is missing, stale or invalid. */
    SCAN_UNHEALTHY("scan missing, stale or invalid"),
    /** use_imu and the IMU is missing, stale or invalid. */
    IMU_UNHEALTHY("IMU missing, stale or invalid"),
    /** The policy produced a NaN or infinite action (the step publishes zero instead). */
    POLICY_NOT_FINITE("policy output NaN/Inf"),
    /** A control step threw (a bug, or an Error); the loop publishes zero, retrying each step, and keeps running. */
    STEP_FAILED("control step failed"),
    /**
     * Odometry keeps arriving but its stamp has not moved for sensor_timeout: a driver re-sending one frozen
     * message (or one that leaves stamps at zero), not live data.
     */
    ODOMETRY_FROZEN("odometry stamp not moving"),
    /**
     * The odometry pose moved further since the previous message than a ground robot can: more than
     * {@code 10 m/s} times the time between them plus {@code 0.1 m}; until a message consistent with its
     * predecessor arrives.
     */
    ODOMETRY_JUMP("odometry pose jumped"),
    /**
     * The start-up grace: the first {@code startup_grace} seconds after the node starts driving, zero velocity
     * while the e-stop reader matches its publishers and receives what a latched one holds.
     */
    STARTING("start-up grace (waiting for a latched e-stop)");

    private final String text;

    Fault(String text) {
        this.text = text;
    }

    /** The bit of this fault in a mask. */
    public int bit() {
        return 1 << ordinal();
    }

    /** Human-readable text. */
    public String text() {
        return text;
    }

    /** The faults in a mask. */
    public static List<Fault> of(int mask) {
        List<Fault> out = new ArrayList<>();
        for (Fault f : values()) {
            if ((mask & f.bit()) != 0) {
                out.add(f);
            }
        }
        return out;
    }

    /** "odometry stale, time jump" for a mask, "none" for 0. */
    public static String describe(int mask) {
        List<Fault> faults = of(mask);
        return faults.isEmpty() ? "none" : String.join(", ", faults.stream().map(Fault::text).toList());
    }
}

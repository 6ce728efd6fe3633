package org.cponode.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cponode.control.ControlLoop;
import org.cponode.control.Fallback;
import org.cponode.control.Fault;
import org.cponode.control.Mode;
import org.cponode.control.NodeStatus;
import org.cponode.learn.OnlineLearner;
import org.cponode.ros.DropCount;

/**
 * The node's state at one moment, typed: what {@code /diagnostics} and the fleet link both report, each mapping
 * it field by field ({@link #diagnostics}; the fleet bridge's telemetry).
 *
 * @param name the node's name, {@code hardwareId} its fully qualified name
 * @param mode who drove at the last step
 * @param faults the supervisor's fault mask
 * @param estop which e-stop is latched
 * @param constraints each constraint's window cost against its budget, in the task's order
 * @param windowElapsed time the current window has run, s
 * @param lastWindowReward reward of the last finished window (NaN before the first)
 * @param windowSeconds length of an episode window, s
 * @param fallback what drives once a budget is spent
 * @param fallbackWindows windows the supervisor took over
 * @param policyVersion version of the published policy
 * @param actingVersion version that drove the last step, -1 if none did
 * @param lastSafeVersion newest version measured within every limit, -1 if none
 * @param targetRate configured control rate, Hz
 * @param timing the control loop's measured period and compute statistics
 * @param odomAge age of the odometry the last step used, s
 * @param odomRate odometry messages per second between the last two reports
 * @param scanAge age of the newest scan, s (NaN when the scan is not used)
 * @param imuAge age of the newest IMU message, s (NaN when the IMU is not used)
 * @param learner the online learner's state, or null when learning is off
 * @param cmdLinear forward speed of the last command, m/s
 * @param cmdAngular yaw rate of the last command, rad/s
 * @param obstacleDistance nearest obstacle in the direction of travel at the last check, m (NaN without zones)
 * @param zoneFactor fraction of its command the range zones let through at the last step (1: none held it)
 * @param zoneInterventions steps the range zones stopped or slowed
 * @param sampleDrops input samples dropped since start, per topic and reason (non-zero counts; empty off DDS)
 */
public record NodeSnapshot(String name, String hardwareId, Mode mode, int faults, Estop estop,
        List<Constraint> constraints, double windowElapsed, double lastWindowReward, double windowSeconds,
        Fallback fallback, long fallbackWindows, long policyVersion, long actingVersion, long lastSafeVersion, double targetRate,
        ControlLoop.Timing timing, double odomAge, double odomRate, double scanAge, double imuAge, Learning learner,
        double cmdLinear, double cmdAngular, double obstacleDistance, double zoneFactor, long zoneInterventions,
        List<DropCount> sampleDrops) {

    /** Copies the constraints and drop counts. */
    public NodeSnapshot {
        constraints = List.copyOf(constraints);
        sampleDrops = List.copyOf(sampleDrops);
    }

    /**
     * One constraint's account in the current episode window.
     *
     * @param name the constraint's name (the task's)
     * @param windowCost cost spent so far in the current window
     * @param limit the window's budget in force
     * @param lastWindowCost cost of the last finished window (NaN before the first)
     */
    public record Constraint(String name, double windowCost, double limit, double lastWindowCost) {}

    /** Which e-stop holds the robot. */
    public enum Estop {
        RELEASED, TOPIC, FLEET;

        /** The diagnostics value. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The online learner's state.
     *
     * @param updates updates finished since start
     * @param droppedSteps control steps the learner's ring had no room for
     * @param lastEvent the last update's or failure's line, empty before the first
     * @param lastUpdate the last update, null before the first
     */
    public record Learning(OnlineLearner.State state, long updates, long droppedSteps, String lastEvent,
            OnlineLearner.Update lastUpdate) {}

    /** The {@code diagnostic_msgs/DiagnosticStatus} report: level, one-line message and ordered key/values. */
    public NodeStatus diagnostics() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("mode", mode.name().toLowerCase(Locale.ROOT));
        v.put("faults", Fault.describe(faults));
        v.put("control_rate_hz", fmt(timing.rate()));
        v.put("control_rate_target_hz", fmt(targetRate));
        v.put("period_mean_ms", fmt(timing.periodMean()));
        v.put("period_max_ms", fmt(timing.periodMax()));
        v.put("overruns", Long.toString(timing.overruns()));
        v.put("jitter_p99_ms", fmt(timing.jitterP99()));
        v.put("step_compute_mean_ms", fmt(timing.computeMean()));
        v.put("step_compute_p99_ms", fmt(timing.computeP99()));
        v.put("odom_age_s", fmt(odomAge));
        v.put("odom_rate_hz", fmt(odomRate));
        if (!Double.isNaN(scanAge)) {
            v.put("scan_age_s", fmt(scanAge));
        }
        if (!Double.isNaN(imuAge)) {
            v.put("imu_age_s", fmt(imuAge));
        }
        v.put("dropped_samples", Long.toString(sampleDrops.stream().mapToLong(DropCount::count).sum()));
        for (DropCount d : sampleDrops) {
            v.put("dropped_samples " + d.topic() + " " + d.reason().id(), Long.toString(d.count()));
        }
        v.put("estop", estop.id());
        for (Constraint c : constraints) {
            v.put("window_cost." + c.name(), fmt(c.windowCost()));
            v.put("cost_limit." + c.name(), fmt(c.limit()));
            v.put("last_window_cost." + c.name(), fmt(c.lastWindowCost()));
        }
        v.put("last_window_reward", fmt(lastWindowReward));
        v.put("fallback", fallback.id());
        v.put("fallback_windows", Long.toString(fallbackWindows));
        v.put("policy_version", Long.toString(policyVersion));
        v.put("acting_version", Long.toString(actingVersion));
        v.put("last_safe_version", lastSafeVersion < 0 ? "none" : Long.toString(lastSafeVersion));
        v.put("learner", learner == null ? "off" : learner.state().name().toLowerCase(Locale.ROOT));
        if (learner != null) {
            v.put("updates", Long.toString(learner.updates()));
            v.put("dropped_steps", Long.toString(learner.droppedSteps()));
            v.put("learner_event", learner.lastEvent());
        }
        if (!Double.isNaN(obstacleDistance)) {
            v.put("obstacle_distance_m", fmt(obstacleDistance));
            v.put("zone", zoneFactor == 0 ? "stop" : zoneFactor < 1 ? "slow" : "clear");
            v.put("zone_interventions", Long.toString(zoneInterventions));
        }
        v.put("cmd_linear", fmt(cmdLinear));
        v.put("cmd_angular", fmt(cmdAngular));
        boolean learnerFailed = learner != null && learner.state() == OnlineLearner.State.FAILED;
        byte level = learnerFailed ? NodeStatus.ERROR : switch (mode) {
            case RUNNING -> NodeStatus.OK;
            case FALLBACK_LAST_SAFE, FALLBACK_STOP, FALLBACK_RETURN, ZONE_STOP -> NodeStatus.WARN;
            case FAULT, ESTOP, STOPPED -> NodeStatus.ERROR;
        };
        String message = learnerFailed ? learner.lastEvent() : switch (mode) {
            case RUNNING -> "policy v" + actingVersion + " driving";
            case FALLBACK_STOP -> "cost budget spent (or back in the safe area): stopped for the rest of the window";
            case FALLBACK_RETURN -> "cost budget nearly spent: driving back into the safe area";
            case FALLBACK_LAST_SAFE -> "cost budget spent: last safe policy v" + actingVersion + " driving";
            case ZONE_STOP -> String.format(Locale.ROOT, "obstacle %.2f m away in the stop zone: stopped",
                    obstacleDistance);
            case FAULT -> "stopped: " + Fault.describe(faults);
            case ESTOP -> "e-stop latched";
            case STOPPED -> "shut down";
        };
        return new NodeStatus(name + ": control", hardwareId, level, message, v);
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%.4g", d);
    }
}

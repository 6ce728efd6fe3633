package org.cponode.control;

import java.util.List;
import java.util.Objects;
import org.cponode.sim.TaskSpec;
import org.cponode.task.CircleGeometry;
import org.cponode.task.SafeArea;

/**
 * Everything the control core needs to know about the robot and its task, validated once by whoever configures
 * it (the node from its parameters, the transfer trial from its options).
 *
 * @param controlRate control steps per second, > 0
 * @param windowSteps control steps per episode window (the cost budgets' period), >= 1
 * @param constraints the task's constraints in its order, each with the cost allowed per window (its budget);
 *     each one a cost {@link ConstraintCosts} measures
 * @param fallback what drives once a window's budget is spent
 * @param charge what a path the supervisor cuts short is charged
 * @param maxLinearVelocity m/s
 * @param maxAngularVelocity rad/s
 * @param maxLinearAcceleration m/s^2
 * @param maxAngularAcceleration rad/s^2
 * @param sensorTimeout s without a sensor message before a stop
 * @param startupGrace s of zero velocity from the first step, while a latched e-stop reaches the node
 * @param useScan watch the scan's age and validity
 * @param useImu watch the IMU's age and validity
 * @param taskOriginX m, task origin in the odometry frame
 * @param taskOriginY m
 * @param geometry the task's circle and corridor
 * @param safeArea where the robot may be without cost
 * @param returnMarginSteps fallback "return": control steps added to the estimated way back
 * @param returnInset fallback "return": how far inside the safe area the robot stops, m
 * @param seed seed of exploration
 * @param zone the range sensor's stop and slow-down zones ({@link RangeZone#OFF} for none)
 */
public record ControlSettings(double controlRate, int windowSteps, List<TaskSpec.Constraint> constraints,
        Fallback fallback,
        InterventionCharge charge, double maxLinearVelocity, double maxAngularVelocity, double maxLinearAcceleration,
        double maxAngularAcceleration, double sensorTimeout, double startupGrace, boolean useScan, boolean useImu,
        double taskOriginX, double taskOriginY, CircleGeometry geometry, SafeArea safeArea, int returnMarginSteps,
        double returnInset, long seed, RangeZone zone) {

    public ControlSettings {
        if (!(controlRate > 0) || !Double.isFinite(controlRate) || windowSteps < 1) {
            throw new IllegalArgumentException("need a control rate > 0 and window steps >= 1, got " + controlRate
                    + " Hz and " + windowSteps);
        }
        constraints = List.copyOf(constraints);
        if (constraints.isEmpty()) {
            throw new IllegalArgumentException("the control core needs at least one constraint");
        }
        Objects.requireNonNull(fallback, "fallback");
        List<String> names = constraints.stream().map(TaskSpec.Constraint::name).toList();
        ConstraintCosts.requireMeasurable(names);
        if (fallback == Fallback.RETURN && !names.contains(ConstraintCosts.OUTSIDE)) {
            throw new IllegalArgumentException("the \"return\" fallback drives back into the safe area, and the task's"
                    + " constraints " + names + " have no '" + ConstraintCosts.OUTSIDE + "' cost to return from");
        }
        Objects.requireNonNull(charge, "charge");
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(safeArea, "safeArea");
        Objects.requireNonNull(zone, "zone");
        if (!(sensorTimeout > 0) || !(startupGrace >= 0) || returnMarginSteps < 0 || !(returnInset >= 0)) {
            throw new IllegalArgumentException("need a sensor timeout > 0, a start-up grace, return margin and inset"
                    + " >= 0");
        }
    }

    /** Every constraint's budget per window, in the task's order (a fresh array). */
    public double[] costLimits() {
        return constraints.stream().mapToDouble(TaskSpec.Constraint::limit).toArray();
    }

    /** The constraints' names, in the task's order. */
    public List<String> constraintNames() {
        return constraints.stream().map(TaskSpec.Constraint::name).toList();
    }

    /** Control period, s. */
    public double controlPeriod() {
        return 1.0 / controlRate;
    }
}

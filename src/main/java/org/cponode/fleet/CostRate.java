package org.cponode.fleet;

import java.util.List;

/**
 * Each constraint's cost in the running episode window against its limit (stream {@code cost}). Non-finite values
 * are sent as JSON null.
 *
 * @param episodeTime time since the window started ({@code episode_time_s}, seconds).
 * @param constraints every constraint of the robot's task, in the task's order ({@code constraints}); copied.
 */
public record CostRate(double episodeTime, List<Constraint> constraints) implements TelemetryRecord {

    /**
     * One constraint's entry, under its name in {@code constraints}.
     *
     * @param name the constraint's name.
     * @param episodeCost cost accumulated so far in the current window ({@code episode_cost}, cost units).
     * @param costLimit the window's limit in force ({@code cost_limit}, cost units per window).
     * @param costRate recent cost accrual ({@code cost_rate}, cost units per second).
     */
    public record Constraint(String name, double episodeCost, double costLimit, double costRate) {}

    /** Checks and copies the constraints. */
    public CostRate {
        constraints = ConstraintLists.copyOf(constraints, Constraint::name);
    }

    @Override
    public TelemetryStream stream() {
        return TelemetryStream.COST;
    }
}

package org.cponode.fleet;

import java.util.List;

/**
 * Statistics of one CPO iteration (stream {@code learning}), named as in the learner's epoch table.
 * Non-finite values are sent as JSON null.
 *
 * @param iteration iteration index, from 0 ({@code iteration}).
 * @param policyVersion policy version after this iteration ({@code policy_version}).
 * @param episodeReturn mean undiscounted episode return of the batch ({@code ep_return}, reward units).
 * @param constraints every constraint of the robot's task, in the task's order ({@code constraints}); copied.
 * @param kl mean KL divergence between old and new policy ({@code kl}, nats).
 * @param backtrackIterations line-search backtracking steps used ({@code backtrack_iters}).
 * @param updateAccepted false if the line search kept the old parameters ({@code update_accepted}).
 */
public record LearningStats(long iteration, int policyVersion, double episodeReturn, List<Constraint> constraints,
        double kl, int backtrackIterations, boolean updateAccepted) implements TelemetryRecord {

    /**
     * One constraint's entry, under its name in {@code constraints}.
     *
     * @param name the constraint's name.
     * @param episodeCost mean undiscounted episode cost of the batch ({@code ep_cost}, cost units).
     * @param costLimit the limit the batch was measured against ({@code cost_limit}, cost units per window).
     */
    public record Constraint(String name, double episodeCost, double costLimit) {}

    /** Checks and copies the constraints. */
    public LearningStats {
        constraints = ConstraintLists.copyOf(constraints, Constraint::name);
    }

    @Override
    public TelemetryStream stream() {
        return TelemetryStream.LEARNING;
    }
}

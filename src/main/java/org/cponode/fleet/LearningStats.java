package org.cponode.fleet;

/**
 * Statistics of one CPO iteration (stream {@code learning}), named as in the learner's epoch table.
 * Non-finite values are sent as JSON null.
 *
 * @param iteration iteration index, from 0 ({@code iteration}).
 * @param policyVersion policy version after this iteration ({@code policy_version}).
 * @param episodeReturn mean undiscounted episode return of the batch ({@code ep_return}, reward units).
 * @param episodeCost mean undiscounted episode cost of the batch ({@code ep_cost}, cost units).
 * @param costLimit cost limit in force ({@code cost_limit}, cost units per episode).
 * @param kl mean KL divergence between old and new policy ({@code kl}, nats).
 * @param backtrackIterations line-search backtracking steps used ({@code backtrack_iters}).
 * @param updateAccepted false if the line search kept the old parameters ({@code update_accepted}).
 */
public record LearningStats(long iteration, int policyVersion, double episodeReturn, double episodeCost,
        double costLimit, double kl, int backtrackIterations, boolean updateAccepted) implements TelemetryRecord {

    @Override
    public TelemetryStream stream() {
        return TelemetryStream.LEARNING;
    }
}

package org.cponode.learn;

import java.util.SplittableRandom;
import org.cponode.math.Vectors;
import org.cponode.sim.Environment;
import org.cponode.sim.StepOutcome;

/**
 * A trained policy driving alone, no supervisor, for whole episodes: its own return and cost. What {@code eval}
 * prints, and a transfer report's before and after (a supervised trial's window costs say what policy and
 * supervisor cost together, not what the policy would cost without it).
 */
public final class PolicyEvaluation {

    /**
     * @param episodes episodes run
     * @param meanReturn mean episode return
     * @param returnStd standard deviation of the episode returns
     * @param meanCost mean episode cost
     * @param costStd standard deviation of the episode costs
     * @param overLimit episodes whose cost exceeded the limit
     */
    public record Result(int episodes, double meanReturn, double returnStd, double meanCost, double costStd,
            int overLimit) {

        /** Share of the episodes over the limit. */
        public double overFraction() {
            return (double) overLimit / episodes;
        }
    }

    private PolicyEvaluation() {}

    /**
     * Runs {@code episodes} episodes from {@code seed}: the same seed gives the same episodes (start states and
     * noise) for any policy that draws the same numbers, so two versions of a policy can be compared on them.
     *
     * @param deterministic take the policy's mean action instead of sampling (CPO's guarantee is for sampling)
     * @param limit the cost limit an episode is counted against
     */
    public static Result run(TrainedPolicy policy, Environment env, int episodes, long seed, boolean deterministic,
            double limit) {
        if (episodes < 1) {
            throw new IllegalArgumentException("episodes must be >= 1, got " + episodes);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] obs = new double[env.observationSize()];
        double[] normalized = new double[env.observationSize()];
        double[] action = new double[env.actionSize()];
        StepOutcome out = new StepOutcome();
        double[] returns = new double[episodes];
        double[] costs = new double[episodes];
        int over = 0;
        for (int e = 0; e < episodes; e++) {
            env.reset(rng, obs);
            do {
                if (deterministic) {
                    policy.meanAction(obs, action);
                } else {
                    policy.sampleAction(obs, rng, normalized, action);
                }
                out.clear();
                env.step(action, rng, obs, out);
                returns[e] += out.reward;
                costs[e] += out.cost;
            } while (!out.done());
            if (costs[e] > limit) {
                over++;
            }
        }
        double meanReturn = Vectors.mean(returns, episodes);
        double meanCost = Vectors.mean(costs, episodes);
        return new Result(episodes, meanReturn, Vectors.std(returns, episodes, meanReturn), meanCost,
                Vectors.std(costs, episodes, meanCost), over);
    }
}

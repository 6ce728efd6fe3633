package org.cponode.learn;

import java.util.ArrayList;
import java.util.List;
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
     * One constraint's cost over the episodes.
     *
     * @param name the constraint's name (the environment's)
     * @param limit the limit an episode is counted against
     * @param meanCost mean episode cost
     * @param costStd standard deviation of the episode costs
     * @param overLimit episodes whose cost exceeded the limit
     */
    public record ConstraintCost(String name, double limit, double meanCost, double costStd, int overLimit) {}

    /**
     * @param episodes episodes run
     * @param meanReturn mean episode return
     * @param returnStd standard deviation of the episode returns
     * @param constraints each constraint's cost, in the environment's order
     */
    public record Result(int episodes, double meanReturn, double returnStd, List<ConstraintCost> constraints) {

        public Result {
            constraints = List.copyOf(constraints);
        }

        /** The first constraint's mean episode cost (a one-constraint task's only one). */
        public double meanCost() {
            return constraints.getFirst().meanCost();
        }

        /** The first constraint's standard deviation of the episode costs. */
        public double costStd() {
            return constraints.getFirst().costStd();
        }

        /** Episodes whose first constraint's cost exceeded its limit. */
        public int overLimit() {
            return constraints.getFirst().overLimit();
        }

        /** Share of the episodes over the first constraint's limit. */
        public double overFraction() {
            return (double) overLimit() / episodes;
        }
    }

    private PolicyEvaluation() {}

    /**
     * Runs {@code episodes} episodes from {@code seed}: the same seed gives the same episodes (start states and
     * noise) for any policy that draws the same numbers, so two versions of a policy can be compared on them.
     *
     * @param deterministic take the policy's mean action instead of sampling (CPO's guarantee is for sampling)
     * @param limits the cost limit of each of the environment's constraints, in its order
     */
    public static Result run(TrainedPolicy policy, Environment env, int episodes, long seed, boolean deterministic,
            double[] limits) {
        if (episodes < 1) {
            throw new IllegalArgumentException("episodes must be >= 1, got " + episodes);
        }
        int m = env.constraints();
        if (limits.length != m) {
            throw new IllegalArgumentException("the task has " + m + " constraint(s) " + env.constraintNames()
                    + ", got " + limits.length + " limit(s)");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] obs = new double[env.observationSize()];
        double[] normalized = new double[env.observationSize()];
        double[] action = new double[env.actionSize()];
        StepOutcome out = new StepOutcome();
        double[] returns = new double[episodes];
        double[][] costs = new double[m][episodes];
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
                costs[0][e] += out.cost;
                for (int i = 1; i < m; i++) {
                    costs[i][e] += out.furtherCosts[i - 1];
                }
            } while (!out.done());
        }
        List<ConstraintCost> constraints = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            double mean = Vectors.mean(costs[i], episodes);
            int over = 0;
            for (int e = 0; e < episodes; e++) {
                if (costs[i][e] > limits[i]) {
                    over++;
                }
            }
            constraints.add(new ConstraintCost(env.constraintNames().get(i), limits[i], mean,
                    Vectors.std(costs[i], episodes, mean), over));
        }
        double meanReturn = Vectors.mean(returns, episodes);
        return new Result(episodes, meanReturn, Vectors.std(returns, episodes, meanReturn), constraints);
    }
}

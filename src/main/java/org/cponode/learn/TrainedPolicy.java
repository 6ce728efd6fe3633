package org.cponode.learn;

import java.util.SplittableRandom;
import org.cponode.nn.GaussianPolicy;
import org.cponode.nn.RunningNormalizer;

/**
 * What a robot needs to act: the policy network, its parameters and the observation normaliser it was trained
 * with, tagged with the task and observation layout so that a checkpoint made for another task is refused.
 * Single-observation methods allocate nothing; an instance is not thread-safe (one per control thread).
 *
 * @param task the simulator task it was trained on
 * @param observationLayout identifier of the observation definition (e.g. {@code diffdrive-circle/v1})
 * @param version policy version (the training iteration that produced it)
 * @param measuredCosts mean episode cost of each constraint measured for this policy's batch (NaN where unknown)
 */
public record TrainedPolicy(
        String task,
        String observationLayout,
        long version,
        double[] measuredCosts,
        GaussianPolicy policy,
        double[] params,
        RunningNormalizer normalizer,
        double[] normalized,
        double[] meanBuffer,
        double[] scratch) {

    private static final String MEASURED_COST = "measured_cost";
    private static final String MEASURED_COSTS = "measured_costs";

    /** Builds a policy bundle, taking copies of the parameters and normaliser. */
    public static TrainedPolicy of(String task, String observationLayout, long version, double[] measuredCosts,
            GaussianPolicy policy, double[] params, RunningNormalizer normalizer) {
        if (params.length != policy.parameterCount() || normalizer.size() != policy.observationSize()) {
            throw new IllegalArgumentException("policy parameters or normaliser do not match the network");
        }
        if (measuredCosts.length < 1) {
            throw new IllegalArgumentException("a policy has a measured cost per constraint, got none");
        }
        return new TrainedPolicy(task, observationLayout, version, measuredCosts.clone(), policy, params.clone(),
                normalizer.copy(), new double[policy.observationSize()], new double[policy.actionSize()],
                new double[policy.scratchSize()]);
    }

    /**
     * Loads the policy part of a training checkpoint.
     *
     * @param expectedLayout the observation layout the caller produces, or null to accept any
     * @throws IllegalArgumentException with a clear message for another task's layout or a damaged file
     */
    public static TrainedPolicy fromCheckpoint(Checkpoint ck, String expectedLayout) {
        String layout = ck.require("observation_layout");
        if (expectedLayout != null && !expectedLayout.equals(layout)) {
            throw new IllegalArgumentException("checkpoint was made for observation layout '" + layout
                    + "' (task " + ck.require("task") + "), but this robot produces '" + expectedLayout + "'");
        }
        int obs = Integer.parseInt(ck.require("observation_size"));
        int act = Integer.parseInt(ck.require("action_size"));
        int[] hidden = TrainConfig.parseWidths(ck.require("policy_hidden"));
        GaussianPolicy policy = new GaussianPolicy(obs, hidden, act);
        double[] params = ck.array("policy", policy.parameterCount());
        RunningNormalizer norm = new RunningNormalizer(obs);
        norm.restore(ck.array("normalizer.mean", obs), ck.array("normalizer.var", obs),
                ck.array("normalizer.count", 1)[0]);
        return of(ck.require("task"), layout, Long.parseLong(ck.require("policy_version")), measuredCosts(ck),
                policy, params, norm);
    }

    /**
     * The measured costs a checkpoint records: {@code measured_costs} (one per constraint, comma-separated) where
     * there are several constraints, else its {@code measured_cost}; NaN where it records none.
     *
     * @throws IllegalArgumentException for a value that is not a number
     */
    public static double[] measuredCosts(Checkpoint ck) {
        String all = ck.metadata().get(MEASURED_COSTS);
        String[] values = all != null ? all.split(",", -1)
                : new String[] {ck.metadata().getOrDefault(MEASURED_COST, "NaN")};
        double[] costs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            try {
                costs[i] = Double.parseDouble(values[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("checkpoint has a malformed measured cost: '" + values[i] + "'");
            }
        }
        return costs;
    }

    /**
     * Records measured costs in checkpoint metadata the way {@link #measuredCosts(Checkpoint)} reads them: the
     * first as {@code measured_cost} (so a one-constraint checkpoint is as it always was), all of them as
     * {@code measured_costs} when there are several.
     */
    public static void putMeasuredCosts(java.util.Map<String, String> meta, double[] measuredCosts) {
        meta.put(MEASURED_COST, Double.toString(measuredCosts[0]));
        if (measuredCosts.length > 1) {
            meta.put(MEASURED_COSTS, String.join(",",
                    java.util.Arrays.stream(measuredCosts).mapToObj(Double::toString).toList()));
        }
    }

    /** The first constraint's measured cost (a one-constraint task's only one; NaN if unknown). */
    public double measuredCost() {
        return measuredCosts[0];
    }

    /**
     * Whether every constraint's measured cost is known and at most its limit: the test of a "last safe" policy.
     *
     * @param limits one per constraint, in the task's order
     */
    public boolean withinLimits(double[] limits) {
        if (limits.length != measuredCosts.length) {
            throw new IllegalArgumentException("the policy was measured on " + measuredCosts.length
                    + " constraint(s), the limits are " + limits.length);
        }
        for (int i = 0; i < limits.length; i++) {
            if (!(measuredCosts[i] <= limits[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The deterministic action (policy mean) for a raw observation. Allocates nothing.
     *
     * @param rawObservation as the task produces it. Not modified.
     * @param action receives {@code actionSize} values. Modified.
     */
    public void meanAction(double[] rawObservation, double[] action) {
        normalizer.normalize(rawObservation, 0, normalized, 0);
        policy.mean(params, normalized, action, scratch);
    }

    /**
     * A sampled action for a raw observation (exploration). Allocates nothing.
     *
     * @param normalizedOut receives the normalised observation (what learning stores). Modified.
     * @return log-probability of the action
     */
    public double sampleAction(double[] rawObservation, SplittableRandom rng, double[] normalizedOut, double[] action) {
        normalizer.normalize(rawObservation, 0, normalizedOut, 0);
        return policy.sample(params, normalizedOut, rng, meanBuffer, action, scratch);
    }
}

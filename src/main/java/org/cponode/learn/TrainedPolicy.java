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
 * @param measuredCost mean episode cost measured for this policy's batch (NaN if unknown)
 */
public record TrainedPolicy(
        String task,
        String observationLayout,
        long version,
        double measuredCost,
        GaussianPolicy policy,
        double[] params,
        RunningNormalizer normalizer,
        double[] normalized,
        double[] meanBuffer,
        double[] scratch) {

    /** Builds a policy bundle, taking copies of the parameters and normaliser. */
    public static TrainedPolicy of(String task, String observationLayout, long version, double measuredCost,
            GaussianPolicy policy, double[] params, RunningNormalizer normalizer) {
        if (params.length != policy.parameterCount() || normalizer.size() != policy.observationSize()) {
            throw new IllegalArgumentException("policy parameters or normaliser do not match the network");
        }
        return new TrainedPolicy(task, observationLayout, version, measuredCost, policy, params.clone(),
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
        String cost = ck.metadata().getOrDefault("measured_cost", "NaN");
        return of(ck.require("task"), layout, Long.parseLong(ck.require("policy_version")), Double.parseDouble(cost),
                policy, params, norm);
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

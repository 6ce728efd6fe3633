package org.cponode.learn;

import java.util.SplittableRandom;

/** One policy-improvement step from a batch: CPO, TRPO, PDO or PID. */
public interface PolicyUpdater {

    /**
     * Updates the policy parameters in place from a batch whose advantages are already computed.
     *
     * @param batch samples of the current policy, with advantages. Not modified.
     * @param params policy parameters {@code theta_k}; on return the accepted {@code theta_{k+1}}, or unchanged.
     * @param costLimit d, the limit on the expected episode cost
     * @param rng random stream for the Fisher subsample. Modified.
     */
    UpdateResult update(Batch batch, double[] params, double costLimit, SplittableRandom rng);

    /**
     * As {@link #update(Batch, double[], double, SplittableRandom)} for a batch with one limit per constraint;
     * with one constraint it is that update. An algorithm that handles several overrides this.
     *
     * @param costLimits {@code d_i}, one per constraint of the batch
     */
    default UpdateResult update(Batch batch, double[] params, double[] costLimits, SplittableRandom rng) {
        if (costLimits.length != 1 || batch.constraints() != 1) {
            throw new IllegalArgumentException("this algorithm handles one constraint, got " + costLimits.length);
        }
        return update(batch, params, costLimits[0], rng);
    }

    /** The algorithm's own state that must survive a restart (PDO's and PID's multipliers, CPO's margin), possibly empty. */
    default double[] state() {
        return new double[0];
    }

    /**
     * Forgets what ties the next update to the previous batch (CPO's margin compares consecutive batches'
     * costs), for a learner that continues on another system: a robot after the simulator.
     */
    default void forgetBatchHistory() {}

    /** Restores what {@link #state()} returned. */
    default void restoreState(double[] state) {
        if (state.length != 0) {
            throw new IllegalArgumentException("this algorithm keeps no state");
        }
    }
}

package org.cponode.learn;

import java.util.SplittableRandom;
import org.cponode.parallel.WorkerPool;
import org.cponode.nn.GaussianPolicy;

/**
 * Primal-dual optimisation (cpo-spec §2.5, paper App. 10.3.3): a TRPO step on the Lagrangian
 * {@code L(theta) + nu F_C(theta)}, then dual ascent on the penalty,
 *
 * <pre>
 *   theta_{k+1} = theta_k - sqrt(2 delta / (g_nu^T H^-1 g_nu)) H^-1 g_nu,   g_nu = g + nu b   (with line search)
 *   nu_{k+1}    = max(0, nu_k + alpha (Jhat_C - d))
 * </pre>
 *
 * The step is {@link LagrangianStep}'s. Unlike the reference code, which trains one baseline on
 * {@code R - nu C}, the reward and cost channels keep separate baselines and are combined at the gradient: the
 * same objective with the estimators CPO uses, so the comparison isolates the update rule.
 */
public final class Pdo implements PolicyUpdater {

    private final LagrangianStep step;
    private final double learningRate;
    private double nu;

    /**
     * @param nuLearningRate alpha, the dual step size (paper: 0.01)
     * @param initialNu nu_0 (paper: 0)
     */
    public Pdo(GaussianPolicy policy, TrustRegionConfig config, WorkerPool pool, double nuLearningRate,
            double initialNu) {
        if (!(nuLearningRate > 0) || !(initialNu >= 0)) {
            throw new IllegalArgumentException("PDO needs alpha > 0 and nu_0 >= 0, got " + nuLearningRate + ", " + initialNu);
        }
        this.step = new LagrangianStep(policy, config, pool);
        this.learningRate = nuLearningRate;
        this.nu = initialNu;
    }

    /** The current penalty coefficient. */
    public double nu() {
        return nu;
    }

    @Override
    public UpdateResult update(Batch batch, double[] params, double costLimit, SplittableRandom rng) {
        double penalty = nu;
        double c = batch.constraintCost() - costLimit;
        UpdateResult result = step.update(batch, params, penalty, c, rng, new UpdateDetails.PdoDetails(penalty));
        nu = Math.max(0.0, nu + learningRate * c);
        return result;
    }

    @Override
    public double[] state() {
        return new double[] {nu};
    }

    @Override
    public void restoreState(double[] state) {
        if (state.length != 1 || !(state[0] >= 0)) {
            throw new IllegalArgumentException("PDO state must be one multiplier >= 0");
        }
        nu = state[0];
    }
}

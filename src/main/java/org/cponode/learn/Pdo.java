package org.cponode.learn;

import java.util.SplittableRandom;
import org.cponode.parallel.WorkerPool;
import org.cponode.nn.GaussianPolicy;

/**
 * Primal-dual optimisation (paper App. 10.3.3): a TRPO step on the Lagrangian
 * {@code L(theta) + nu F_C(theta)}, then dual ascent on the penalty,
 *
 * <pre>
 *   theta_{k+1} = theta_k - sqrt(2 delta / (g_nu^T H^-1 g_nu)) H^-1 g_nu,   g_nu = g + nu b   (with line search)
 *   nu_{k+1}    = max(0, nu_k + alpha (Jhat_C - d))
 * </pre>
 *
 * The step is {@link LagrangianStep}'s. Unlike the reference code, which trains one baseline on
 * {@code R - nu C}, the reward and cost channels keep separate baselines and are combined at the gradient: the
 * same objective with the estimators CPO uses, so the comparison isolates the update rule. With several
 * constraints each has its multiplier {@code nu_i}, penalising its {@code F_Ci} and following its own
 * {@code Jhat_Ci - d_i}.
 */
public final class Pdo implements PolicyUpdater {

    private final LagrangianStep step;
    private final double learningRate;
    private final double[] nu;

    /**
     * @param nuLearningRate alpha, the dual step size (paper: 0.01)
     * @param initialNu nu_0 (paper: 0)
     */
    public Pdo(GaussianPolicy policy, TrustRegionConfig config, WorkerPool pool, double nuLearningRate,
            double initialNu) {
        this(policy, config, pool, nuLearningRate, initialNu, 1);
    }

    /** @param constraints how many constraints, each with its multiplier starting at {@code initialNu} */
    public Pdo(GaussianPolicy policy, TrustRegionConfig config, WorkerPool pool, double nuLearningRate,
            double initialNu, int constraints) {
        if (!(nuLearningRate > 0) || !(initialNu >= 0)) {
            throw new IllegalArgumentException("PDO needs alpha > 0 and nu_0 >= 0, got " + nuLearningRate + ", " + initialNu);
        }
        this.step = new LagrangianStep(policy, config, pool);
        this.learningRate = nuLearningRate;
        this.nu = new double[constraints];
        java.util.Arrays.fill(nu, initialNu);
    }

    /** The current penalty coefficient of the first constraint. */
    public double nu() {
        return nu[0];
    }

    @Override
    public UpdateResult update(Batch batch, double[] params, double costLimit, SplittableRandom rng) {
        double penalty = nu[0];
        double c = batch.constraintCost() - costLimit;
        UpdateResult result = step.update(batch, params, penalty, c, rng, new UpdateDetails.PdoDetails(penalty));
        nu[0] = Math.max(0.0, nu[0] + learningRate * c);
        return result;
    }

    @Override
    public UpdateResult update(Batch batch, double[] params, double[] costLimits, SplittableRandom rng) {
        if (costLimits.length != nu.length || batch.constraints() != nu.length) {
            throw new IllegalArgumentException("PDO has " + nu.length + " constraints, got " + costLimits.length
                    + " limits and a batch with " + batch.constraints());
        }
        if (nu.length == 1) {
            return update(batch, params, costLimits[0], rng);
        }
        double[] penalty = nu.clone();
        double[] c = new double[nu.length];
        for (int i = 0; i < nu.length; i++) {
            c[i] = batch.constraintCost(i) - costLimits[i];
        }
        UpdateResult result = step.update(batch, params, penalty, c, rng, new UpdateDetails.PdoDetails(penalty[0]));
        for (int i = 0; i < nu.length; i++) {
            nu[i] = Math.max(0.0, nu[i] + learningRate * c[i]);
        }
        return result;
    }

    @Override
    public double[] state() {
        return nu.clone();
    }

    @Override
    public void restoreState(double[] state) {
        if (state.length != nu.length || !java.util.Arrays.stream(state).allMatch(v -> v >= 0)) {
            throw new IllegalArgumentException("PDO state must be " + nu.length + " multipliers >= 0");
        }
        System.arraycopy(state, 0, nu, 0, nu.length);
    }
}

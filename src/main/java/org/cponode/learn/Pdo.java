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
 * Unlike the reference code, which trains one baseline on {@code R - nu C}, the reward and cost channels keep
 * separate baselines and are combined at the gradient: the same objective with the estimators CPO uses, so the
 * comparison isolates the update rule.
 */
public final class Pdo implements PolicyUpdater {

    private final TrustRegion tr;
    /** Lagrangian gradient {@code g_nu = g + nu b}, built in place from the loss gradient g. */
    private final double[] g;
    private final double[] b;
    private final double[] hInvG;
    private final double[] step;
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
        this.tr = new TrustRegion(policy, config, pool);
        g = tr.newVector();
        b = tr.newVector();
        hInvG = tr.newVector();
        step = tr.newVector();
        this.learningRate = nuLearningRate;
        this.nu = initialNu;
    }

    /** The current penalty coefficient. */
    public double nu() {
        return nu;
    }

    @Override
    public UpdateResult update(Batch batch, double[] params, double costLimit, SplittableRandom rng) {
        TrustRegionConfig cfg = tr.config();
        Surrogates.Values before = tr.prepare(batch, params, rng);
        double penalty = nu;
        tr.gradients(params, g, b);
        for (int i = 0; i < params.length; i++) {
            g[i] += penalty * b[i];
        }
        tr.solve(g, hInvG);
        double q = tr.quadratic(hInvG);
        double scale = -Math.sqrt(cfg.delta() / (q + CpoDual.EPS));
        for (int i = 0; i < params.length; i++) {
            step[i] = scale * hInvG[i];
        }
        double lagrangianBefore = before.loss() + penalty * before.costSurrogate();
        TrustRegion.Search search = tr.lineSearch(params, step,
                v -> v.kl() <= cfg.maxKl() && v.loss() + penalty * v.costSurrogate() < lagrangianBefore);
        boolean accepted = search.accepted() != null;
        Surrogates.Values after = accepted ? search.accepted() : before;
        double c = batch.constraintCost() - costLimit;
        nu = Math.max(0.0, nu + learningRate * c);
        String note = accepted ? "" : Cpo.rejection(search.last(), before, cfg.maxKl(), Double.POSITIVE_INFINITY, false);
        return new UpdateResult(accepted, search.backtracks(), after.kl(),
                lagrangianBefore - (after.loss() + penalty * after.costSurrogate()), after.costSurrogate(),
                Math.sqrt(q / cfg.delta()), q, c, note, new UpdateDetails.PdoDetails(penalty));
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

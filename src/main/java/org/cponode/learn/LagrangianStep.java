package org.cponode.learn;

import java.util.SplittableRandom;
import org.cponode.nn.GaussianPolicy;
import org.cponode.parallel.WorkerPool;

/**
 * The step PDO and the PID Lagrangian share: a TRPO step on the Lagrangian {@code L(theta) + p F_C(theta)} for a
 * penalty p the caller sets,
 *
 * <pre>
 *   theta_{k+1} = theta_k - sqrt(2 delta / (g_p^T H^-1 g_p)) H^-1 g_p,   g_p = g + p b   (with line search)
 * </pre>
 *
 * a trial accepted when the mean KL stays within {@code delta_KL} and the Lagrangian strictly decreases. The two
 * algorithms differ only in how p follows the cost, so they share this and the comparison isolates that rule.
 * With several constraints the penalty is a vector: {@code g_p = g + sum_i p_i b_i} and the Lagrangian
 * {@code L + sum_i p_i F_Ci}.
 */
final class LagrangianStep {

    private final TrustRegion tr;
    /** Lagrangian gradient {@code g_p = g + p b}, built in place from the loss gradient g. */
    private final double[] g;
    private final double[] b;
    private final double[] hInvG;
    private final double[] step;
    /** Constraint i's gradient b_i, for i >= 1. */
    private final double[] bi;

    LagrangianStep(GaussianPolicy policy, TrustRegionConfig config, WorkerPool pool) {
        this.tr = new TrustRegion(policy, config, pool);
        g = tr.newVector();
        b = tr.newVector();
        hInvG = tr.newVector();
        step = tr.newVector();
        bi = tr.newVector();
    }

    /**
     * Steps {@code params} in place (or leaves them when the line search finds no trial) with penalty
     * {@code penalty}; {@code c} is {@code Jhat_C - d} for the report and {@code details} what the algorithm adds.
     */
    UpdateResult update(Batch batch, double[] params, double penalty, double c, SplittableRandom rng,
            UpdateDetails details) {
        return update(batch, params, new double[] {penalty}, new double[] {c}, rng, details);
    }

    /**
     * The step for a batch with one or several constraints: penalty {@code penalty[i]} on constraint i, whose
     * {@code Jhat_Ci - d_i} is {@code c[i]}. The scalar values of the result describe the first constraint;
     * for one constraint the arithmetic is the scalar form's, operation for operation.
     */
    UpdateResult update(Batch batch, double[] params, double[] penalty, double[] c, SplittableRandom rng,
            UpdateDetails details) {
        TrustRegionConfig cfg = tr.config();
        int m = penalty.length;
        Surrogates.Values before = tr.prepare(batch, params, rng);
        tr.gradients(params, g, b);
        for (int j = 0; j < params.length; j++) {
            g[j] += penalty[0] * b[j];
        }
        for (int i = 1; i < m; i++) {
            tr.costGradient(params, i, bi);
            for (int j = 0; j < params.length; j++) {
                g[j] += penalty[i] * bi[j];
            }
        }
        tr.solve(g, hInvG);
        double q = tr.quadratic(hInvG);
        double scale = -Math.sqrt(cfg.delta() / (q + CpoDual.EPS));
        for (int j = 0; j < params.length; j++) {
            step[j] = scale * hInvG[j];
        }
        double lagrangianBefore = lagrangian(before, penalty);
        TrustRegion.Search search = tr.lineSearch(params, step,
                v -> v.kl() <= cfg.maxKl() && lagrangian(v, penalty) < lagrangianBefore);
        boolean accepted = search.accepted() != null;
        Surrogates.Values after = accepted ? search.accepted() : before;
        String note = accepted ? "" : Cpo.rejection(search.last(), before, cfg.maxKl(), Double.POSITIVE_INFINITY, false);
        java.util.List<UpdateResult.ConstraintStep> steps = new java.util.ArrayList<>();
        for (int i = 0; m > 1 && i < m; i++) {
            steps.add(new UpdateResult.ConstraintStep(c[i], after.costSurrogate(i), penalty[i], Double.NaN));
        }
        return new UpdateResult(accepted, search.backtracks(), after.kl(), lagrangianBefore - lagrangian(after, penalty),
                after.costSurrogate(), Math.sqrt(q / cfg.delta()), q, c[0], note, details, steps);
    }

    private static double lagrangian(Surrogates.Values v, double[] penalty) {
        double l = v.loss();
        for (int i = 0; i < penalty.length; i++) {
            l += penalty[i] * v.costSurrogate(i);
        }
        return l;
    }
}

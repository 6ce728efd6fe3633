package org.cponode.learn;

import java.util.SplittableRandom;
import org.cponode.math.Vectors;
import org.cponode.parallel.WorkerPool;
import org.cponode.nn.GaussianPolicy;

/**
 * Constrained Policy Optimization (Achiam et al. 2017, Algorithm 1), as the authors' code implements it
 * (cpo-spec §1.3) with the spec's recommended choices: inclusive case thresholds and a recovery step that
 * no backtrack accepts is reverted.
 *
 * <p>With a margin rate {@code kappa > 0} CPO enforces {@code Jhat_C <= d - m} with a {@link CostMargin} m
 * learnt from its own cost-prediction errors; {@code kappa = 0} is the paper's CPO.
 */
public final class Cpo implements PolicyUpdater {

    /** Below this {@code b.b} the constraint has no usable gradient (case 4). */
    static final double MIN_CONSTRAINT_GRADIENT_SQ = 1e-8;

    private final TrustRegion tr;
    private final CostMargin margin;
    /** Loss gradient g and constraint gradient b. */
    private final double[] g;
    private final double[] b;
    private final double[] hInvG;
    private final double[] hInvB;
    /** {@code H H^-1 g}, for {@code r = (H^-1 b)^T H (H^-1 g)}. */
    private final double[] hHInvG;
    private final double[] step;

    /** The paper's CPO, without a margin. */
    public Cpo(GaussianPolicy policy, TrustRegionConfig config, WorkerPool pool) {
        this(policy, config, pool, CostMarginConfig.OFF.create());
    }

    /** @param margin the learned margin this CPO enforces (rate 0 for none); owned by this updater */
    public Cpo(GaussianPolicy policy, TrustRegionConfig config, WorkerPool pool, CostMargin margin) {
        this.margin = margin;
        this.tr = new TrustRegion(policy, config, pool);
        g = tr.newVector();
        b = tr.newVector();
        hInvG = tr.newVector();
        hInvB = tr.newVector();
        hHInvG = tr.newVector();
        step = tr.newVector();
    }

    @Override
    public UpdateResult update(Batch batch, double[] params, double costLimit, SplittableRandom rng) {
        TrustRegionConfig cfg = tr.config();
        // 1. Surrogates at theta_k; Jhat_C is the batch's mean undiscounted episode cost (of C+
        //    when the learner shapes costs).
        Surrogates.Values before = tr.prepare(batch, params, rng);
        double jc = batch.constraintCost();
        double limit = costLimit - margin.observe(jc, costLimit);
        double c = jc - limit;

        // 2. g = grad L, b = grad F_C (F_C carries the mean-path-length rescale).
        tr.gradients(params, g, b);

        // 3. v = H^-1 g, q = v^T H v.
        tr.solve(g, hInvG);
        double q = tr.quadratic(hInvG, hHInvG);

        // 4. w = H^-1 b, r = w^T H v (~ b^T H^-1 g), s = w^T H w; s = 0 means "no constraint gradient".
        double r = 0;
        double s = 0;
        if (Vectors.dot(b, b) > MIN_CONSTRAINT_GRADIENT_SQ) {
            tr.solve(b, hInvB);
            r = Vectors.dot(hInvB, hHInvG);
            s = Math.max(0.0, tr.quadratic(hInvB));
        } else {
            java.util.Arrays.fill(hInvB, 0.0);
        }

        // 5. Dual: x* = coefG H^-1 g + coefB H^-1 b.
        CpoDual.Step dual = CpoDual.solve(Math.max(0.0, q), r, s, c, cfg.delta());
        for (int i = 0; i < params.length; i++) {
            step[i] = dual.coefG() * hInvG[i] + dual.coefB() * hInvB[i];
        }

        // 6. Line search: KL within the trust region, cost surrogate within the slack max(d - m - J_C, 0), and, from
        //    a feasible policy, a strict loss decrease.
        double linearThreshold = before.costSurrogate() + Math.max(limit - jc, 0.0);
        boolean recovery = dual.kase().isRecovery();
        TrustRegion.Search search = tr.lineSearch(params, step, v -> v.kl() <= cfg.maxKl()
                && v.costSurrogate() <= linearThreshold
                && (recovery || v.loss() < before.loss()));

        boolean accepted = search.accepted() != null;
        Surrogates.Values after = accepted ? search.accepted() : before;
        String note = accepted ? "" : rejection(search.last(), before, cfg.maxKl(), linearThreshold, recovery);
        margin.predicted(after.costSurrogate() - before.costSurrogate());
        return new UpdateResult(accepted, search.backtracks(), after.kl(), before.loss() - after.loss(),
                after.costSurrogate(), dual.lambda(), q, c, note,
                new UpdateDetails.CpoDetails(dual.kase(), dual.nu(), r, s, margin.value()));
    }

    /** The learned margin's state ({@link CostMargin#state()}). */
    @Override
    public double[] state() {
        return margin.state();
    }

    @Override
    public void restoreState(double[] state) {
        margin.restore(state);
    }

    @Override
    public void forgetBatchHistory() {
        margin.forgetHistory();
    }

    /** Why the last trial failed, for the log. */
    static String rejection(Surrogates.Values last, Surrogates.Values before, double maxKl, double linearThreshold,
            boolean recovery) {
        if (last == null || !last.finite()) {
            return "line search: non-finite surrogate, kept old parameters";
        }
        StringBuilder why = new StringBuilder("line search failed, kept old parameters:");
        if (last.kl() > maxKl) {
            why.append(" KL ").append(String.format("%.4g", last.kl())).append(" > ").append(maxKl);
        }
        if (last.costSurrogate() > linearThreshold) {
            why.append(" cost surrogate ").append(String.format("%.4g", last.costSurrogate()))
                    .append(" > ").append(String.format("%.4g", linearThreshold));
        }
        if (!recovery && !(last.loss() < before.loss())) {
            why.append(" loss did not improve");
        }
        return why.toString();
    }
}

package org.cponode.learn;

import java.util.SplittableRandom;
import org.cponode.math.Vectors;
import org.cponode.parallel.WorkerPool;
import org.cponode.nn.GaussianPolicy;

/**
 * Constrained Policy Optimization (Achiam et al. 2017, Algorithm 1), as the authors' code implements it
 * (docs/CPO.md) with two choices of its own: inclusive case thresholds and a recovery step that
 * no backtrack accepts is reverted.
 *
 * <p>With a margin rate {@code kappa > 0} CPO enforces {@code Jhat_C <= d - m} with a {@link CostMargin} m
 * learnt from its own cost-prediction errors; {@code kappa = 0} is the paper's CPO.
 *
 * <p>With several constraints ({@link #update(Batch, double[], double[], SplittableRandom)}) each constraint i
 * has its gradient b_i, one more conjugate-gradient solve {@code w_i = H^-1 b_i}, its own margin m_i, and the
 * step is {@link CpoMultiDual}'s. The line search then asks every {@code F_Ci} to stay within its slack
 * {@code max(d_i - m_i - J_Ci, 0)}; for a recovery step, which lowers the worst normalised violation
 * ({@link CpoMultiDual}), it asks instead that the worst predicted normalised violation
 * {@code max_i (c_i + F_Ci) / sqrt(S_ii)} not exceed today's {@code max_i c_i / sqrt(S_ii)} (for one constraint
 * the same as {@code F_C <= 0}). One constraint takes the one-constraint path, unchanged.
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
    /** Margins of constraints 2..m. */
    private final CostMargin[] moreMargins;

    /** The paper's CPO, without a margin. */
    public Cpo(GaussianPolicy policy, TrustRegionConfig config, WorkerPool pool) {
        this(policy, config, pool, CostMarginConfig.OFF.create());
    }

    /** @param margin the learned margin this CPO enforces (rate 0 for none); owned by this updater */
    public Cpo(GaussianPolicy policy, TrustRegionConfig config, WorkerPool pool, CostMargin margin) {
        this(policy, config, pool, margin, CostMarginConfig.OFF, 1);
    }

    /**
     * @param marginConfig the settings of the margins of constraints 2..m
     * @param constraints how many constraints, each with its margin ({@code margin} is the first's)
     */
    public Cpo(GaussianPolicy policy, TrustRegionConfig config, WorkerPool pool, CostMargin margin,
            CostMarginConfig marginConfig, int constraints) {
        this.margin = margin;
        this.moreMargins = new CostMargin[constraints - 1];
        for (int i = 0; i < moreMargins.length; i++) {
            moreMargins[i] = marginConfig.create();
        }
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

    @Override
    public UpdateResult update(Batch batch, double[] params, double[] costLimits, SplittableRandom rng) {
        int m = moreMargins.length + 1;
        if (costLimits.length != m || batch.constraints() != m) {
            throw new IllegalArgumentException("CPO has " + m + " constraints, got " + costLimits.length
                    + " limits and a batch with " + batch.constraints());
        }
        if (m == 1) {
            return update(batch, params, costLimits[0], rng);
        }
        TrustRegionConfig cfg = tr.config();
        Surrogates.Values before = tr.prepare(batch, params, rng);
        double[] jc = new double[m];
        double[] limit = new double[m];
        double[] c = new double[m];
        for (int i = 0; i < m; i++) {
            jc[i] = batch.constraintCost(i);
            limit[i] = costLimits[i] - margin(i).observe(jc[i], costLimits[i]);
            c[i] = jc[i] - limit[i];
        }
        double[][] w = new double[m][];
        double[][] hw = new double[m][];
        tr.gradients(params, g, b);
        tr.solve(g, hInvG);
        double q = tr.quadratic(hInvG, hHInvG);
        double[] r = new double[m];
        for (int i = 0; i < m; i++) {
            if (i > 0) {
                tr.costGradient(params, i, b);
            }
            w[i] = tr.newVector();
            hw[i] = tr.newVector();
            if (Vectors.dot(b, b) > MIN_CONSTRAINT_GRADIENT_SQ) {
                tr.solve(b, w[i]);
                tr.quadratic(w[i], hw[i]);
                r[i] = Vectors.dot(w[i], hHInvG);
            }
        }
        double[][] s = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                s[i][j] = Vectors.dot(w[i], hw[j]);
            }
            s[i][i] = Math.max(0.0, s[i][i]);
        }
        CpoMultiDual.Step dual = CpoMultiDual.solve(Math.max(0.0, q), r, s, c, cfg.delta());
        for (int k = 0; k < params.length; k++) {
            double x = dual.coefG() * hInvG[k];
            for (int i = 0; i < m; i++) {
                x += dual.coefB()[i] * w[i][k];
            }
            step[k] = x;
        }
        boolean recovery = dual.kase().isRecovery();
        double[] threshold = new double[m];
        for (int i = 0; i < m; i++) {
            threshold[i] = before.costSurrogate(i) + Math.max(limit[i] - jc[i], 0.0);
        }
        double worstNow = worstViolation(before, before, c, s);
        TrustRegion.Search search = tr.lineSearch(params, step, v -> {
            if (!(v.kl() <= cfg.maxKl())) {
                return false;
            }
            if (recovery) {
                return worstViolation(v, before, c, s) <= worstNow;
            }
            for (int i = 0; i < m; i++) {
                if (!(v.costSurrogate(i) <= threshold[i])) {
                    return false;
                }
            }
            return v.loss() < before.loss();
        });
        boolean accepted = search.accepted() != null;
        Surrogates.Values after = accepted ? search.accepted() : before;
        String note = accepted ? "" : "line search failed for " + m + " constraints, kept old parameters";
        java.util.List<UpdateResult.ConstraintStep> steps = new java.util.ArrayList<>();
        for (int i = 0; i < m; i++) {
            margin(i).predicted(after.costSurrogate(i) - before.costSurrogate(i));
            steps.add(new UpdateResult.ConstraintStep(c[i], after.costSurrogate(i), dual.nu()[i], margin(i).value()));
        }
        return new UpdateResult(accepted, search.backtracks(), after.kl(), before.loss() - after.loss(),
                after.costSurrogate(), dual.lambda(), q, c[0], note,
                new UpdateDetails.CpoDetails(dual.kase(), dual.nu()[0], r[0], s[0][0], margin.value()), steps);
    }

    /**
     * {@code max_i (c_i + F_Ci(v) - F_Ci(before)) / sqrt(S_ii)} over the constraints with a gradient: the worst
     * violation the linear cost model predicts at v, in units of H-distance.
     */
    private static double worstViolation(Surrogates.Values v, Surrogates.Values before, double[] c, double[][] s) {
        double worst = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < c.length; i++) {
            if (s[i][i] > 0) {
                worst = Math.max(worst, (c[i] + v.costSurrogate(i) - before.costSurrogate(i)) / Math.sqrt(s[i][i]));
            }
        }
        return worst;
    }

    private CostMargin margin(int i) {
        return i == 0 ? margin : moreMargins[i - 1];
    }

    /** The learned margins' states ({@link CostMargin#state()}), the first constraint's first. */
    @Override
    public double[] state() {
        if (moreMargins.length == 0) {
            return margin.state();
        }
        double[] first = margin.state();
        int n = first.length;
        double[] all = java.util.Arrays.copyOf(first, n * (moreMargins.length + 1));
        for (int i = 0; i < moreMargins.length; i++) {
            System.arraycopy(moreMargins[i].state(), 0, all, n * (i + 1), n);
        }
        return all;
    }

    @Override
    public void restoreState(double[] state) {
        if (moreMargins.length == 0) {
            margin.restore(state);
            return;
        }
        int m = moreMargins.length + 1;
        if (state.length % m != 0) {
            throw new IllegalArgumentException("CPO state for " + m + " constraints must hold " + m + " margins");
        }
        int n = state.length / m;
        for (int i = 0; i < m; i++) {
            margin(i).restore(java.util.Arrays.copyOfRange(state, n * i, n * (i + 1)));
        }
    }

    @Override
    public void forgetBatchHistory() {
        margin.forgetHistory();
        for (CostMargin more : moreMargins) {
            more.forgetHistory();
        }
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

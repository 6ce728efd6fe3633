package org.cponode.learn;

import java.util.SplittableRandom;
import org.cponode.parallel.WorkerPool;
import org.cponode.nn.GaussianPolicy;

/**
 * Trust Region Policy Optimization (Schulman et al. 2015): the unconstrained baseline. Step
 * {@code x = -sqrt(Delta / q) H^-1 g}; a trial is accepted when the loss strictly decreases and the mean KL
 * stays within {@code delta_KL}. The cost is measured and reported but ignored.
 */
public final class Trpo implements PolicyUpdater {

    private final TrustRegion tr;
    /** Loss gradient g and constraint gradient b (measured, not followed). */
    private final double[] g;
    private final double[] b;
    private final double[] hInvG;
    private final double[] step;

    public Trpo(GaussianPolicy policy, TrustRegionConfig config, WorkerPool pool) {
        this.tr = new TrustRegion(policy, config, pool);
        g = tr.newVector();
        b = tr.newVector();
        hInvG = tr.newVector();
        step = tr.newVector();
    }

    @Override
    public UpdateResult update(Batch batch, double[] params, double costLimit, SplittableRandom rng) {
        return update(batch, params, new double[] {costLimit}, rng);
    }

    /** The step ignores every constraint; the result reports each one's cost and predicted change. */
    @Override
    public UpdateResult update(Batch batch, double[] params, double[] costLimits, SplittableRandom rng) {
        if (costLimits.length != batch.constraints()) {
            throw new IllegalArgumentException("the batch has " + batch.constraints() + " constraints, got "
                    + costLimits.length + " limits");
        }
        double costLimit = costLimits[0];
        TrustRegionConfig cfg = tr.config();
        Surrogates.Values before = tr.prepare(batch, params, rng);
        tr.gradients(params, g, b);
        tr.solve(g, hInvG);
        double q = tr.quadratic(hInvG);
        double scale = -Math.sqrt(cfg.delta() / (q + CpoDual.EPS));
        for (int i = 0; i < params.length; i++) {
            step[i] = scale * hInvG[i];
        }
        TrustRegion.Search search = tr.lineSearch(params, step, v -> v.kl() <= cfg.maxKl() && v.loss() < before.loss());
        boolean accepted = search.accepted() != null;
        Surrogates.Values after = accepted ? search.accepted() : before;
        String note = accepted ? "" : Cpo.rejection(search.last(), before, cfg.maxKl(), Double.POSITIVE_INFINITY, false);
        double c = batch.constraintCost() - costLimit;
        java.util.List<UpdateResult.ConstraintStep> steps = new java.util.ArrayList<>();
        for (int i = 0; batch.constraints() > 1 && i < batch.constraints(); i++) {
            steps.add(new UpdateResult.ConstraintStep(batch.constraintCost(i) - costLimits[i], after.costSurrogate(i),
                    Double.NaN, Double.NaN));
        }
        return new UpdateResult(accepted, search.backtracks(), after.kl(), before.loss() - after.loss(),
                after.costSurrogate(), Math.sqrt(q / cfg.delta()), q, c, note, new UpdateDetails.TrpoDetails(), steps);
    }
}

package org.cponode.learn;

import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.cponode.math.ConjugateGradient;
import org.cponode.math.Vectors;
import org.cponode.parallel.WorkerPool;
import org.cponode.nn.GaussianPolicy;

/**
 * The machinery CPO, TRPO and PDO share: surrogates at {@code theta_k}, their gradients, conjugate-gradient
 * solves with the Fisher-vector product, and the backtracking line search. Vectors are allocated once per
 * policy shape.
 */
final class TrustRegion {

    final GaussianPolicy policy;
    final TrustRegionConfig config;
    final Surrogates surrogates;
    private final ConjugateGradient cg = new ConjugateGradient();

    /** Loss gradient g, constraint gradient b, and scratch vectors of parameter size. */
    final double[] g;
    final double[] b;
    final double[] hInvG;
    final double[] hInvB;
    final double[] hv;
    /** {@code H H^-1 g}, kept for {@code r = (H^-1 b)^T H (H^-1 g)} while {@link #hv} is reused. */
    final double[] hvOfG;
    final double[] step;
    private final double[] thetaK;

    /** Result of a line search: the accepted trial's values, or null when every trial was rejected. */
    record Search(int backtracks, Surrogates.Values accepted, Surrogates.Values last) {}

    TrustRegion(GaussianPolicy policy, TrustRegionConfig config, WorkerPool pool) {
        this.policy = policy;
        this.config = config;
        this.surrogates = new Surrogates(policy, pool, config.damping());
        int p = policy.parameterCount();
        g = new double[p];
        b = new double[p];
        hInvG = new double[p];
        hInvB = new double[p];
        hv = new double[p];
        hvOfG = new double[p];
        step = new double[p];
        thetaK = new double[p];
    }

    /** Fixes theta_k and evaluates the surrogates there. */
    Surrogates.Values prepare(Batch batch, double[] params, SplittableRandom rng) {
        if (batch.size() == 0 || batch.paths() == 0) {
            throw new IllegalArgumentException("cannot update from an empty batch");
        }
        System.arraycopy(params, 0, thetaK, 0, params.length);
        surrogates.prepare(batch, params, config.fisherSubsample(), rng);
        return surrogates.evaluate(params);
    }

    /** {@code x = H^-1 rhs} by conjugate gradient. */
    void solve(double[] rhs, double[] x) {
        cg.solve(surrogates, rhs, x, config.cgIterations(), config.cgResidualTolerance());
    }

    /** {@code u^T H u}. Uses {@link #hv} as scratch. */
    double quadratic(double[] u) {
        surrogates.apply(u, hv);
        return Vectors.dot(u, hv);
    }

    /**
     * Tries {@code theta_k + ratio^j step} for {@code j = 0..maxBacktracks-1} and keeps the first trial
     * {@code accept} approves. If none is approved, or a trial is not finite, the parameters go back to
     * theta_k.
     *
     * @param params on return the accepted parameters or theta_k. Modified.
     */
    Search lineSearch(double[] params, Predicate<Surrogates.Values> accept) {
        double fraction = 1.0;
        Surrogates.Values last = null;
        for (int j = 0; j < config.maxBacktracks(); j++) {
            Vectors.addScaled(thetaK, fraction, step, params);
            last = surrogates.evaluate(params);
            if (last.finite() && accept.test(last)) {
                return new Search(j, last, last);
            }
            fraction *= config.backtrackRatio();
        }
        System.arraycopy(thetaK, 0, params, 0, params.length);
        return new Search(config.maxBacktracks(), null, last);
    }
}

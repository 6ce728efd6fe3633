package org.cponode.learn;

import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.cponode.math.ConjugateGradient;
import org.cponode.math.Vectors;
import org.cponode.parallel.WorkerPool;
import org.cponode.nn.GaussianPolicy;

/**
 * The machinery CPO, TRPO and PDO share: surrogates at {@code theta_k}, their gradients, conjugate-gradient
 * solves with the Fisher-vector product, and the backtracking line search. Each operation reads and writes
 * vectors the caller owns (allocated once per policy shape with {@link #newVector()}); the scratch space it
 * needs itself stays private, so no result is overwritten behind the caller's back.
 */
final class TrustRegion {

    private final TrustRegionConfig config;
    private final Surrogates surrogates;
    private final ConjugateGradient cg = new ConjugateGradient();
    private final int parameterCount;
    /** {@code H u} inside {@link #quadratic(double[])}. */
    private final double[] hu;
    private final double[] thetaK;

    /** Result of a line search: the accepted trial's values, or null when every trial was rejected. */
    record Search(int backtracks, Surrogates.Values accepted, Surrogates.Values last) {}

    TrustRegion(GaussianPolicy policy, TrustRegionConfig config, WorkerPool pool) {
        this.config = config;
        this.surrogates = new Surrogates(policy, pool, config.damping());
        parameterCount = policy.parameterCount();
        hu = newVector();
        thetaK = newVector();
    }

    TrustRegionConfig config() {
        return config;
    }

    /** A zero vector of parameter size, for an updater's own gradients, solutions and steps. */
    double[] newVector() {
        return new double[parameterCount];
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

    /** {@code g = grad L} and {@code b = grad F_C} at {@code params} (F_C carries the mean-path-length rescale). */
    void gradients(double[] params, double[] g, double[] b) {
        surrogates.gradients(params, g, b);
    }

    /** The gradient of constraint {@code i >= 1}'s F_C at {@code params} into b. */
    void costGradient(double[] params, int i, double[] b) {
        surrogates.costGradient(params, i, b);
    }

    /** {@code x = H^-1 rhs} by conjugate gradient. */
    void solve(double[] rhs, double[] x) {
        cg.solve(surrogates, rhs, x, config.cgIterations(), config.cgResidualTolerance());
    }

    /** {@code u^T H u}. */
    double quadratic(double[] u) {
        return quadratic(u, hu);
    }

    /** {@code u^T H u}, leaving {@code H u} in {@code hu} for products with other vectors. */
    double quadratic(double[] u, double[] hu) {
        surrogates.apply(u, hu);
        return Vectors.dot(u, hu);
    }

    /**
     * Tries {@code theta_k + ratio^j step} for {@code j = 0..maxBacktracks-1} and keeps the first trial
     * {@code accept} approves. If none is approved, or a trial is not finite, the parameters go back to
     * theta_k.
     *
     * @param params on return the accepted parameters or theta_k. Modified.
     */
    Search lineSearch(double[] params, double[] step, Predicate<Surrogates.Values> accept) {
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

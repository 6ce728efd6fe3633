package org.cponode.nn;

import java.util.SplittableRandom;

/**
 * Diagonal Gaussian policy {@code pi(a|s) = N(mu_theta(s), diag(exp(2 logStd)))}: the mean is an {@link Mlp}
 * with tanh hidden layers, the log standard deviation a state-independent learnable vector.
 *
 * <p>Flat parameters: the mean network's parameters, then {@code actionSize} log-std values.
 */
public final class GaussianPolicy {

    /** Lower bound on the log standard deviation, as rllab's {@code min_std = 1e-6}. */
    public static final double MIN_LOG_STD = Math.log(1e-6);
    /**
     * Upper bound on the log standard deviation a checkpoint may hold (std 1e6 action units): beyond it a sample
     * is noise, and the network has no clamp of its own there.
     */
    public static final double MAX_LOG_STD = -MIN_LOG_STD;

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final Mlp mean;
    private final int actionSize;

    /**
     * @param observationSize input size
     * @param hidden hidden layer widths, e.g. {64, 32}
     * @param actionSize action dimension
     */
    public GaussianPolicy(int observationSize, int[] hidden, int actionSize) {
        int[] widths = new int[hidden.length + 2];
        widths[0] = observationSize;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = actionSize;
        this.mean = new Mlp(widths);
        this.actionSize = actionSize;
    }

    /** The mean network. */
    public Mlp meanNetwork() {
        return mean;
    }

    public int observationSize() {
        return mean.inputSize();
    }

    public int actionSize() {
        return actionSize;
    }

    /** Total parameters: mean network plus log-std vector. */
    public int parameterCount() {
        return mean.parameterCount() + actionSize;
    }

    /** Offset of the log-std vector in the flat parameters. */
    public int logStdOffset() {
        return mean.parameterCount();
    }

    /** Scratch length for the single-observation methods. */
    public int scratchSize() {
        return mean.scratchSize();
    }

    /**
     * Initialises the mean network (output layer scaled by 0.01) and sets every log-std to {@code log(initStd)}.
     *
     * @param params flat parameters. Modified.
     */
    public void initialize(double[] params, SplittableRandom rng, double initStd) {
        if (!(initStd > 0)) {
            throw new IllegalArgumentException("initial standard deviation must be > 0, got " + initStd);
        }
        mean.initialize(params, 0, rng, 0.01);
        java.util.Arrays.fill(params, logStdOffset(), logStdOffset() + actionSize, Math.log(initStd));
    }

    /**
     * Raises every component's standard deviation to at least {@code minStd}, leaving the mean and larger
     * standard deviations as they are: restores exploration that training has narrowed, e.g. before fine-tuning
     * on another system.
     *
     * @param params flat parameters. Modified.
     * @param minStd the smallest standard deviation kept, in action units, finite and > 0
     * @return whether any component was raised
     */
    public boolean raiseStd(double[] params, double minStd) {
        if (!(minStd > 0) || !Double.isFinite(minStd)) {
            throw new IllegalArgumentException("standard deviation floor must be finite and > 0, got " + minStd);
        }
        double floor = Math.log(minStd);
        boolean raised = false;
        for (int j = 0; j < actionSize; j++) {
            if (logStd(params, j) < floor) {
                params[logStdOffset() + j] = floor;
                raised = true;
            }
        }
        return raised;
    }

    /** Log-std of component j, floored at {@link #MIN_LOG_STD}. */
    public double logStd(double[] params, int j) {
        return Math.max(MIN_LOG_STD, params[logStdOffset() + j]);
    }

    /**
     * Mean action for one observation (the deterministic policy). Allocates nothing.
     *
     * @param obs normalised observation. Not modified.
     * @param meanOut receives {@code actionSize} values. Modified.
     * @param scratch {@link #scratchSize()} doubles. Modified.
     */
    public void mean(double[] params, double[] obs, double[] meanOut, double[] scratch) {
        mean.forward(params, 0, obs, 0, meanOut, 0, scratch);
    }

    /**
     * Samples an action for one observation and returns its log-probability. Allocates nothing.
     *
     * @param obs normalised observation. Not modified.
     * @param rng random stream. Modified.
     * @param meanOut receives the mean. Modified.
     * @param actionOut receives the sampled action (unclipped). Modified.
     * @param scratch {@link #scratchSize()} doubles. Modified.
     * @return {@code log pi(action | obs)}
     */
    public double sample(double[] params, double[] obs, SplittableRandom rng, double[] meanOut, double[] actionOut,
            double[] scratch) {
        mean.forward(params, 0, obs, 0, meanOut, 0, scratch);
        double logp = 0;
        for (int j = 0; j < actionSize; j++) {
            double ls = logStd(params, j);
            double z = rng.nextGaussian();
            actionOut[j] = meanOut[j] + Math.exp(ls) * z;
            logp += -0.5 * z * z - ls - 0.5 * LOG_2PI;
        }
        return logp;
    }

    /**
     * Log-density of a diagonal Gaussian: {@code sum_j -((a_j - mu_j)^2 / (2 sigma_j^2)) - log sigma_j - log(2 pi)/2}.
     */
    public static double logProb(double[] action, int aOff, double[] mu, int muOff, double[] logStd, int n) {
        double logp = 0;
        for (int j = 0; j < n; j++) {
            double ls = logStd[j];
            double z = (action[aOff + j] - mu[muOff + j]) * Math.exp(-ls);
            logp += -0.5 * z * z - ls - 0.5 * LOG_2PI;
        }
        return logp;
    }

    /** Entropy of the diagonal Gaussian with the given log-stds: {@code sum_j (log sigma_j + (1 + log 2 pi)/2)}. */
    public double entropy(double[] params) {
        double h = 0;
        for (int j = 0; j < actionSize; j++) {
            h += logStd(params, j) + 0.5 * (1 + LOG_2PI);
        }
        return h;
    }
}

package org.cponode.learn;

/**
 * Settings of CPO's learned safety margin ({@link CostMargin}).
 *
 * @param rate kappa in [0, 1]: how fast the margin follows CPO's cost-prediction error; 0 switches it off
 * @param sigmas beta >= 0: standard deviations of the prediction error added to its mean
 */
public record CostMarginConfig(double rate, double sigmas) {

    /** No margin: the paper's CPO. */
    public static final CostMarginConfig OFF = new CostMarginConfig(0.0, 0.0);

    /** {@link #DEFAULT}'s rate, as a constant for option defaults. */
    public static final double DEFAULT_RATE = 0.1;
    /** {@link #DEFAULT}'s sigmas, as a constant for option defaults. */
    public static final double DEFAULT_SIGMAS = 0.5;

    /**
     * The training command's and the robot's default: a margin that follows the error over about 10 updates and
     * sits half a standard deviation above its mean (on Point-Circle the realised cost then exceeds 1.1 d in a
     * few percent of iterations instead of about half).
     */
    public static final CostMarginConfig DEFAULT = new CostMarginConfig(DEFAULT_RATE, DEFAULT_SIGMAS);

    public CostMarginConfig {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("cost margin rate must lie in [0, 1], got " + rate);
        }
        if (!(sigmas >= 0) || !Double.isFinite(sigmas)) {
            throw new IllegalArgumentException("cost margin sigmas must be finite and >= 0, got " + sigmas);
        }
    }

    /** A fresh margin with these settings. */
    public CostMargin create() {
        return new CostMargin(this);
    }
}

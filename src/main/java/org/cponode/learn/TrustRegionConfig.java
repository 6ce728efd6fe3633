package org.cponode.learn;

/**
 * Settings shared by CPO, TRPO and PDO (the paper's App. 10.3 gives the defaults).
 *
 * @param maxKl delta_KL, the trust-region radius in mean KL (paper: 0.01)
 * @param cgIterations conjugate-gradient iterations per solve (paper: 10)
 * @param cgResidualTolerance CG stops once r.r falls below this (rllab: 1e-10)
 * @param damping added to the Fisher matrix, {@code H + damping I} (rllab: 1e-5)
 * @param fisherSubsample fraction of the batch used in Fisher-vector products, in (0, 1] (paper: 0.2)
 * @param backtrackRatio line-search shrink factor in (0, 1) (paper: 0.8)
 * @param maxBacktracks line-search trials, ratios {@code backtrackRatio^0 .. ^(maxBacktracks-1)} (paper: 15)
 */
public record TrustRegionConfig(
        double maxKl,
        int cgIterations,
        double cgResidualTolerance,
        double damping,
        double fisherSubsample,
        double backtrackRatio,
        int maxBacktracks) {

    /** {@link #PAPER}'s radius, as a constant for option defaults. */
    public static final double PAPER_MAX_KL = 0.01;
    /** {@link #PAPER}'s CG iterations, as a constant for option defaults. */
    public static final int PAPER_CG_ITERATIONS = 10;
    /** {@link #PAPER}'s damping, as a constant for option defaults. */
    public static final double PAPER_DAMPING = 1e-5;
    /** {@link #PAPER}'s Fisher subsample, as a constant for option defaults. */
    public static final double PAPER_FISHER_SUBSAMPLE = 0.2;

    /** The paper's settings. */
    public static final TrustRegionConfig PAPER = new TrustRegionConfig(PAPER_MAX_KL, PAPER_CG_ITERATIONS, 1e-10,
            PAPER_DAMPING, PAPER_FISHER_SUBSAMPLE, 0.8, 15);

    public TrustRegionConfig {
        // A mean KL of 1 nat per step already lets the policy change beyond recognition; larger radii only reach
        // overflow in the step scale.
        check(maxKl > 0 && maxKl <= 1, "maxKl must lie in (0, 1], got " + maxKl);
        check(cgIterations >= 1, "cgIterations must be >= 1, got " + cgIterations);
        check(cgResidualTolerance >= 0, "cgResidualTolerance must be >= 0, got " + cgResidualTolerance);
        check(damping >= 0 && Double.isFinite(damping), "damping must be >= 0, got " + damping);
        check(fisherSubsample > 0 && fisherSubsample <= 1, "fisherSubsample must lie in (0, 1], got " + fisherSubsample);
        check(backtrackRatio > 0 && backtrackRatio < 1, "backtrackRatio must lie in (0, 1), got " + backtrackRatio);
        check(maxBacktracks >= 1, "maxBacktracks must be >= 1, got " + maxBacktracks);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** A copy with another radius. */
    public TrustRegionConfig withMaxKl(double kl) {
        return new TrustRegionConfig(kl, cgIterations, cgResidualTolerance, damping, fisherSubsample, backtrackRatio,
                maxBacktracks);
    }

    /** {@code Delta = 2 delta_KL}, the trust region as {@code x^T H x <= Delta}. */
    public double delta() {
        return 2 * maxKl;
    }
}

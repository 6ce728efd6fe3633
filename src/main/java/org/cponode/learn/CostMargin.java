package org.cponode.learn;

/**
 * CPO's learned safety margin m: the update enforces {@code Jhat_C <= d - m} instead of {@code d}.
 *
 * <p>Why: CPO picks each step on a linear model of the cost fitted to the same samples it optimises over, so
 * its predicted cost change is biased. The step exploits directions in which the estimated constraint gradient
 * happens to be too small, and the realised cost lands above the limit the step aimed at, iteration after
 * iteration (on Point-Circle about 0.5 above d = 5). The margin measures that error and moves the target by it:
 * <pre>
 *   e     = (Jhat_C(k) - Jhat_C(k-1)) - F_C(k-1)        realised minus predicted change of the previous step
 *   mu    = mu + kappa (e - mu)                         running mean of e
 *   var   = (1 - kappa) (var + kappa (e - mu_old)^2)    running variance of e
 *   m     = clamp(mu + beta sqrt(var), 0, d)            never below 0, so never looser than d
 * </pre>
 * With {@code beta = 0} CPO's cost settles at d on average and exceeds it in about half of the iterations; each
 * unit of {@code beta} moves the average down by one standard deviation of the prediction error, so the realised
 * cost exceeds d less often (beta = 0.5: about 3 in 10 if the error is Gaussian, and 1.1 d far less often).
 * It is the idea of safety-starter-agents' {@code learn_margin}, which integrates the violation
 * {@code Jhat_C - d} instead. Integrating the prediction error does not wind the margin up while the initial
 * policy is far over the limit, which is not an error of the model; it does wind up while a constraint is active
 * and its steps keep predicting drops that the next batch does not show (a target the policy cannot reach):
 * the margin then climbs to its cap d and CPO aims at a cost of 0 (diffdrive-circle-2c's speed constraint,
 * docs/RESULTS.md). {@code kappa = 0} keeps m at 0: the paper's CPO.
 */
public final class CostMargin {

    private final double rate;
    private final double sigmas;
    private double mean;
    private double variance;
    private double margin;
    /** Jhat_C of the previous batch and the change its step predicted; NaN until both are known. */
    private double previousCost = Double.NaN;
    private double previousPrediction = Double.NaN;

    /** @param settings kappa (rate; 0 switches the margin off) and beta (sigmas), validated there */
    public CostMargin(CostMarginConfig settings) {
        this.rate = settings.rate();
        this.sigmas = settings.sigmas();
    }

    /**
     * Takes this batch's {@code Jhat_C}, learns from the previous step's prediction error, and returns the margin
     * to apply to this step.
     *
     * @param cost this batch's Jhat_C
     * @param limit d, which caps the margin
     */
    public double observe(double cost, double limit) {
        if (rate > 0 && !Double.isNaN(previousCost) && !Double.isNaN(previousPrediction)) {
            double error = (cost - previousCost) - previousPrediction;
            double deviation = error - mean;
            mean += rate * deviation;
            variance = (1 - rate) * (variance + rate * deviation * deviation);
            margin = Math.min(limit, Math.max(0.0, mean + sigmas * Math.sqrt(variance)));
        }
        previousCost = cost;
        previousPrediction = Double.NaN;
        return Math.min(margin, limit);
    }

    /** Records the cost change the step just taken predicts (0 for a rejected step). */
    public void predicted(double change) {
        previousPrediction = change;
    }

    /**
     * Forgets the previous batch's cost and prediction, keeping what was learnt of the error: for the first
     * batch from another system (a robot after the simulator), whose cost does not compare with the last one.
     */
    public void forgetHistory() {
        previousCost = Double.NaN;
        previousPrediction = Double.NaN;
    }

    /** The current margin m. */
    public double value() {
        return margin;
    }

    /** {@code {m, mean error, error variance, previous Jhat_C, previous prediction}}, for checkpoints. */
    public double[] state() {
        return new double[] {margin, mean, variance, previousCost, previousPrediction};
    }

    /** Restores {@link #state()}; an empty state (a checkpoint from before the margin existed) starts afresh. */
    public void restore(double[] state) {
        if (state.length == 0) {
            margin = 0;
            mean = 0;
            variance = 0;
            previousCost = Double.NaN;
            previousPrediction = Double.NaN;
            return;
        }
        if (state.length != 5 || !(state[0] >= 0) || !Double.isFinite(state[0]) || !Double.isFinite(state[1])
                || !(state[2] >= 0) || !Double.isFinite(state[2])) {
            throw new IllegalArgumentException("CPO state must be {margin >= 0, mean error, error variance >= 0,"
                    + " previous cost, previous prediction}");
        }
        margin = state[0];
        mean = state[1];
        variance = state[2];
        previousCost = state[3];
        previousPrediction = state[4];
    }
}

package org.cponode.learn;

import java.util.Optional;
import org.cponode.sim.Tasks;

/**
 * Settings of CPO's cost shaping (paper Sec. 6.2): a failure predictor {@code P(s)} estimates
 * the probability that a cost is incurred within {@code horizon} steps, and the cost the update sees becomes
 *
 * <pre>
 *   C+_t = C_t + alpha P(s_t)
 * </pre>
 *
 * for both the cost advantages and the constraint estimate {@code Jhat_C}, which pushes the policy away from
 * the constraint boundary before it is crossed.
 *
 * @param horizon T, the failure-prediction horizon in steps (paper: 5 for Point-Circle)
 * @param alpha the bonus coefficient (paper: 1 for the Circle tasks)
 * @param epochs full-batch Adam steps per iteration ({@code max_epochs}, paper: 25)
 * @param hiddenUnits sigmoid hidden units of the predictor (paper: 32)
 * @param learningRate the predictor's Adam step size (rllab {@code FirstOrderOptimizer}: 1e-3)
 */
public record CostShaping(int horizon, double alpha, int epochs, int hiddenUnits, double learningRate) {

    /** The bonus stays zero until the predictor has been fitted more than this many times (reference: 1). */
    public static final int ZERO_BONUS_FITS = 1;

    public CostShaping {
        if (horizon < 1) {
            throw new IllegalArgumentException("cost-shaping horizon T must be >= 1, got " + horizon);
        }
        if (!(alpha >= 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("cost-shaping alpha must be finite and >= 0, got " + alpha);
        }
        if (epochs < 0 || hiddenUnits < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("failure predictor needs epochs >= 0, hidden units >= 1 and a"
                    + " learning rate > 0, got " + epochs + ", " + hiddenUnits + ", " + learningRate);
        }
    }

    /** The paper's predictor (32 sigmoid units, 25 Adam steps of 1e-3 per iteration) with the given T and alpha. */
    public static CostShaping of(int horizon, double alpha) {
        return new CostShaping(horizon, alpha, 25, 32, 1e-3);
    }

    /**
     * The shaping a task is trained with when shaping is switched on, or empty when the paper does not shape
     * it. Point-Circle: T = 5, alpha = 1 (paper App. 10.3); Point-Gather: none (N/A in the paper);
     * {@code point-goal}: none, as Safety Gymnasium's benchmark, which it follows, has no shaping.
     * {@code diffdrive-circle} is ours: T = 20 steps (1 s at 20 Hz, the horizon the paper used for its other
     * Circle robots, whose episodes are as long), alpha = 1.
     */
    public static Optional<CostShaping> defaultsFor(String task) {
        return switch (task) {
            case Tasks.POINT_CIRCLE -> Optional.of(of(5, 1.0));
            case Tasks.DIFFDRIVE_CIRCLE -> Optional.of(of(20, 1.0));
            default -> Optional.empty();
        };
    }
}

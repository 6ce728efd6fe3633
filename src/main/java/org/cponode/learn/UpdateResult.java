package org.cponode.learn;

/**
 * What one policy update did, for logs and {@code progress.csv}. Fields that an algorithm does not use are NaN
 * (or -1 for the case).
 *
 * @param cpoCase CPO case 0..4 (see {@link CpoDual.Case}), -1 for TRPO and PDO
 * @param accepted whether a line-search trial was accepted (else the parameters were left unchanged)
 * @param backtracks number of shrinks before acceptance (or trials made when rejected)
 * @param kl mean KL between the old and the new policy
 * @param lossImprovement {@code L(theta_k) - L(theta)} of the objective the algorithm minimises
 * @param costSurrogate {@code F_C} at the new parameters (the predicted change of the cost return)
 * @param lambda trust-region multiplier
 * @param nu constraint multiplier (CPO) or Lagrange penalty (PDO, the value used for this step)
 * @param q {@code g^T H^-1 g}
 * @param r {@code g^T H^-1 b}
 * @param s {@code b^T H^-1 b}
 * @param c {@code Jhat_C - (d - m)}, with m the learned margin ({@code costMargin}; 0 when off)
 * @param note why the step was rejected, or empty
 * @param costMargin CPO's learned safety margin subtracted from d for this step (0 when off; NaN for TRPO and PDO)
 */
public record UpdateResult(
        int cpoCase,
        boolean accepted,
        int backtracks,
        double kl,
        double lossImprovement,
        double costSurrogate,
        double lambda,
        double nu,
        double q,
        double r,
        double s,
        double c,
        String note,
        double costMargin) {}

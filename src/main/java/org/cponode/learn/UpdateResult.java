package org.cponode.learn;

import java.util.List;
import java.util.Objects;

/**
 * What one policy update did, for logs and {@code progress.csv}: the values every algorithm has, and in
 * {@code details} those only its algorithm has.
 *
 * @param accepted whether a line-search trial was accepted (else the parameters were left unchanged)
 * @param backtracks number of shrinks before acceptance (or trials made when rejected)
 * @param kl mean KL between the old and the new policy
 * @param lossImprovement {@code L(theta_k) - L(theta)} of the objective the algorithm minimises
 * @param costSurrogate {@code F_C} at the new parameters (the predicted change of the cost return)
 * @param lambda trust-region multiplier (TRPO and PDO: {@code sqrt(q / Delta)}; NaN for a CPO recovery step)
 * @param q {@code g^T H^-1 g} of the gradient the step follows (PDO: of {@code g + nu b})
 * @param c {@code Jhat_C} minus the limit the step was measured against: {@code d - m} for CPO, with m its learned
 *     margin ({@link UpdateDetails.CpoDetails#costMargin()}), else d
 * @param note why the step was rejected, or empty
 * @param details what only this update's algorithm reports
 * @param constraints for a batch with several constraints, each one's values in the task's order (the scalar
 *     values above then describe the first); empty for one constraint
 */
public record UpdateResult(
        boolean accepted,
        int backtracks,
        double kl,
        double lossImprovement,
        double costSurrogate,
        double lambda,
        double q,
        double c,
        String note,
        UpdateDetails details,
        List<ConstraintStep> constraints) {

    /**
     * One constraint's part of a several-constraint update.
     *
     * @param c {@code Jhat_Ci} minus the limit the step was measured against ({@code d_i - m_i} for CPO)
     * @param costSurrogate {@code F_Ci} at the new parameters: the predicted change of the constraint's cost
     * @param multiplier the constraint's Lagrange multiplier in this step (CPO's nu_i, PDO's nu_i, PID's
     *     lambda_i; NaN for TRPO and for a CPO recovery step)
     * @param margin CPO's learned margin m_i for this step (NaN for the other algorithms)
     */
    public record ConstraintStep(double c, double costSurrogate, double multiplier, double margin) {}

    public UpdateResult {
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(details, "details");
        constraints = List.copyOf(constraints);
    }

    /** An update of a one-constraint batch. */
    public UpdateResult(boolean accepted, int backtracks, double kl, double lossImprovement, double costSurrogate,
            double lambda, double q, double c, String note, UpdateDetails details) {
        this(accepted, backtracks, kl, lossImprovement, costSurrogate, lambda, q, c, note, details, List.of());
    }

    /** CPO's case number, or -1 for an update of another algorithm: the value logs with a case column record. */
    public int cpoCase() {
        return details instanceof UpdateDetails.CpoDetails cpo ? cpo.kase().number : -1;
    }
}

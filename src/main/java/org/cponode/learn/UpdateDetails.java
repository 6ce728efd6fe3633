package org.cponode.learn;

/** What an update reports beyond {@link UpdateResult}'s common values: the quantities only its algorithm has. */
public sealed interface UpdateDetails {

    /**
     * CPO's dual solution.
     *
     * @param kase the branch of the dual the step took
     * @param nu constraint multiplier (0 when the constraint is inactive; NaN for a recovery step)
     * @param r {@code g^T H^-1 b}
     * @param s {@code b^T H^-1 b} (0 when there is no constraint gradient)
     * @param costMargin the learned safety margin m subtracted from d for this step (0 when off)
     */
    record CpoDetails(CpoDual.Case kase, double nu, double r, double s, double costMargin) implements UpdateDetails {}

    /** @param nu the Lagrange penalty this step used (the dual ascent after it moves the next step's) */
    record PdoDetails(double nu) implements UpdateDetails {}

    /** @param lambda the PID Lagrange multiplier this step used, set from this batch's cost before the step */
    record PidDetails(double lambda) implements UpdateDetails {}

    /** TRPO ignores the cost, so it has nothing beyond the common values. */
    record TrpoDetails() implements UpdateDetails {}
}

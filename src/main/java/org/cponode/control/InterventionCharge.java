package org.cponode.control;

/**
 * What the learner is told a window cost when the supervisor took it over. Both describe the same window; they
 * differ in which policy's cost CPO then keeps under the budget.
 */
public enum InterventionCharge {
    /**
     * The cost measured, the supervisor's steps included (added to the path's last policy step as they accrue):
     * CPO keeps the cost of policy-plus-supervisor under the budget. The supervisor already does that, so CPO sees
     * a feasible policy however often it needs rescuing, and the policy's own cost barely moves
     * (docs/SIM_TO_REAL.md).
     */
    MEASURED,
    /**
     * The cost measured up to the take-over plus the most the rest of the window could have cost (one per
     * remaining step): an upper bound of what the policy would have cost had nobody stepped in. Keeping this bound
     * under the budget keeps the policy's own cost under it, so CPO has to make the policy need the supervisor
     * less, and stays in recovery until it does.
     */
    BOUND
}

package org.cponode.control;

/**
 * What may change while the control core runs: each constraint's cost budget per window and the velocity limits.
 * Immutable and checked when made; the core adopts a new one whole at the start of a step
 * ({@link ControlCore#requestLimits}), so the settings of one request never apply apart.
 *
 * @param costLimits each constraint's cost allowed per window, in the task's order, each by {@link CostBudget}
 *     (copied)
 * @param maxLinearVelocity forward speed limit of the command, m/s, finite and > 0
 * @param maxAngularVelocity yaw rate limit of the command, rad/s, finite and > 0
 */
public record LiveLimits(double[] costLimits, double maxLinearVelocity, double maxAngularVelocity) {

    public LiveLimits {
        costLimits = costLimits.clone();
        for (double limit : costLimits) {
            CostBudget.requireValid(limit);
        }
        if (!(maxLinearVelocity > 0) || !Double.isFinite(maxLinearVelocity) || !(maxAngularVelocity > 0)
                || !Double.isFinite(maxAngularVelocity)) {
            throw new IllegalArgumentException("velocity limits must be finite and > 0, got " + maxLinearVelocity
                    + " m/s and " + maxAngularVelocity + " rad/s");
        }
    }

    /** The limits a core starts with. */
    static LiveLimits of(ControlSettings s) {
        return new LiveLimits(s.costLimits(), s.maxLinearVelocity(), s.maxAngularVelocity());
    }

    /** Each constraint's budget (a copy). */
    @Override
    public double[] costLimits() {
        return costLimits.clone();
    }

    /** These velocity limits with other budgets. */
    LiveLimits withCostLimits(double[] limits) {
        return new LiveLimits(limits, maxLinearVelocity, maxAngularVelocity);
    }
}

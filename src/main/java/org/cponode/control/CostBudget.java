package org.cponode.control;

/** The one rule for a cost limit, wherever it is set (parameters, fleet, services, trials). */
public final class CostBudget {

    private CostBudget() {}

    /**
     * Checks a cost limit.
     *
     * @return {@code limit}
     * @throws IllegalArgumentException if it is negative, NaN or infinite
     */
    public static double requireValid(double limit) {
        if (!(limit >= 0) || !Double.isFinite(limit)) {
            throw new IllegalArgumentException("cost limit must be finite and >= 0, got " + limit);
        }
        return limit;
    }
}

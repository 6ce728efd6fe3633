package org.cponode.transfer;

/**
 * The start-safe cost budget of fine-tuning on a target robot. It begins at a fraction of the real limit d
 * and widens by a fixed step after each batch of episode windows in which every window stayed within the
 * current budget (cost strictly below it, so no window made the supervisor step in); a batch with a window
 * at or above the budget leaves it unchanged. It never exceeds d and never shrinks. The current budget is both
 * the supervisor's per-window budget and CPO's limit for the next update.
 */
public final class StartSafeBudget {

    private final double limit;
    private final double step;
    private double current;

    /**
     * @param limit the real cost limit d per window, finite and > 0
     * @param startFraction the first budget as a fraction of d, in (0, 1]
     * @param widenFraction each widening as a fraction of d, in (0, 1]
     */
    public StartSafeBudget(double limit, double startFraction, double widenFraction) {
        if (!(limit > 0) || !Double.isFinite(limit)) {
            throw new IllegalArgumentException("cost limit must be finite and > 0, got " + limit);
        }
        if (!(startFraction > 0 && startFraction <= 1)) {
            throw new IllegalArgumentException("start fraction must be in (0, 1], got " + startFraction);
        }
        if (!(widenFraction > 0 && widenFraction <= 1)) {
            throw new IllegalArgumentException("widening step must be in (0, 1] of the limit, got " + widenFraction);
        }
        this.limit = limit;
        this.step = widenFraction * limit;
        this.current = startFraction * limit;
    }

    /** The real limit d. */
    public double limit() {
        return limit;
    }

    /** The budget in force now. */
    public double current() {
        return current;
    }

    /**
     * Accounts one finished batch and widens the budget if every window of it stayed within the budget.
     *
     * @param windowCosts measured cost of each window of the batch. Not modified.
     * @param count number of windows in {@code windowCosts} to consider, >= 1
     * @return true if the budget widened
     */
    public boolean afterBatch(double[] windowCosts, int count) {
        if (count < 1 || count > windowCosts.length) {
            throw new IllegalArgumentException("a batch has 1.." + windowCosts.length + " windows, got " + count);
        }
        for (int i = 0; i < count; i++) {
            if (!(windowCosts[i] < current)) {
                return false;
            }
        }
        double widened = Math.min(limit, current + step);
        boolean changed = widened > current;
        current = widened;
        return changed;
    }
}

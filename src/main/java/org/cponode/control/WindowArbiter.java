package org.cponode.control;

/**
 * Who drives at a control step and what the step is charged, as a pure function of the supervisor's faults,
 * the e-stop, the episode window's costs against their budgets and the fallback: the one place that decides when
 * the supervisor takes a window over from the policy.
 *
 * <p>A window's budgets are spent when the cost of any one constraint reaches its budget ({@link #budgetReached};
 * a constraint that has cost nothing is never spent, so a budget of 0 allows a robot to drive as long as it
 * keeps that constraint). With the "return" fallback the supervisor takes over earlier, as soon as the way back
 * from where the robot is (or, heading out, will be) would spend the rest of the {@code outside} constraint's
 * budget ({@link SafeAreaReturn#mustReturn}). Once taken over, a window stays with the fallback until it ends.
 */
public final class WindowArbiter {

    /** What produces the velocity command. */
    public enum Source {
        /** The acting policy. */
        POLICY,
        /** The last policy version measured within the limit (its mean action). */
        LAST_SAFE,
        /** The way back into the safe area ({@link SafeAreaReturn}). */
        WAY_BACK,
        /** Zero velocity, at once. */
        ZERO
    }

    /** What the observation of a step charges the learning path whose action led to it. */
    public enum Charge {
        /** Its measured cost (after a measured take-over, also every later step's cost of the window). */
        MEASURED,
        /** Its measured cost plus one per step left in the window: the bound charge of a take-over. */
        BOUND,
        /** Nothing: a supervisor fault makes the outcome unknown, so the path ends before that action. */
        UNKNOWN
    }

    /** The decision of one step; reused from step to step, so deciding allocates nothing. */
    public static final class Decision {
        private Mode mode = Mode.FAULT;
        private Source source = Source.ZERO;
        private boolean takeOver;
        private boolean budgetSpent;
        private boolean parked;
        private Charge charge = Charge.UNKNOWN;

        /** Who drives, as diagnostics report it. */
        public Mode mode() {
            return mode;
        }

        /** What produces the command. */
        public Source source() {
            return source;
        }

        /** The supervisor takes the window over at this step. */
        public boolean takeOver() {
            return takeOver;
        }

        /** The window is the supervisor's from now to its end. */
        public boolean budgetSpent() {
            return budgetSpent;
        }

        /** With the "return" fallback: back inside and standing still. */
        public boolean parked() {
            return parked;
        }

        /** What this step's observation charges the path that led to it. */
        public Charge charge() {
            return charge;
        }

        @Override
        public String toString() {
            return mode + "/" + source + (takeOver ? ", take-over" : "") + (budgetSpent ? ", spent" : "")
                    + (parked ? ", parked" : "") + ", charge " + charge;
        }
    }

    private WindowArbiter() {}

    /**
     * Decides one step.
     *
     * @param faults the supervisor's fault mask, 0 when healthy
     * @param estop an e-stop (topic or fleet) is latched
     * @param budgetSpent the window was taken over at an earlier step
     * @param budgetReached a constraint's window cost, this step's observation included, reached its budget
     *     ({@link #budgetReached})
     * @param fallback what drives once the budget is spent
     * @param wayBackDue with the "return" fallback: the way back would spend the rest of the budget
     * @param parked with the "return" fallback: the robot was back inside and standing still at the last step
     * @param backInside with the "return" fallback: the robot counts as back inside now (given {@code parked})
     * @param lastSafeAvailable a policy version measured within the limit exists
     * @param charge what a take-over charges the path it cuts short
     * @param out receives the decision. Modified.
     */
    public static void decide(int faults, boolean estop, boolean budgetSpent, boolean budgetReached,
            Fallback fallback, boolean wayBackDue, boolean parked, boolean backInside, boolean lastSafeAvailable,
            InterventionCharge charge, Decision out) {
        boolean returning = fallback == Fallback.RETURN;
        out.takeOver = !budgetSpent && (budgetReached || (faults == 0 && returning && wayBackDue));
        out.budgetSpent = budgetSpent || out.takeOver;
        out.charge = faults != 0 ? Charge.UNKNOWN : out.takeOver ? takeOverCharge(charge) : Charge.MEASURED;
        out.parked = parked;
        if (estop) {
            out.mode = Mode.ESTOP;
            out.source = Source.ZERO;
        } else if (faults != 0) {
            out.mode = Mode.FAULT;
            out.source = Source.ZERO;
        } else if (out.budgetSpent && returning) {
            out.parked = backInside;
            out.mode = backInside ? Mode.FALLBACK_STOP : Mode.FALLBACK_RETURN;
            out.source = backInside ? Source.ZERO : Source.WAY_BACK;
        } else if (out.budgetSpent && fallback == Fallback.LAST_SAFE && lastSafeAvailable) {
            out.mode = Mode.FALLBACK_LAST_SAFE;
            out.source = Source.LAST_SAFE;
        } else if (out.budgetSpent) {
            out.mode = Mode.FALLBACK_STOP;
            out.source = Source.ZERO;
        } else {
            out.mode = Mode.RUNNING;
            out.source = Source.POLICY;
        }
    }

    /**
     * The first constraint whose window cost reached its budget: a cost above 0 and at least the budget.
     *
     * @param windowCosts each constraint's cost so far in the window. Not modified.
     * @param budgets each constraint's budget. Not modified.
     * @return its index, or -1 when every constraint is within its budget
     */
    public static int budgetReached(double[] windowCosts, double[] budgets) {
        for (int i = 0; i < windowCosts.length; i++) {
            if (windowCosts[i] > 0 && windowCosts[i] >= budgets[i]) {
                return i;
            }
        }
        return -1;
    }

    /** What a step the supervisor takes over from the policy is charged: the bound, or the measured costs. */
    public static Charge takeOverCharge(InterventionCharge charge) {
        return charge == InterventionCharge.BOUND ? Charge.BOUND : Charge.MEASURED;
    }
}

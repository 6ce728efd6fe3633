package org.cponode.control;

/**
 * One finished episode window, as the control core accounted it.
 *
 * @param window index from 0
 * @param costs each constraint's cost summed over the window, the supervisor's steps included, in the task's order
 * @param reward sum of the rewards observed over the window
 * @param budgets each constraint's cost budget in force at the window's end
 * @param policySteps steps the policy drove
 * @param supervised the supervisor took the window over from the policy
 * @param policyVersion version of the policy that drove its last policy step, -1 if none did
 * @param faultSteps steps with a supervisor fault (zero velocity, nothing observed)
 */
public record WindowSummary(long window, double[] costs, double reward, double[] budgets, int policySteps,
        boolean supervised, long policyVersion, int faultSteps) {

    public WindowSummary {
        if (costs.length != budgets.length || costs.length < 1) {
            throw new IllegalArgumentException("a window has a cost and a budget per constraint, got "
                    + costs.length + " and " + budgets.length);
        }
        costs = costs.clone();
        budgets = budgets.clone();
    }

    /** The first constraint's cost (a one-constraint task's only one). */
    public double cost() {
        return costs[0];
    }

    /** The first constraint's budget. */
    public double budget() {
        return budgets[0];
    }
}
